import type { NoteData, SessionState } from '../board/schema.ts'

/** Dots one participant has given across the board. */
export function votesUsedBy(notes: readonly Pick<NoteData, 'votes'>[], participantId: string): number {
  let used = 0
  for (const note of notes) used += note.votes[participantId] ?? 0
  return used
}

/** Dots the participant still has in this round (never negative). */
export function remainingVotes(
  notes: readonly Pick<NoteData, 'votes'>[],
  participantId: string,
  session: Pick<SessionState, 'voting'>,
): number {
  return Math.max(0, session.voting.votesPerPerson - votesUsedBy(notes, participantId))
}

/**
 * The count to write with setVotes when a participant adds (+1) or removes (-1) a dot on a
 * note, or null when that is not possible (no dots left, none to take back, voting closed).
 */
export function nextVoteCount(
  notes: readonly Pick<NoteData, 'id' | 'votes'>[],
  noteId: string,
  participantId: string,
  session: Pick<SessionState, 'voting' | 'locked'>,
  delta: 1 | -1,
): number | null {
  if (!session.voting.open || session.locked) return null
  const note = notes.find((candidate) => candidate.id === noteId)
  if (!note) return null
  const current = note.votes[participantId] ?? 0
  if (delta < 0) return current > 0 ? current - 1 : null
  return remainingVotes(notes, participantId, session) > 0 ? current + 1 : null
}

/**
 * Whether vote totals may be shown: not while a round is open (everyone sees only their own
 * dots then, so that nobody follows the crowd), and again once the facilitator closes it.
 */
export function voteTotalsVisible(session: Pick<SessionState, 'voting'>): boolean {
  return !session.voting.open
}

export interface RankedNote<N> {
  note: N
  votes: number
  /** 1 for the most votes; notes with equal votes share a rank (1, 1, 3 …). */
  rank: number
}

/**
 * Notes by votes, most first; ties keep the older note first. Notes without votes are
 * left out unless `includeUnvoted`.
 */
export function rankNotes<N extends Pick<NoteData, 'votes' | 'createdAt' | 'id'>>(
  notes: readonly N[],
  { includeUnvoted = false }: { includeUnvoted?: boolean } = {},
): RankedNote<N>[] {
  const scored = notes
    .map((note) => ({ note, votes: Object.values(note.votes).reduce((sum, count) => sum + count, 0) }))
    .filter((entry) => includeUnvoted || entry.votes > 0)
    .sort((a, b) => b.votes - a.votes || a.note.createdAt - b.note.createdAt || a.note.id.localeCompare(b.note.id))
  const ranked: RankedNote<N>[] = []
  scored.forEach((entry, index) => {
    const previous = ranked[index - 1]
    const rank = previous && previous.votes === entry.votes ? previous.rank : index + 1
    ranked.push({ ...entry, rank })
  })
  return ranked
}
