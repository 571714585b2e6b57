import {
  EMPTY_EXPERIMENT,
  EXPERIMENT_FIELDS,
  type Experiment,
  type HistoryActor,
  type HistoryEntry,
  type HistoryValue,
  type IdeaPatchBody,
} from '@shared/api/ideas.ts'
import { normalizeTags } from '@shared/ideas/text.ts'
import { canEditExperiment, canMove, EXPERIMENT_STATUSES, needsComment, STATUS_MOVES } from '@shared/ideas/workflow.ts'
import { httpErrors } from '../errors.ts'
import type { IdeaFieldChanges, IdeaUpdate, StoredIdea } from '../storage/types.ts'

/**
 * Turns a hub's PATCH into the change to store, or the error that refuses it. Pure: the
 * caller reads the idea (and the merge target) and stores the result under a version check,
 * planning again if another change came first.
 */

function sameValue(a: HistoryValue, b: HistoryValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A real calendar date (the schema only checks the YYYY-MM-DD shape). */
function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

function planExperiment(current: Experiment | null, patch: NonNullable<IdeaPatchBody['experiment']>): Experiment {
  const next: Experiment = { ...(current ?? EMPTY_EXPERIMENT) }
  for (const field of EXPERIMENT_FIELDS) {
    const value = patch[field]
    if (value === undefined) continue
    if (field === 'startsOn' || field === 'endsOn') {
      if (value !== null && !isRealDate(value))
        throw httpErrors.badRequest(`body/experiment/${field} is not a real date: ${value}`)
      next[field] = value
    } else {
      next[field] = (value ?? '').trim()
    }
  }
  if (next.startsOn && next.endsOn && next.endsOn < next.startsOn) {
    throw httpErrors.badRequest('body/experiment/endsOn is before body/experiment/startsOn')
  }
  return next
}

export interface PlanInput {
  idea: StoredIdea
  body: IdeaPatchBody
  by: HistoryActor
  at: number
  /** The idea named by body.mergedInto, looked up by id or ref; null when there is none. */
  mergeTarget: StoredIdea | null
}

/** The change to store, or null when the request changes nothing and says nothing. */
export function planChange({ idea, body, by, at, mergeTarget }: PlanInput): IdeaUpdate | null {
  const comment = body.comment?.trim() || null
  const set: IdeaFieldChanges = {}
  const entries: Array<Omit<HistoryEntry, 'at' | 'by' | 'comment'>> = []
  const record = (field: HistoryEntry['field'], from: HistoryValue, to: HistoryValue) => {
    if (!sameValue(from, to)) entries.push({ field, from, to })
  }

  // ---- status ----
  const nextStatus = body.status ?? idea.status
  const moving = body.status !== undefined && body.status !== idea.status
  if (body.mergedInto !== undefined && body.status !== 'merged') {
    throw httpErrors.badRequest('body/mergedInto is given only together with status "merged"')
  }
  if (moving) {
    if (!canMove(idea.status, nextStatus)) {
      const allowed = STATUS_MOVES[idea.status]
      throw httpErrors.conflict(
        `An idea cannot move from ${idea.status} to ${nextStatus}; from ${idea.status} it can move to ${allowed.length > 0 ? allowed.join(', ') : 'nothing (a decision was made)'}.`,
      )
    }
    if (needsComment(nextStatus) && !comment) {
      throw httpErrors.badRequest(`body/comment is required to move an idea to ${nextStatus}: say why`)
    }
    set.status = nextStatus
    record('status', idea.status, nextStatus)
  } else if (body.status === 'merged') {
    throw httpErrors.conflict(`${idea.ref} is merged already; it cannot be merged again.`)
  }

  let mergeEntry: IdeaUpdate['mergeTarget']
  if (moving && nextStatus === 'merged') {
    if (body.mergedInto === undefined)
      throw httpErrors.badRequest(
        'body/mergedInto is required with status "merged": the id or ref of the idea this one joins',
      )
    if (!mergeTarget) throw httpErrors.badRequest(`body/mergedInto: there is no idea ${body.mergedInto}`)
    if (mergeTarget.id === idea.id) throw httpErrors.badRequest('body/mergedInto: an idea cannot be merged into itself')
    if (mergeTarget.status === 'merged') {
      throw httpErrors.conflict(`${mergeTarget.ref} is itself merged into another idea; merge into that one instead.`)
    }
    set.mergedInto = mergeTarget.id
    record('mergedInto', idea.mergedInto, mergeTarget.id)
    mergeEntry = { id: mergeTarget.id, entry: { at, by, field: 'mergedFrom', from: null, to: idea.id, comment } }
  }

  // ---- fields ----
  if (body.title !== undefined) {
    const title = body.title.replace(/\s+/g, ' ').trim()
    if (!title) throw httpErrors.badRequest('body/title must not be blank')
    set.title = title
    record('title', idea.title, title)
  }
  if (body.description !== undefined) {
    set.description = body.description.trim()
    record('description', idea.description, set.description)
  }
  if (body.department !== undefined) {
    set.department = body.department?.replace(/\s+/g, ' ').trim() || null
    record('department', idea.department, set.department)
  }
  if (body.tags !== undefined) {
    set.tags = normalizeTags(body.tags)
    record('tags', idea.tags, set.tags)
  }
  if (body.experiment !== undefined) {
    if (!canEditExperiment(idea.status, nextStatus)) {
      throw httpErrors.conflict(
        `The experiment record can be edited while the idea is ${EXPERIMENT_STATUSES.join(' or ')}; ${idea.ref} is ${idea.status}.`,
      )
    }
    const experiment = planExperiment(idea.experiment, body.experiment)
    const before = idea.experiment ?? EMPTY_EXPERIMENT
    for (const field of EXPERIMENT_FIELDS) record(`experiment.${field}`, before[field], experiment[field])
    set.experiment = experiment
  }

  // Fields set to what they were are left out, so that they do not count as changes.
  for (const key of Object.keys(set) as Array<keyof IdeaFieldChanges>) {
    const changed = entries.some(
      (entry) => entry.field === key || (key === 'experiment' && entry.field.startsWith('experiment.')),
    )
    if (!changed) delete set[key]
  }

  if (entries.length === 0 && !comment) return null
  const history: HistoryEntry[] =
    entries.length === 0
      ? [{ at, by, field: 'comment', from: null, to: null, comment }]
      : entries.map((entry, index) => ({ ...entry, at, by, comment: index === 0 ? comment : null }))
  return {
    id: idea.id,
    expectedVersion: idea.version,
    at,
    set,
    history,
    ...(mergeEntry ? { mergeTarget: mergeEntry } : {}),
  }
}
