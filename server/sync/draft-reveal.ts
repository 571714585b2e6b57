import { createNote, deleteNotes, getNoteMap, listNoteIds, listNotes } from '../../shared/board/notes.ts'
import { readSession } from '../../shared/board/session.ts'
import type { BoardStore } from '../storage/types.ts'
import type { RoomRegistry } from './room-registry.ts'
import type { BoardRoom } from './room.ts'
import type { Logger } from './socket.ts'

/** Rooms found unloading while a reveal gathered them: gather again, this many times at most. */
const GATHER_ATTEMPTS = 3

/**
 * Moves participants' draft notes into their board when the session is no longer silent.
 *
 * - The reveal: a facilitator's accepted write turned silent mode off (exactly one process
 *   receives that write). Every draft of the board, stored or loaded here, is loaded and its
 *   notes copied into the board in one server transaction.
 * - Stragglers: a write accepted into a draft, or a connection joining one, while the board
 *   is not silent moves that draft's notes the same way (a note written during the reveal,
 *   offline edits synced later, a reveal whose process died before it copied).
 *
 * The copy keeps each note's id, author and time, and skips an id the board has already, so
 * running it twice (two processes, or a reveal and a straggler) yields each note once. The
 * board's copy and the drafts' deletions are made in the same event-loop turn, so the writer
 * stores them in one group commit: a crash leaves the notes either in the drafts or on the
 * board. Runs one at a time per board in this process.
 */
export class DraftReveal {
  readonly #rooms: RoomRegistry
  readonly #boards: BoardStore
  readonly #log: Logger
  readonly #queues = new Map<string, Promise<void>>()

  constructor(rooms: RoomRegistry, boards: BoardStore, log: Logger) {
    this.#rooms = rooms
    this.#boards = boards
    this.#log = log
  }

  /** Every draft of the board, into the board (if it is still not silent). */
  revealBoard(boardId: string): Promise<void> {
    return this.#serialise(boardId, async () => {
      const stored = await this.#boards.listDrafts(boardId)
      const draftIds = [...new Set([...stored, ...this.#rooms.loadedDraftIds(boardId)])]
      const moved = await this.#gatherAndMove(boardId, draftIds)
      this.#log.info({ boardId, drafts: draftIds.length, notes: moved }, 'revealed the drafts')
    })
  }

  /** One draft's notes into its board, when the board is not silent. */
  settleDraft(boardId: string, draftId: string): Promise<void> {
    return this.#serialise(boardId, async () => {
      await this.#gatherAndMove(boardId, [draftId])
    })
  }

  async #gatherAndMove(boardId: string, draftIds: readonly string[]): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const board = await this.#rooms.acquire(boardId)
      if (!board || readSession(board.doc).silent) return 0
      const drafts = (await Promise.all(draftIds.map((id) => this.#rooms.acquire(boardId, id))))
        .filter((room): room is BoardRoom => room !== null)
      // Every await above gave other work a turn; from here on all is synchronous.
      if (board.unloading || drafts.some((room) => room.unloading)) {
        if (attempt < GATHER_ATTEMPTS) continue
        this.#log.warn({ boardId }, 'rooms kept unloading while drafts were gathered; the next write settles them')
        return 0
      }
      if (readSession(board.doc).silent) return 0
      return moveDraftNotes(board, drafts)
    }
  }

  #serialise(boardId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.#queues.get(boardId) ?? Promise.resolve()
    const next = previous.then(task).catch((error: unknown) => {
      this.#log.error({ err: error, boardId }, 'moving draft notes into the board failed; they stay in the drafts')
    })
    this.#queues.set(boardId, next)
    void next.then(() => {
      if (this.#queues.get(boardId) === next) this.#queues.delete(boardId)
    })
    return next
  }
}

/**
 * Copies the drafts' notes into the board (an id the board has already is not copied again)
 * and empties the drafts, synchronously. Returns how many notes were copied.
 */
export function moveDraftNotes(board: BoardRoom, drafts: readonly BoardRoom[]): number {
  let copied = 0
  const emptied: Array<{ room: BoardRoom; ids: string[] }> = []
  board.transact((doc) => {
    for (const draft of drafts) {
      const ids = listNoteIds(draft.doc)
      if (ids.length === 0) continue
      emptied.push({ room: draft, ids })
      for (const note of listNotes(draft.doc)) {
        if (getNoteMap(doc, note.id)) continue
        createNote(doc, {
          id: note.id,
          text: note.text,
          x: note.x,
          y: note.y,
          width: note.width,
          height: note.height,
          color: note.color,
          zone: note.zone,
          authorId: note.authorId,
          authorName: note.authorName,
          createdAt: note.createdAt,
        })
        copied++
      }
    }
  })
  for (const { room, ids } of emptied) room.transact((doc) => deleteNotes(doc, ids))
  return copied
}
