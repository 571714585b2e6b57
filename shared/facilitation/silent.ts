import type { NoteData, SessionState } from '../board/schema.ts'
import { BEFORE_SILENCE_ID_MAX_CHARS, BEFORE_SILENCE_MAX_NOTES } from '../board/session.ts'
import type { Role } from '../roles.ts'

/**
 * Silent mode keeps private only what is written while it is on.
 *
 * What is written while it is on goes into each writer's private draft (a document of its
 * own that reaches no other browser) until the facilitator reveals. What was on the board
 * when it was turned on stays readable to everyone: the Critics read the plan they criticise.
 *
 * On screen (this display rule), while the session is silent:
 * - a facilitator sees every note;
 * - everyone sees the notes that were on the board when silent mode was turned on
 *   (`session.beforeSilence`), and their own notes;
 * - any other note on the board (one written onto the board itself while silent, by an older
 *   or modified client) is face down: its place, size and colour, but no text, author or votes.
 * When an older client turned silent mode on (no `beforeSilence`), every note but one's own
 * is face down, as before.
 *
 * The display rule is no secret: such notes still reach every browser through the shared
 * document; see docs/using-the-board.md, "Silent mode".
 */
export type NoteVisibility = 'visible' | 'face-down'

export interface Viewer {
  role: Role
  participantId: string | null
}

/** Sets of the readable ids, one per session value (the array is replaced when it changes). */
const readableSets = new WeakMap<readonly string[], ReadonlySet<string>>()

function readableInSilence(ids: readonly string[]): ReadonlySet<string> {
  let set = readableSets.get(ids)
  if (!set) readableSets.set(ids, (set = new Set(ids)))
  return set
}

export function noteVisibility(
  note: Pick<NoteData, 'id' | 'authorId'>,
  viewer: Viewer,
  session: Pick<SessionState, 'silent' | 'beforeSilence'>,
): NoteVisibility {
  if (!session.silent || viewer.role === 'facilitator') return 'visible'
  if (viewer.role === 'participant' && viewer.participantId !== null && note.authorId === viewer.participantId) {
    return 'visible'
  }
  if (session.beforeSilence && readableInSilence(session.beforeSilence).has(note.id)) return 'visible'
  return 'face-down'
}

/** How many notes are face down for this viewer ("12 notes hidden until the reveal"). */
export function faceDownCount(
  notes: readonly Pick<NoteData, 'id' | 'authorId'>[],
  viewer: Viewer,
  session: Pick<SessionState, 'silent' | 'beforeSilence'>,
): number {
  return notes.reduce((count, note) => count + (noteVisibility(note, viewer, session) === 'face-down' ? 1 : 0), 0)
}

/**
 * The session fields a facilitator writes to turn silent mode on or off. Turning it on
 * records the notes on the board at that moment (`noteIds`, read only then), which stay
 * readable; staying silent (one silent phase after another) keeps that record, since nothing
 * has been revealed in between; turning it off forgets it.
 */
export function silenceFields(
  silent: boolean,
  current: Pick<SessionState, 'silent' | 'beforeSilence'>,
  noteIds: () => Iterable<string>,
): Partial<Pick<SessionState, 'silent' | 'beforeSilence'>> {
  if (!silent) return current.beforeSilence === null ? { silent } : { silent, beforeSilence: null }
  if (current.silent) return { silent }
  const ids: string[] = []
  for (const id of noteIds()) {
    if (ids.length === BEFORE_SILENCE_MAX_NOTES) break
    if (id.length <= BEFORE_SILENCE_ID_MAX_CHARS) ids.push(id)
  }
  return { silent, beforeSilence: ids }
}
