import type { NotePlacement } from '../board/notes.ts'
import type { PhaseData, SessionState, ZoneData } from '../board/schema.ts'
import { zoneAt } from '../board/zones.ts'
import { openZoneIds } from './phases.ts'

/**
 * What a participant may do to notes, as pure functions. The server enforces exactly these
 * (server/boards/rules/board-policy.ts); the client calls the same functions to disable what would be
 * refused, so the two never disagree. Facilitators are not bound by them.
 */

export interface ParticipantContext {
  session: Pick<SessionState, 'locked' | 'silent' | 'voting'>
  /** The current phase, or null (no restriction by zone). */
  phase: PhaseData | null
  zones: readonly ZoneData[]
  /** The participant's id (from the browser), or null when not yet known. */
  participantId: string | null
}

/** Why a refusal happened; the message is English, for logs and the permission-denied reason. */
export interface Refusal {
  code: 'locked' | 'voting' | 'zone-closed' | 'silent-not-own' | 'vote-closed' | 'vote-limit' | 'vote-not-own'
  message: string
}

/**
 * The zones a note belongs to: the one its `zone` field names (when it exists) and the one
 * that contains its centre. Both count, so a note cannot slip into a closed zone by leaving
 * its `zone` field empty, nor out of one by moving while claiming another.
 */
export function zonesOfNote(note: NotePlacement, zones: readonly ZoneData[]): string[] {
  const ids: string[] = []
  if (note.zone !== null && zones.some((zone) => zone.id === note.zone)) ids.push(note.zone)
  const containing = zoneAt(zones, note.x + note.width / 2, note.y + note.height / 2)
  if (containing && !ids.includes(containing.id)) ids.push(containing.id)
  return ids
}

/** The closed zones (in the current phase) a note belongs to. */
export function closedZonesOfNote(
  note: NotePlacement,
  context: Pick<ParticipantContext, 'phase' | 'zones'>,
): ZoneData[] {
  const open = openZoneIds(context.phase)
  if (open === 'all') return []
  const ids = zonesOfNote(note, context.zones)
  return context.zones.filter((zone) => ids.includes(zone.id) && !open.has(zone.id))
}

/**
 * Whether a participant may create (before = null), change, move (before → after) or delete
 * (after = null) a note's content. Votes are judged separately (voteRefusal).
 */
export function noteChangeRefusal(
  context: ParticipantContext,
  before: NotePlacement | null,
  after: NotePlacement | null,
): Refusal | null {
  if (context.session.locked) return { code: 'locked', message: 'the board is locked' }
  if (context.session.voting.open) {
    return { code: 'voting', message: 'while voting is open, participants may change only votes' }
  }
  // Before and after spelled out, not looped over as an array: a move is judged here on every write.
  const closed = firstClosedZone(before, context) ?? firstClosedZone(after, context)
  if (closed) return { code: 'zone-closed', message: `the zone "${closed.title}" is closed in this phase` }
  if (context.session.silent && !(isOwnOrNone(before, context) && isOwnOrNone(after, context))) {
    return { code: 'silent-not-own', message: 'in silent mode participants may change only their own notes' }
  }
  return null
}

function firstClosedZone(placement: NotePlacement | null, context: ParticipantContext): ZoneData | undefined {
  return placement ? closedZonesOfNote(placement, context)[0] : undefined
}

function isOwnOrNone(placement: NotePlacement | null, context: ParticipantContext): boolean {
  return placement === null || (context.participantId !== null && placement.authorId === context.participantId)
}

/** Convenience for the UI: may this participant edit, move or delete this note now? */
export function canChangeNote(context: ParticipantContext, note: NotePlacement): boolean {
  return noteChangeRefusal(context, note, note) === null
}

/** Convenience for the UI: may this participant create a note here now? */
export function canCreateNote(context: ParticipantContext, note: NotePlacement): boolean {
  return noteChangeRefusal(context, null, note) === null
}

/**
 * Whether a participant may change their votes from `usedBefore` to `usedAfter` dots in
 * total. Taking dots back is always allowed while voting is open, also when the facilitator
 * lowered the number of dots below what someone had already given.
 */
export function voteRefusal(
  session: Pick<SessionState, 'locked' | 'voting'>,
  usedBefore: number,
  usedAfter: number,
): Refusal | null {
  if (session.locked) return { code: 'locked', message: 'the board is locked' }
  if (!session.voting.open) return { code: 'vote-closed', message: 'voting is closed' }
  if (usedAfter > session.voting.votesPerPerson && usedAfter > usedBefore) {
    return { code: 'vote-limit', message: `no votes left (${session.voting.votesPerPerson} per person)` }
  }
  return null
}
