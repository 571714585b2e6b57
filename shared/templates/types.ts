/** Facilitator templates are declarative data: zones, phases and voting settings. */

export const LOCALES = ['fi', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Every user-facing string of a template exists in both languages. */
export type Localized = Readonly<Record<Locale, string>>

export interface TemplateZone {
  /** Stable within the template; becomes the zone id on new boards. */
  key: string
  kind: string
  title: Localized
  prompt: Localized
  x: number
  y: number
  width: number
  height: number
  color: string
}

export interface TemplatePhase {
  id: string
  title: Localized
  prompt: Localized
  /** Suggested length; the facilitator's timer starts from this. */
  minutes: number
  /** Keys of zones participants may write in during this phase; empty means all zones. */
  openZones: readonly string[]
  silent: boolean
  voting: boolean
}

export interface TemplateDefinition {
  id: string
  name: Localized
  description: Localized
  zones: readonly TemplateZone[]
  phases: readonly TemplatePhase[]
  votesPerPerson: number
}
