import type * as Y from 'yjs'
import { listZones, readMeta, readPhases, readSession } from '@shared/board/index.ts'
import {
  TEMPLATE_LIMITS,
  type Localized,
  type TemplateDefinition,
  type TemplatePhase,
  type TemplateZone,
} from '@shared/templates/index.ts'

export interface TemplateNaming {
  id: string
  name: Partial<Localized>
  description?: Partial<Localized>
}

/**
 * Every language from the texts given: a missing or blank one copies a given one (Swedish
 * and English fall back to Finnish first, Finnish to Swedish: the city's two languages).
 */
export function fillLocalized(given: Partial<Localized>, fallback: Localized): Localized {
  const fi = given.fi?.trim() ?? ''
  const en = given.en?.trim() ?? ''
  const sv = given.sv?.trim() ?? ''
  if (!fi && !en && !sv) return fallback
  return { fi: fi || sv || en, en: en || fi || sv, sv: sv || fi || en }
}

/** A board's texts are in one language (its locale); a template made from it has every slot. */
const same = (text: string): Localized => ({ fi: text, en: text, sv: text })

const colorPattern = new RegExp(TEMPLATE_LIMITS.colorPattern)

/**
 * Builds a custom template from a board: its zones (with their current titles, prompts,
 * geometry and colours), its phase plan and its votes per person. Zone and phase texts are
 * in the board's language and fill both language slots. The caller validates the result.
 */
export function templateFromBoard(doc: Y.Doc, naming: TemplateNaming): TemplateDefinition {
  const meta = readMeta(doc)
  const zones: TemplateZone[] = listZones(doc).map((zone) => ({
    key: zone.id,
    kind: zone.kind.slice(0, TEMPLATE_LIMITS.kindMaxChars) || 'frame',
    title: same(zone.title),
    prompt: same(zone.prompt),
    x: Math.round(zone.x),
    y: Math.round(zone.y),
    width: Math.max(1, Math.round(zone.width)),
    height: Math.max(1, Math.round(zone.height)),
    color: colorPattern.test(zone.color) ? zone.color : '#f4f4f5',
  }))
  const zoneKeys = new Set(zones.map((zone) => zone.key))
  const boardPhases = readPhases(doc)
  const phaseIds = new Set(boardPhases.map((phase) => phase.id))
  const phases: TemplatePhase[] = boardPhases.map((phase) => ({
    id: phase.id,
    title: same(phase.title || phase.id),
    prompt: same(phase.prompt),
    minutes: Math.min(TEMPLATE_LIMITS.maxMinutes, Math.round(phase.minutes)),
    // A zone deleted since the plan was written no longer opens or closes anything.
    openZones: phase.openZones === 'all' ? 'all' : phase.openZones.filter((key) => zoneKeys.has(key)),
    silent: phase.silent,
    voting: phase.voting,
    ...(phase.loopTo !== null && phaseIds.has(phase.loopTo) && phase.loopTo !== phase.id
      ? { loopTo: phase.loopTo }
      : {}),
  }))
  if (phases.length === 0) {
    // A board without a stored plan still makes a usable template: one open working phase.
    phases.push({
      id: 'work',
      title: { fi: 'Työskentely', en: 'Working', sv: 'Arbete' },
      prompt: same(''),
      minutes: 10,
      openZones: 'all',
      silent: false,
      voting: false,
    })
  }
  const votesPerPerson = Math.min(
    TEMPLATE_LIMITS.maxVotesPerPerson,
    Math.max(1, readSession(doc).voting.votesPerPerson),
  )
  return {
    id: naming.id,
    name: fillLocalized(naming.name, same(meta.title)),
    description: fillLocalized(naming.description ?? {}, {
      fi: `Tallennettu taulusta ”${meta.title}”.`,
      en: `Saved from the board “${meta.title}”.`,
      sv: `Sparad från tavlan ”${meta.title}”.`,
    }),
    zones,
    phases,
    votesPerPerson,
  }
}
