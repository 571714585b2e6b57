import type { NoteData, SessionState } from '../board/schema.ts'
import type { Role } from '../roles.ts'

/**
 * Silent mode, as the UI applies it. While the session is silent:
 * - a facilitator sees every note;
 * - a participant sees their own notes (authorId = their participant id) in full, and every
 *   other note face down: its place, size and colour, but no text, author or votes;
 * - a viewer (for example a shared screen) sees every note face down.
 *
 * This is a display rule. The notes themselves still reach every browser through the shared
 * document; see docs/using-the-board.md, "Silent mode", for what that means.
 */
export type NoteVisibility = 'visible' | 'face-down'

export interface Viewer {
  role: Role
  participantId: string | null
}

export function noteVisibility(
  note: Pick<NoteData, 'authorId'>,
  viewer: Viewer,
  session: Pick<SessionState, 'silent'>,
): NoteVisibility {
  if (!session.silent || viewer.role === 'facilitator') return 'visible'
  if (viewer.role === 'participant' && viewer.participantId !== null && note.authorId === viewer.participantId) {
    return 'visible'
  }
  return 'face-down'
}

/** How many notes are face down for this viewer ("12 notes hidden until the reveal"). */
export function faceDownCount(
  notes: readonly Pick<NoteData, 'authorId'>[],
  viewer: Viewer,
  session: Pick<SessionState, 'silent'>,
): number {
  return notes.reduce((count, note) => count + (noteVisibility(note, viewer, session) === 'face-down' ? 1 : 0), 0)
}
