import type { IdeaPatchBody } from '@shared/api/ideas.ts'
import { STATUS_MOVES, canMove, needsComment, type IdeaStatus } from '@shared/ideas/workflow.ts'

/**
 * What dropping a card on a column means, by the workflow table in shared/ideas (the same
 * rules the idea page offers and the server enforces): nothing, a refusal with the moves that
 * exist, a question (a comment; for a merge also the target), or a PATCH to send.
 */

/** The hub board's columns; the rest are shown collapsed after them. */
export const BOARD_COLUMNS: readonly IdeaStatus[] = ['new', 'screening', 'evaluating', 'experimenting']
export const COLLAPSED_COLUMNS: readonly IdeaStatus[] = ['parked', 'adopted', 'stopped', 'rejected', 'merged']

export type BoardMove =
  | { kind: 'none' }
  | { kind: 'refused'; from: IdeaStatus; to: IdeaStatus; allowed: readonly IdeaStatus[] }
  | { kind: 'ask'; to: IdeaStatus; needsTarget: boolean }
  | { kind: 'send'; body: IdeaPatchBody }

export function planBoardMove(from: IdeaStatus, to: IdeaStatus): BoardMove {
  if (from === to) return { kind: 'none' }
  if (!canMove(from, to)) return { kind: 'refused', from, to, allowed: STATUS_MOVES[from] }
  if (to === 'merged') return { kind: 'ask', to, needsTarget: true }
  if (needsComment(to)) return { kind: 'ask', to, needsTarget: false }
  return { kind: 'send', body: { status: to } }
}

/** The body of an answered question; null while what it needs is missing. */
export function answeredMove(to: IdeaStatus, comment: string, target: string): IdeaPatchBody | null {
  const why = comment.trim()
  if (needsComment(to) && !why) return null
  if (to === 'merged') {
    const into = target.trim()
    return into ? { status: to, mergedInto: into, comment: why } : null
  }
  return { status: to, ...(why ? { comment: why } : {}) }
}

/** The statuses a card's "Move to…" menu offers: the legal moves, in the workflow's order. */
export function menuMoves(from: IdeaStatus): readonly IdeaStatus[] {
  return STATUS_MOVES[from]
}
