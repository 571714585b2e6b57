import type { BoardMeta, PhaseData, ZoneData } from '@shared/board/index.ts'
import { openZoneIds } from '@shared/facilitation/index.ts'
import type { Locale, TemplateDefinition } from '@shared/templates/types.ts'
import { Store } from '../lib/store.ts'
import { useStore } from '../lib/use-store.ts'

/** A text and the language it is in (for the element's `lang`, so screen readers read it right). */
export interface LocalizedText {
  text: string
  lang: Locale
}

/**
 * The built-in templates' texts in every language (shared/templates, a chunk of its own).
 * They are needed only when the reader's language is not the board's, so they load then, not
 * with every board: until they have, the board's own texts show, and the components that show
 * template texts (useTemplateTexts) render again once they are there.
 */
const builtIn = new Store<{ find: (id: string) => TemplateDefinition | undefined } | null>(null)
let loading: Promise<void> | null = null

export function loadTemplateTexts(): Promise<void> {
  loading ??= import('@shared/templates/index.ts').then(
    (module) => builtIn.set({ find: module.findTemplate }),
    (error: unknown) => {
      loading = null // a later render tries again
      throw error
    },
  )
  return loading
}

/** Renders the calling component again when the built-in templates' texts have loaded. */
export function useTemplateTexts(): void {
  useStore(builtIn)
}

/** The board's built-in template, when its texts are needed (another language) and loaded. */
function templateOf(meta: Pick<BoardMeta, 'locale' | 'template'>, locale: Locale): TemplateDefinition | undefined {
  if (locale === meta.locale) return undefined
  const loaded = builtIn.get()
  if (!loaded) {
    loadTemplateTexts().catch(() => {})
    return undefined
  }
  return loaded.find(meta.template)
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
  const source = templateOf(meta, locale)?.phases.find((candidate) => candidate.id === phase.id)
  return translated(phase.title, source?.title, meta, locale)
}

export function phasePrompt(
  phase: PhaseData,
  meta: Pick<BoardMeta, 'locale' | 'template'>,
  locale: Locale,
): LocalizedText {
  const source = templateOf(meta, locale)?.phases.find((candidate) => candidate.id === phase.id)
  return translated(phase.prompt, source?.prompt, meta, locale)
}

function templateZone(zone: ZoneData, meta: Pick<BoardMeta, 'locale' | 'template'>, locale: Locale) {
  return templateOf(meta, locale)?.zones.find((candidate) => candidate.key === zone.id)
}

export function zoneTitle(zone: ZoneData, meta: Pick<BoardMeta, 'locale' | 'template'>, locale: Locale): LocalizedText {
  return translated(zone.title, templateZone(zone, meta, locale)?.title, meta, locale)
}

export function zonePrompt(
  zone: ZoneData,
  meta: Pick<BoardMeta, 'locale' | 'template'>,
  locale: Locale,
): LocalizedText {
  return translated(zone.prompt, templateZone(zone, meta, locale)?.prompt, meta, locale)
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
