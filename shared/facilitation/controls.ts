import type * as Y from 'yjs'
import { readPhases } from '../board/phases.ts'
import { readSession, writeSession } from '../board/session.ts'
import { clearVotes, listNoteIds } from '../board/notes.ts'
import type { SessionState, SpotlightState } from '../board/schema.ts'
import { phaseEntry } from './phases.ts'
import { followMe, spotlightOn } from './follow.ts'
import { silenceFields } from './silent.ts'

/**
 * The facilitator's session controls as document writes (through the accessors). The server
 * refuses every one of these from a participant or viewer. `serverNow` is server time
 * (clock.ts); `origin` is the client's local origin, so that undo can tell its own changes.
 */

/** Moves the session to a phase of the board's plan; false when the board has no such phase. */
export function enterPhase(doc: Y.Doc, phaseId: string, serverNow: number, origin?: unknown): boolean {
  const phase = readPhases(doc).find((candidate) => candidate.id === phaseId)
  if (!phase) return false
  const session = readSession(doc)
  const silence = silenceFields(phase.silent, session, () => listNoteIds(doc))
  writeSession(doc, { ...phaseEntry(phase, session, serverNow), ...silence }, origin)
  return true
}

/**
 * Opens a voting round. With `fresh`, the previous round's dots are removed in the same
 * transaction, so nobody sees old results mixed with new votes.
 */
export function openVoting(
  doc: Y.Doc,
  votesPerPerson: number,
  { fresh = false, origin }: { fresh?: boolean; origin?: unknown } = {},
): void {
  doc.transact(() => {
    if (fresh) clearVotes(doc)
    writeSession(doc, { voting: { open: true, votesPerPerson } })
  }, origin)
}

/** Closes the round: results become visible to everyone (voteTotalsVisible). */
export function closeVoting(doc: Y.Doc, origin?: unknown): void {
  const { voting } = readSession(doc)
  writeSession(doc, { voting: { ...voting, open: false } }, origin)
}

export function setSessionFlags(
  doc: Y.Doc,
  flags: Partial<Pick<SessionState, 'locked' | 'silent'>>,
  origin?: unknown,
): void {
  const silence =
    flags.silent === undefined ? {} : silenceFields(flags.silent, readSession(doc), () => listNoteIds(doc))
  writeSession(doc, { ...flags, ...silence }, origin)
}

/** "Bring everyone to me" (clientId = the facilitator's doc.clientID); null stops it. */
export function bringEveryoneTo(doc: Y.Doc, clientId: number | null, serverNow: number, origin?: unknown): void {
  writeSession(doc, { follow: clientId === null ? null : followMe(clientId, serverNow) }, origin)
}

export function spotlight(
  doc: Y.Doc,
  target: Pick<SpotlightState, 'kind' | 'id'> | null,
  serverNow: number,
  origin?: unknown,
): void {
  writeSession(doc, { spotlight: target === null ? null : spotlightOn(target.kind, target.id, serverNow) }, origin)
}
