import type * as Y from 'yjs'
import type { BoardStore } from '../storage/types.ts'
import { docFromState } from '../sync/board-state.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/**
 * Runs `read` on a board's document: the live one when the board is loaded (BoardRoom.read), else
 * one built from storage for the call (without loading the board into a room). null when no such board.
 * `read` must only read: a temporary document is discarded afterwards.
 */
export async function readBoardDoc<T>(
  boards: BoardStore,
  rooms: RoomRegistry,
  boardId: string,
  read: (doc: Y.Doc, live: boolean) => T,
): Promise<T | null> {
  const room = await rooms.peek(boardId)
  // A loaded board held as bytes is read from them: reading does not build the room's document.
  if (room) return room.read((doc) => read(doc, true))
  const state = await boards.loadBoardState(boardId)
  if (!state) return null
  const doc = docFromState(state)
  try {
    return read(doc, false)
  } finally {
    doc.destroy()
  }
}
