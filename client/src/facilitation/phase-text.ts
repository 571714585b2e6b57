import type { BoardMeta, PhaseData, ZoneData } from '@shared/board/index.ts'
import { openZoneIds } from '@shared/facilitation/index.ts'
import { findTemplate, type Locale } from '@shared/templates/index.ts'

/** A text and the language it is in (for the element's `lang`, so screen readers read it right). */
export interface LocalizedText {
  text: string
  lang: Locale
}

/**
 * A template text in the reader's language when that is faithful: the board stores its
 * template's texts in the board's language (meta.locale), and a built-in template knows
 * both. A text the facilitator changed, or one from a custom template, stays as written.
 */
function translated(
  stored: string,
  source: Readonly<Record<Locale, string>> | undefined,
  meta: Pick<BoardMeta, 'locale'>,
  locale: Locale,
): LocalizedText {
  if (locale !== meta.locale && source && source[meta.locale] === stored && source[locale]) {
    return { text: source[locale], lang: locale }
  }
  return { text: stored, lang: meta.locale }
}

export function phaseTitle(
  phase: PhaseData,
  meta: Pick<BoardMeta, 'locale' | 'template'>,
  locale: Locale,
): LocalizedText {
  const source = findTemplate(meta.template)?.phases.find((candidate) => candidate.id === phase.id)
  return translated(phase.title, source?.title, meta, locale)
}

export function phasePrompt(
  phase: PhaseData,
  meta: Pick<BoardMeta, 'locale' | 'template'>,
  locale: Locale,
): LocalizedText {
  const source = findTemplate(meta.template)?.phases.find((candidate) => candidate.id === phase.id)
  return translated(phase.prompt, source?.prompt, meta, locale)
}

function templateZone(zone: ZoneData, meta: Pick<BoardMeta, 'template'>) {
  return findTemplate(meta.template)?.zones.find((candidate) => candidate.key === zone.id)
}

export function zoneTitle(zone: ZoneData, meta: Pick<BoardMeta, 'locale' | 'template'>, locale: Locale): LocalizedText {
  return translated(zone.title, templateZone(zone, meta)?.title, meta, locale)
}

export function zonePrompt(
  zone: ZoneData,
  meta: Pick<BoardMeta, 'locale' | 'template'>,
  locale: Locale,
): LocalizedText {
  return translated(zone.prompt, templateZone(zone, meta)?.prompt, meta, locale)
}

/**
 * The zones participants may write in during a phase: null when the phase does not restrict
 * them (write anywhere), else the open zones in board order (possibly none).
 */
export function openZonesOf(phase: PhaseData | null, zones: readonly ZoneData[]): ZoneData[] | null {
  const open = openZoneIds(phase)
  if (open === 'all') return null
  return zones.filter((zone) => open.has(zone.id))
}
