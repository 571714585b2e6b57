import type { PolicyRoom } from '../../sync/policy.ts'

/**
 * A board's size budget (BOARD_MAX_NOTES, BOARD_MAX_BYTES): past it, new notes are refused,
 * from clients and from the reveal of drafts alike; what the board holds stays, and stays
 * editable within each note's own limits.
 */
export interface BoardBudget {
  maxNotes: number
  /** The board document's encoded size (what storage keeps, roughly what a joining client downloads). */
  maxBytes: number
}

type SizedRoom = Pick<PolicyRoom, 'approximateBytes' | 'measureBytes'>

/** Why a board holding `notes` notes takes no new note, or null when it takes one. */
export function boardFullReason(budget: BoardBudget, notes: number, room: SizedRoom): string | null {
  if (notes >= budget.maxNotes) return `the board is full (at most ${budget.maxNotes} notes); new notes are refused`
  if (room.approximateBytes() > budget.maxBytes && room.measureBytes() > budget.maxBytes)
    return `the board is full (at most ${budget.maxBytes} bytes); new notes are refused`
  return null
}
