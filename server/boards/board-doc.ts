import type * as Y from 'yjs'
import type { BoardStore } from '../storage/types.ts'
import { docFromState } from '../sync/board-state.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/**
 * Reads a board's document without loading it into a room: the live document when the board
 * is loaded (the newest state), else a temporary one built from storage. `read` must not keep
 * the document. null when no such board exists.
 */
export async function readBoardDoc<T>(
  boards: BoardStore,
  rooms: RoomRegistry,
  boardId: string,
  read: (doc: Y.Doc, live: boolean) => T,
): Promise<T | null> {
  const room = await rooms.peek(boardId)
  if (room) return read(room.doc, true)
  const state = await boards.loadBoardState(boardId)
  if (!state) return null
  const doc = docFromState(state)
  try {
    return read(doc, false)
  } finally {
    doc.destroy()
  }
}
