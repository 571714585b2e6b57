import { writeNoteIdea } from '@shared/board/notes.ts'
import type { IdeaStore } from '../storage/types.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { Logger } from '../sync/socket.ts'

/**
 * Keeps the idea badges on a board's notes (ideaId, ideaRef, ideaStatus) equal to the
 * registry. The server writes them into the board document like any change of its own, so
 * they are stored and reach every connected client at once; the canvas only renders them.
 *
 * A sync reads all ideas of the board and writes every badge that differs, so it also heals
 * badges a crash may have left behind. Syncs of one board run one after another (with the
 * board's other server-side writes, RoomRegistry.serverWrite), each reading the registry when
 * it starts, so the last write is always of the newest state.
 */
export class BoardBadges {
  readonly #rooms: RoomRegistry
  readonly #ideas: IdeaStore
  readonly #log: Logger

  constructor(rooms: RoomRegistry, ideas: IdeaStore, log: Logger) {
    this.#rooms = rooms
    this.#ideas = ideas
    this.#log = log
  }

  /**
   * Resolves when the badges are written into the loaded board (loading it if needed; an idle
   * board unloads again by itself after IDLE_UNLOAD_MS). Never rejects: the registry is the
   * truth and the next sync repairs what this one could not write.
   */
  sync(boardId: string): Promise<void> {
    return this.#rooms
      .serverWrite(boardId, () => this.#write(boardId))
      .catch((error: unknown) => {
        this.#log.error({ err: error, boardId }, 'writing idea badges failed; the next change of the board retries')
      })
  }

  /** Syncs every board that has notes of the idea (where it was promoted and linked). */
  async syncIdea(ideaId: string): Promise<void> {
    const boards = await this.#ideas.boardsOf(ideaId)
    await Promise.all(boards.map((boardId) => this.sync(boardId)))
  }

  async #write(boardId: string): Promise<void> {
    const notes = await this.#ideas.notesOfBoard(boardId)
    if (notes.length === 0) return
    // Leased: the board cannot unload between loading it and writing into it.
    const lease = await this.#rooms.lease(boardId)
    if (!lease) return
    try {
      let written = 0
      lease.room.transact((doc) => {
        for (const note of notes) {
          if (writeNoteIdea(doc, note.noteId, { ideaId: note.ideaId, ideaRef: note.ref, ideaStatus: note.status }))
            written++
        }
      })
      if (written > 0) lease.room.log.info({ notes: written }, 'idea badges written')
    } finally {
      lease.release()
    }
  }
}
