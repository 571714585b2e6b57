/**
 * Facilitator templates are declarative data: zones, phases and voting settings. A template
 * is copied onto a board when the board is created (shared/templates/layout.ts); from then on
 * the board document holds its own zones and phase plan.
 */

export const LOCALES = ['fi', 'en', 'sv'] as const
export type Locale = (typeof LOCALES)[number]

/** Every user-facing string of a template exists in both languages. */
export type Localized = Readonly<Record<Locale, string>>

/**
 * Which zones participants may write in during a phase: 'all', or the keys of the open zones
 * ([] closes every zone). The canvas outside every zone is never closed by a phase.
 */
export type OpenZones = 'all' | readonly string[]

export interface TemplateZone {
  /** Stable within the template; becomes the zone id on new boards. */
  key: string
  /** 'focus', 'dreamer', 'realist', 'critic', 'questions', … ; open-ended. */
  kind: string
  title: Localized
  prompt: Localized
  x: number
  y: number
  width: number
  height: number
  /** #rrggbb */
  color: string
}

export interface TemplatePhase {
  id: string
  title: Localized
  /** Shown to everyone while the phase runs. */
  prompt: Localized
  /** Suggested length; the timer is set to this when the phase begins. */
  minutes: number
  openZones: OpenZones
  /** Entering the phase turns silent mode on (true) or off (false). */
  silent: boolean
  /** Entering the phase opens a dot-voting round (true) or closes it (false). */
  voting: boolean
  /**
   * A phase the facilitator may go back to from here for another round (the Disney loop:
   * from the Critic back to the Dreamer). Absent when the phase only moves forward.
   */
  loopTo?: string
}

export interface TemplateDefinition {
  /** Lowercase, as in TEMPLATE_ID_PATTERN. Built-in ids are words; custom ones start 'c-'. */
  id: string
  name: Localized
  description: Localized
  zones: readonly TemplateZone[]
  phases: readonly TemplatePhase[]
  /** Dots each participant gets in a voting round. */
  votesPerPerson: number
}

/** Limits shared by the template data, the API schemas and the board document. */
export const TEMPLATE_LIMITS = {
  idPattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  keyPattern: '^[A-Za-z0-9_-]{1,64}$',
  nameMaxChars: 80,
  descriptionMaxChars: 500,
  zoneTitleMaxChars: 120,
  promptMaxChars: 1000,
  kindMaxChars: 40,
  maxZones: 60,
  maxPhases: 30,
  maxMinutes: 240,
  maxVotesPerPerson: 50,
  /** Absolute bound of zone coordinates, in canvas units. */
  maxCoordinate: 100_000,
  maxZoneSize: 20_000,
  colorPattern: '^#[0-9a-fA-F]{6}$',
} as const
