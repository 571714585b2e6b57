import type * as Y from 'yjs'
import { createNote, deleteNotes, getNoteMap, listNotes, readNotePlacement } from '@shared/board/notes.ts'
import type { NoteData } from '@shared/board/schema.ts'
import { readPhases } from '@shared/board/phases.ts'
import { readSession } from '@shared/board/session.ts'
import { listZones } from '@shared/board/zones.ts'
import { currentPhase } from '@shared/facilitation/phases.ts'
import { noteChangeRefusal } from '@shared/facilitation/rules.ts'
import { PERMISSIONS, type Role } from '@shared/roles.ts'
import type { BoardStore } from '../storage/types.ts'
import type { RoomRegistry } from './room-registry.ts'
import type { BoardRoom } from './room.ts'
import type { Logger } from './socket.ts'

/** Rooms found unloading while a reveal gathered them: gather again, this many times at most. */
const GATHER_ATTEMPTS = 3
/** Drafts loaded (and read from the database) at once while a reveal gathers them. */
const LOAD_CONCURRENCY = 8

/** Which draft notes may go onto the board now; a note not admitted stays in its draft. */
type Admit = (board: Y.Doc, draft: Y.Doc, note: NoteData) => boolean

/** The reveal is the facilitator's decision: every draft note goes onto the board. */
const admitAll: Admit = () => true

/**
 * Outside a reveal, a draft note reaches the board only as a participant's new note would:
 * not while the board is locked or a vote is open, not into a zone closed in this phase.
 * Otherwise a draft would be a way around the rules the server enforces on the board.
 */
const admitByParticipantRules: Admit = (board, draft, note) => {
  const map = getNoteMap(draft, note.id)
  if (!map) return false
  const session = readSession(board)
  const phase = currentPhase(readPhases(board), session)
  const context = { session, phase, zones: listZones(board), participantId: note.authorId }
  return noteChangeRefusal(context, null, readNotePlacement(map)) === null
}

/**
 * Moves participants' draft notes into their board when the session is no longer silent.
 *
 * - The reveal: a facilitator's accepted write turned silent mode off (exactly one process
 *   receives that write). Every draft of the board, stored or loaded here, is loaded and its
 *   notes copied into the board in one server transaction.
 * - Stragglers: a write accepted into a draft, or a connection joining one, while the board
 *   is not silent moves that draft's notes the same way (a note written during the reveal,
 *   offline edits synced later, a reveal whose process died before it copied) — but only
 *   the notes a participant could write onto the board now (admitByParticipantRules); the
 *   rest wait in the draft for the next reveal. A facilitator's draft is not held back.
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
      const moved = await this.#gatherAndMove(boardId, draftIds, admitAll, { fromStorage: true })
      this.#log.info({ boardId, drafts: draftIds.length, notes: moved }, 'revealed the drafts')
    })
  }

  /** One draft's notes into its board, when the board is not silent and the rules allow. */
  settleDraft(boardId: string, draftId: string, writer: Role): Promise<void> {
    const admit = PERMISSIONS[writer].controlSession ? admitAll : admitByParticipantRules
    return this.#serialise(boardId, async () => {
      await this.#gatherAndMove(boardId, [draftId], admit)
    })
  }

  /**
   * `fromStorage`: bring drafts loaded here up to storage first. Another process stores a
   * draft write before it relays it, so a draft loaded here may lack a note that another
   * process already acknowledged; the reveal must not miss it.
   */
  async #gatherAndMove(
    boardId: string,
    draftIds: readonly string[],
    admit: Admit,
    { fromStorage = false } = {},
  ): Promise<number> {
    if (draftIds.length === 0) return 0
    for (let attempt = 1; ; attempt++) {
      const board = await this.#rooms.acquire(boardId)
      if (!board || readSession(board.doc).silent) return 0
      const drafts: BoardRoom[] = []
      // A room loaded now reads storage anyway; only one loaded before may lag behind it.
      const loadedBefore = new Set(fromStorage ? this.#rooms.loadedDraftIds(boardId) : [])
      // A few at a time: a board may have many drafts, and each load reads the database.
      for (let i = 0; i < draftIds.length; i += LOAD_CONCURRENCY) {
        const batch = await Promise.all(
          draftIds.slice(i, i + LOAD_CONCURRENCY).map(async (id) => {
            const room = await this.#rooms.acquire(boardId, id)
            if (room && loadedBefore.has(id)) await this.#rooms.refreshFromStorage(room)
            return room
          }),
        )
        for (const room of batch) if (room) drafts.push(room)
      }
      // Every await above gave other work a turn; from here on all is synchronous.
      if (board.unloading || drafts.some((room) => room.unloading)) {
        if (attempt < GATHER_ATTEMPTS) continue
        this.#log.warn({ boardId }, 'rooms kept unloading while drafts were gathered; the next write settles them')
        return 0
      }
      if (readSession(board.doc).silent) return 0
      return moveDraftNotes(board, drafts, admit)
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
 * Copies the drafts' notes that `admit` lets through into the board (an id the board has
 * already is not copied again) and removes them from the drafts, synchronously. Returns how
 * many notes were copied.
 */
function moveDraftNotes(board: BoardRoom, drafts: readonly BoardRoom[], admit: Admit): number {
  let copied = 0
  const emptied: Array<{ room: BoardRoom; ids: string[] }> = []
  board.transact((doc) => {
    for (const draft of drafts) {
      const ids: string[] = []
      for (const note of listNotes(draft.doc)) {
        if (getNoteMap(doc, note.id)) {
          ids.push(note.id) // on the board already (copied before): only the draft's copy goes
          continue
        }
        if (!admit(doc, draft.doc, note)) continue
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
        ids.push(note.id)
        copied++
      }
      if (ids.length > 0) emptied.push({ room: draft, ids })
    }
  })
  for (const { room, ids } of emptied) room.transact((doc) => deleteNotes(doc, ids))
  return copied
}
