import { isLocale } from '../locale.ts'
import { LOCALES, TEMPLATE_LIMITS } from '../templates/types.ts'
import { ID_MAX_CHARS, TITLE_MAX_CHARS } from './schema.ts'
import { BEFORE_SILENCE_ID_MAX_CHARS, BEFORE_SILENCE_MAX_NOTES, SESSION_KEYS } from './session.ts'
import { PHASES_KEY } from './phases.ts'
import { asRecord } from './coerce.ts'

/**
 * Shape checks for what a facilitator writes into `session` and `meta`. The readers are
 * defensive anyway; these keep a buggy or hostile facilitator client from storing values
 * that every other client would then have to ignore. Each returns a sentence, or null.
 */

const TIMER_MAX_MS = 24 * 60 * 60 * 1000

export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
export const isShortString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max

function timerProblem(value: unknown): string | null {
  if (value === null) return null
  const timer = asRecord(value)
  if (!timer) return 'timer must be an object or null'
  const paused = timer['pausedRemainingMs']
  if (!isFiniteNumber(timer['startedAt']) || timer['startedAt'] < 0) return 'timer.startedAt must be a time in ms'
  const duration = timer['durationMs']
  if (!isFiniteNumber(duration) || duration < 0 || duration > TIMER_MAX_MS) return 'timer.durationMs must be 0 to 24 h'
  if (paused !== null && (!isFiniteNumber(paused) || paused < 0 || paused > TIMER_MAX_MS))
    return 'timer.pausedRemainingMs must be null or 0 to 24 h'
  return null
}

function votingProblem(value: unknown): string | null {
  const voting = asRecord(value)
  if (!voting || typeof voting['open'] !== 'boolean') return 'voting.open must be a boolean'
  const perPerson = voting['votesPerPerson']
  if (
    !Number.isInteger(perPerson) ||
    (perPerson as number) < 0 ||
    (perPerson as number) > TEMPLATE_LIMITS.maxVotesPerPerson
  ) {
    return `voting.votesPerPerson must be an integer from 0 to ${TEMPLATE_LIMITS.maxVotesPerPerson}`
  }
  return null
}

function followProblem(value: unknown): string | null {
  if (value === null) return null
  const follow = asRecord(value)
  if (!follow || !Number.isInteger(follow['clientId']) || (follow['clientId'] as number) < 0)
    return 'follow.clientId must be a client id'
  return isFiniteNumber(follow['since']) ? null : 'follow.since must be a time in ms'
}

function spotlightProblem(value: unknown): string | null {
  if (value === null) return null
  const spotlight = asRecord(value)
  if (!spotlight || (spotlight['kind'] !== 'note' && spotlight['kind'] !== 'zone'))
    return "spotlight.kind must be 'note' or 'zone'"
  if (!isShortString(spotlight['id'], ID_MAX_CHARS)) return 'spotlight.id must be an id'
  return isFiniteNumber(spotlight['since']) ? null : 'spotlight.since must be a time in ms'
}

function beforeSilenceProblem(value: unknown): string | null {
  if (value === null) return null
  const ok =
    Array.isArray(value) &&
    value.length <= BEFORE_SILENCE_MAX_NOTES &&
    value.every((id) => isShortString(id, BEFORE_SILENCE_ID_MAX_CHARS))
  return ok ? null : `beforeSilence must be null or a list of at most ${BEFORE_SILENCE_MAX_NOTES} note ids`
}

/** `value` is the key's new value, undefined when the key was deleted. */
export function sessionValueProblem(key: string, value: unknown): string | null {
  if (!(SESSION_KEYS as readonly string[]).includes(key)) return `unknown session key "${key}"`
  if (value === undefined) return null
  switch (key) {
    case 'phase':
      return isShortString(value, ID_MAX_CHARS) ? null : 'phase must be a phase id'
    case 'locked':
    case 'silent':
      return typeof value === 'boolean' ? null : `${key} must be a boolean`
    case 'timer':
      return timerProblem(value)
    case 'voting':
      return votingProblem(value)
    case 'follow':
      return followProblem(value)
    case 'spotlight':
      return spotlightProblem(value)
    case 'beforeSilence':
      return beforeSilenceProblem(value)
    default:
      return null
  }
}

/** The keys of the meta map. */
const META_KEYS: readonly string[] = ['title', 'template', 'createdAt', 'locale', PHASES_KEY]

function phaseProblem(value: unknown, index: number): string | null {
  const phase = asRecord(value)
  const where = `phases[${index}]`
  if (!phase) return `${where} must be an object`
  if (!isShortString(phase['id'], ID_MAX_CHARS) || phase['id'].length === 0) return `${where}.id must be an id`
  if (!isShortString(phase['title'], TEMPLATE_LIMITS.zoneTitleMaxChars))
    return `${where}.title must be text of at most ${TEMPLATE_LIMITS.zoneTitleMaxChars} characters`
  if (!isShortString(phase['prompt'], TEMPLATE_LIMITS.promptMaxChars))
    return `${where}.prompt must be text of at most ${TEMPLATE_LIMITS.promptMaxChars} characters`
  const minutes = phase['minutes']
  if (!isFiniteNumber(minutes) || minutes < 0 || minutes > TEMPLATE_LIMITS.maxMinutes)
    return `${where}.minutes must be 0 to ${TEMPLATE_LIMITS.maxMinutes}`
  const open = phase['openZones']
  const openOk =
    open === 'all' ||
    (Array.isArray(open) &&
      open.length <= TEMPLATE_LIMITS.maxZones &&
      open.every((id) => isShortString(id, ID_MAX_CHARS)))
  if (!openOk) return `${where}.openZones must be 'all' or a list of zone ids`
  if (typeof phase['silent'] !== 'boolean' || typeof phase['voting'] !== 'boolean')
    return `${where}.silent and .voting must be booleans`
  const loopTo = phase['loopTo']
  if (loopTo !== undefined && loopTo !== null && !isShortString(loopTo, ID_MAX_CHARS))
    return `${where}.loopTo must be a phase id or null`
  return null
}

/** `value` is the key's new value, undefined when the key was deleted. A key not listed here is refused. */
export function metaValueProblem(key: string, value: unknown): string | null {
  if (!META_KEYS.includes(key)) return `unknown meta key "${key}"`
  if (value === undefined) return null
  switch (key) {
    case 'title':
      return isShortString(value, TITLE_MAX_CHARS) && value.trim().length > 0
        ? null
        : `title must be 1 to ${TITLE_MAX_CHARS} characters`
    case 'template':
      return isShortString(value, ID_MAX_CHARS) ? null : 'template must be a template id'
    case 'createdAt':
      return isFiniteNumber(value) ? null : 'createdAt must be a time in ms'
    case 'locale':
      return isLocale(value) ? null : `locale must be one of ${LOCALES.join(', ')}`
    case PHASES_KEY: {
      if (!Array.isArray(value) || value.length > TEMPLATE_LIMITS.maxPhases)
        return `phases must be a list of at most ${TEMPLATE_LIMITS.maxPhases}`
      for (const [index, phase] of value.entries()) {
        const problem = phaseProblem(phase, index)
        if (problem) return problem
      }
      return null
    }
    default:
      return null
  }
}
