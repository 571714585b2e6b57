/**
 * The board document (one Y.Doc per board) as docs/protocol.md describes it: four root maps.
 * Only the accessors in this folder touch the raw Yjs maps; everything else reads the plain
 * data types below.
 */

import type { Locale } from '../templates/types.ts'

/** Names of the root types of a board document. */
export const BoardRoot = {
  Meta: 'meta',
  Session: 'session',
  Zones: 'zones',
  Notes: 'notes',
  /** participant id → the author's current display name (names.ts): the one place names live. */
  Names: 'names',
} as const
export type BoardRoot = (typeof BoardRoot)[keyof typeof BoardRoot]
export const BOARD_ROOTS: readonly string[] = Object.values(BoardRoot)

export interface BoardMeta {
  title: string
  template: string
  createdAt: number
  /** The language the board's zone titles, prompts and phases were written in. */
  locale: Locale
}

/**
 * One phase of the board's plan (meta.phases), copied from its template in the board's
 * language. The session's `phase` names one of these by id.
 */
export interface PhaseData {
  id: string
  title: string
  prompt: string
  minutes: number
  /** 'all', or the ids of the zones participants may write in ([] closes every zone). */
  openZones: 'all' | string[]
  silent: boolean
  voting: boolean
  /** A phase the facilitator may go back to from here for another round, or null. */
  loopTo: string | null
}

export interface TimerState {
  /** Server-clock ms when the countdown (re)started. */
  startedAt: number
  durationMs: number
  /** Remaining ms while paused, null while running. */
  pausedRemainingMs: number | null
}

export interface VotingState {
  open: boolean
  votesPerPerson: number
}

/**
 * "Bring everyone to me": participants' viewports follow the awareness state of this client
 * (the facilitator's Y.Doc clientID) until they move themselves. `since` (server clock, ms)
 * changes each time the facilitator asks again, so clients that stopped following resume.
 */
export interface FollowState {
  clientId: number
  since: number
}

/** A note or zone every client highlights; `since` (server clock, ms) marks each new request. */
export interface SpotlightState {
  kind: 'note' | 'zone'
  id: string
  since: number
}

export interface SessionState {
  phase: string
  timer: TimerState | null
  locked: boolean
  silent: boolean
  /**
   * The ids of the notes that were on the board when silent mode was turned on (null while it
   * is off, or when an older client turned it on). Silent mode keeps private only what is
   * written while it is on: these notes stay readable to everyone (silenceFields).
   */
  beforeSilence: readonly string[] | null
  voting: VotingState
  follow: FollowState | null
  spotlight: SpotlightState | null
}

/** Zone kinds the built-in templates use (clients may style them); a zone's kind is open-ended. */
export const ZONE_KINDS = [
  'frame',
  'focus',
  'dreamer',
  'realist',
  'critic',
  'questions',
  'ideas',
  'clusters',
  'chosen',
  'strengths',
  'weaknesses',
  'opportunities',
  'threats',
  'went-well',
  'improve',
  'actions',
  'white-hat',
  'red-hat',
  'yellow-hat',
  'black-hat',
  'green-hat',
  'blue-hat',
] as const

export interface ZoneData {
  id: string
  title: string
  /** 'dreamer' | 'realist' | 'critic' | … or 'frame'; open-ended for templates. */
  kind: string
  x: number
  y: number
  width: number
  height: number
  color: string
  prompt: string
}

export interface NoteData {
  id: string
  text: string
  x: number
  y: number
  width: number
  height: number
  color: string
  zone: string | null
  authorId: string
  authorName: string
  createdAt: number
  /** participantId → number of dots that participant gave. */
  votes: Record<string, number>
  /** The idea the note was promoted into; written by the server only. */
  ideaId: string | null
  /** The badge of that idea, kept current by the server (its ref and status). */
  ideaRef: string | null
  ideaStatus: string | null
  /** Set only in the writer's private draft: why the board sent the note back (HELD_BACK_REASONS). */
  heldBack: HeldBackReason | null
}

/**
 * Why a note waits in its writer's private draft instead of on the board: the board refused it
 * when the writer's offline work arrived because the session had moved on (a zone closed, the
 * board locked, a vote opened), or because the board was full. The mark lives only in drafts;
 * the note loses it when it reaches the board.
 */
export const HELD_BACK_REASONS = ['phase-moved-on', 'board-full'] as const
export type HeldBackReason = (typeof HELD_BACK_REASONS)[number]

/** Note keys only the server writes (promotion and the hub's status changes). */
export const NOTE_IDEA_KEYS = ['ideaId', 'ideaRef', 'ideaStatus'] as const

/**
 * Limits that keep one note or zone from swallowing a board. The server refuses a write that
 * breaks them (shape.ts); the client's writer keeps within them.
 */
export const NOTE_TEXT_MAX_CHARS = 5000
export const TITLE_MAX_CHARS = 200
export const NOTE_DEFAULT_SIZE = 160
/** A note's width and height, in canvas units. */
export const NOTE_MIN_SIZE = 60
export const NOTE_MAX_SIZE = 1200
/** A zone's width and height, in canvas units. */
export const ZONE_MIN_SIZE = 120
export const ZONE_MAX_SIZE = 100_000
/** Absolute bound of a note's or zone's x and y, in canvas units. */
export const COORDINATE_MAX = 1_000_000
/** A note's author name (the display name a browser sets). */
export const AUTHOR_NAME_MAX_CHARS = 40
/** Ids inside the document: zone ids, phase ids, idea ids and refs. */
export const ID_MAX_CHARS = 64
