import { Store } from '../lib/store.ts'
import type { BoardSession } from '../board/data/board-session.ts'

/**
 * Which notes the promote dialog of a board page is open for (in the order they were
 * selected), or null while it is closed. One per open board: the toolbar action opens it,
 * the overlay shows it.
 */
const requests = new WeakMap<BoardSession, Store<readonly string[] | null>>()

export function promoteRequest(session: BoardSession): Store<readonly string[] | null> {
  let store = requests.get(session)
  if (!store) {
    store = new Store<readonly string[] | null>(null)
    requests.set(session, store)
  }
  return store
}
