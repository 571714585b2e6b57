import { LOCALES, TEMPLATE_LIMITS, type Localized, type TemplateDefinition, type TemplateZone } from './types.ts'

export interface TemplateCheckOptions {
  /**
   * Built-in templates must not have overlapping zones; a facilitator's custom template may
   * nest frames on purpose (the smallest containing zone wins, see zoneAt).
   */
  allowOverlap?: boolean
  /**
   * Built-in templates need every title and prompt in both languages; a template saved from
   * a board may carry the board's empty prompts and untitled frames (its name is required).
   */
  requireTexts?: boolean
}

const idPattern = new RegExp(TEMPLATE_LIMITS.idPattern)
const keyPattern = new RegExp(TEMPLATE_LIMITS.keyPattern)
const colorPattern = new RegExp(TEMPLATE_LIMITS.colorPattern)

function overlaps(a: TemplateZone, b: TemplateZone): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * Everything wrong with a template, as sentences naming the part ([] when it is sound): ids
 * and keys, both languages of every text, geometry, and that phases name existing zones and
 * phases. Used by the tests of the built-in templates and when a custom template is saved.
 */
export function templateProblems(template: TemplateDefinition, options: TemplateCheckOptions = {}): string[] {
  const problems: string[] = []
  const requireTexts = options.requireTexts ?? true
  const text = (where: string, value: Localized, maxChars: number, required = requireTexts) => {
    for (const locale of LOCALES) {
      const entry = value[locale]
      if (typeof entry !== 'string') problems.push(`${where}: the ${locale} text is missing`)
      else if (required && entry.trim().length === 0) problems.push(`${where}: the ${locale} text is missing`)
      else if (entry.length > maxChars)
        problems.push(`${where}: the ${locale} text is longer than ${maxChars} characters`)
    }
  }

  if (!idPattern.test(template.id)) problems.push(`id "${template.id}" does not match ${TEMPLATE_LIMITS.idPattern}`)
  text('name', template.name, TEMPLATE_LIMITS.nameMaxChars, true)
  text('description', template.description, TEMPLATE_LIMITS.descriptionMaxChars)
  if (
    !Number.isInteger(template.votesPerPerson) ||
    template.votesPerPerson < 1 ||
    template.votesPerPerson > TEMPLATE_LIMITS.maxVotesPerPerson
  ) {
    problems.push(`votesPerPerson must be an integer from 1 to ${TEMPLATE_LIMITS.maxVotesPerPerson}`)
  }

  if (template.zones.length > TEMPLATE_LIMITS.maxZones) problems.push(`more than ${TEMPLATE_LIMITS.maxZones} zones`)
  const zoneKeys = new Set<string>()
  for (const zone of template.zones) {
    const where = `zone "${zone.key}"`
    if (!keyPattern.test(zone.key)) problems.push(`${where}: key does not match ${TEMPLATE_LIMITS.keyPattern}`)
    if (zoneKeys.has(zone.key)) problems.push(`${where}: key is used twice`)
    zoneKeys.add(zone.key)
    if (zone.kind.length === 0 || zone.kind.length > TEMPLATE_LIMITS.kindMaxChars)
      problems.push(`${where}: kind must be 1–${TEMPLATE_LIMITS.kindMaxChars} characters`)
    text(`${where} title`, zone.title, TEMPLATE_LIMITS.zoneTitleMaxChars)
    text(`${where} prompt`, zone.prompt, TEMPLATE_LIMITS.promptMaxChars)
    for (const [name, value] of [
      ['x', zone.x],
      ['y', zone.y],
    ] as const) {
      if (!Number.isFinite(value) || Math.abs(value) > TEMPLATE_LIMITS.maxCoordinate)
        problems.push(`${where}: ${name} is out of range`)
    }
    for (const [name, value] of [
      ['width', zone.width],
      ['height', zone.height],
    ] as const) {
      if (!Number.isFinite(value) || value <= 0 || value > TEMPLATE_LIMITS.maxZoneSize)
        problems.push(`${where}: ${name} must be from 1 to ${TEMPLATE_LIMITS.maxZoneSize}`)
    }
    if (!colorPattern.test(zone.color)) problems.push(`${where}: color must be #rrggbb`)
  }
  if (!options.allowOverlap) {
    template.zones.forEach((zone, index) => {
      for (const other of template.zones.slice(index + 1)) {
        if (overlaps(zone, other)) problems.push(`zones "${zone.key}" and "${other.key}" overlap`)
      }
    })
  }

  if (template.phases.length === 0) problems.push('a template needs at least one phase')
  if (template.phases.length > TEMPLATE_LIMITS.maxPhases) problems.push(`more than ${TEMPLATE_LIMITS.maxPhases} phases`)
  const phaseIds = new Set(template.phases.map((phase) => phase.id))
  const seenPhases = new Set<string>()
  for (const phase of template.phases) {
    const where = `phase "${phase.id}"`
    if (!keyPattern.test(phase.id)) problems.push(`${where}: id does not match ${TEMPLATE_LIMITS.keyPattern}`)
    if (seenPhases.has(phase.id)) problems.push(`${where}: id is used twice`)
    seenPhases.add(phase.id)
    text(`${where} title`, phase.title, TEMPLATE_LIMITS.zoneTitleMaxChars)
    text(`${where} prompt`, phase.prompt, TEMPLATE_LIMITS.promptMaxChars)
    if (!Number.isInteger(phase.minutes) || phase.minutes < 0 || phase.minutes > TEMPLATE_LIMITS.maxMinutes) {
      problems.push(`${where}: minutes must be an integer from 0 to ${TEMPLATE_LIMITS.maxMinutes}`)
    }
    if (phase.openZones !== 'all') {
      for (const key of phase.openZones) {
        if (!zoneKeys.has(key)) problems.push(`${where}: opens zone "${key}", which the template does not have`)
      }
    }
    if (phase.loopTo !== undefined && (!phaseIds.has(phase.loopTo) || phase.loopTo === phase.id)) {
      problems.push(`${where}: loops to "${phase.loopTo}", which is not another phase of the template`)
    }
  }
  return problems
}
