import { useStore } from '../../lib/use-store.ts'
import type { BoardContextValue } from '../board-context.ts'
import type { RefusalCode } from '../data/note-rules.ts'

/**
 * Why this user cannot add notes now (locked, voting, no zone open to them in this phase),
 * or null: re-read whenever the session, its phases or the zones change.
 */
export function useNewNotesBlocked(board: BoardContextValue): RefusalCode | null {
  const { session, commands } = board
  useStore(session.stores.session)
  useStore(session.stores.phases)
  useStore(session.stores.zones)
  useStore(session.capabilities)
  return commands.newNotesBlocked()
}
