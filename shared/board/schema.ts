/**
 * The board document (one Y.Doc per board) as DESIGN.md defines it: four root maps.
 * Only the accessors in this folder touch the raw Yjs maps; everything else reads the plain
 * data types below.
 */

/** Names of the root types of a board document. */
export const BoardRoot = {
  Meta: 'meta',
  Session: 'session',
  Zones: 'zones',
  Notes: 'notes',
} as const
export type BoardRoot = (typeof BoardRoot)[keyof typeof BoardRoot]
export const BOARD_ROOTS: readonly string[] = Object.values(BoardRoot)

export interface BoardMeta {
  title: string
  template: string
  createdAt: number
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

export interface SessionState {
  phase: string
  timer: TimerState | null
  locked: boolean
  silent: boolean
  voting: VotingState
}

export const ZONE_KINDS = ['dreamer', 'realist', 'critic', 'focus', 'questions', 'frame'] as const

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
}

/** Note keys only the server writes (promotion and the hub's status changes). */
export const NOTE_IDEA_KEYS = ['ideaId', 'ideaRef', 'ideaStatus'] as const

/** Limits that keep one note or zone from swallowing a board. */
export const NOTE_TEXT_MAX_CHARS = 5000
export const TITLE_MAX_CHARS = 200
export const NOTE_DEFAULT_SIZE = 160
