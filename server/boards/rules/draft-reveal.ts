import type * as Y from 'yjs'
import { countNotes, createNote, deleteNotes, getNoteMap, listNotes, readNotePlacement } from '@shared/board/notes.ts'
import type { NoteData } from '@shared/board/schema.ts'
import { readPhases } from '@shared/board/phases.ts'
import { readSession } from '@shared/board/session.ts'
import { listZones } from '@shared/board/zones.ts'
import { currentPhase } from '@shared/facilitation/phases.ts'
import { noteChangeRefusal } from '@shared/facilitation/rules.ts'
import { PERMISSIONS, type Role } from '@shared/roles.ts'
import type { BoardStore } from '../../storage/types.ts'
import type { RoomLease, RoomRegistry } from '../../sync/room-registry.ts'
import type { BoardRoom } from '../../sync/room.ts'
import type { Logger } from '../../sync/socket.ts'
import { boardFullReason, type BoardBudget } from './budget.ts'

/** Drafts loaded (and read from the database) at once while a reveal gathers them. */
const LOAD_CONCURRENCY = 8
/** About what a note's fields other than its text take in the board's encoding, in bytes. */
const NOTE_FIELDS_BYTES = 200

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

export interface DraftRevealInit {
  rooms: RoomRegistry
  boards: BoardStore
  budget: BoardBudget
  log: Logger
}

/**
 * Moves participants' draft notes into their board when the session is no longer silent.
 *
 * - The reveal: a facilitator's accepted write turned silent mode off (exactly one process
 *   receives that write). Every draft of the board, stored or loaded here, is loaded and its
 *   notes copied into the board in one server transaction.
 * - Stragglers: a write accepted into a draft, or a connection joining one, while the board
 *   is not silent moves that draft's notes the same way (a note written during the reveal,
 *   offline edits synced later, a reveal whose process died before it copied, a note the
 *   board sent back to its writer) — but only the notes a participant could write onto the
 *   board now (admitByParticipantRules); the rest wait in the draft. A facilitator's draft is
 *   not held back.
 * - The board's size budget holds for both: what does not fit stays in its draft, marked
 *   "board-full" for its writer.
 *
 * The copy keeps each note's id, author and time, and skips an id the board has already, so
 * running it twice (two processes, or a reveal and a straggler) yields each note once. The
 * board's copy and the drafts' deletions are made in the same event-loop turn, so the writer
 * stores them in one group commit: a crash leaves the notes either in the drafts or on the
 * board. The rooms are leased meanwhile, so none unloads under the move, and moves of one
 * board run one at a time with its other server-side writes (RoomRegistry.serverWrite).
 */
export class DraftReveal {
  readonly #rooms: RoomRegistry
  readonly #boards: BoardStore
  readonly #budget: BoardBudget
  readonly #log: Logger

  constructor(init: DraftRevealInit) {
    this.#rooms = init.rooms
    this.#boards = init.boards
    this.#budget = init.budget
    this.#log = init.log
  }

  /** Every draft of the board, into the board (if it is still not silent). */
  revealBoard(boardId: string): Promise<void> {
    return this.#run(boardId, async () => {
      const stored = await this.#boards.listDrafts(boardId)
      const draftIds = [...new Set([...stored, ...this.#rooms.loadedDraftIds(boardId)])]
      const moved = await this.#gatherAndMove(boardId, draftIds, admitAll, { fromStorage: true })
      this.#log.info({ boardId, drafts: draftIds.length, notes: moved }, 'revealed the drafts')
    })
  }

  /** One draft's notes into its board, when the board is not silent and the rules allow. */
  settleDraft(boardId: string, draftId: string, writer: Role): Promise<void> {
    const admit = PERMISSIONS[writer].controlSession ? admitAll : admitByParticipantRules
    return this.#run(boardId, async () => {
      await this.#gatherAndMove(boardId, [draftId], admit)
    })
  }

  #run(boardId: string, task: () => Promise<void>): Promise<void> {
    return this.#rooms.serverWrite(boardId, task).catch((error: unknown) => {
      this.#log.error({ err: error, boardId }, 'moving draft notes into the board failed; they stay in the drafts')
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
    const leases: RoomLease[] = []
    try {
      const board = await this.#rooms.lease(boardId)
      if (!board) return 0
      leases.push(board)
      if (readSession(board.room.doc).silent) return 0
      // A room loaded now reads storage anyway; only one loaded before may lag behind it.
      const loadedBefore = new Set(fromStorage ? this.#rooms.loadedDraftIds(boardId) : [])
      const drafts: BoardRoom[] = []
      // A few at a time: a board may have many drafts, and each load reads the database.
      for (let i = 0; i < draftIds.length; i += LOAD_CONCURRENCY) {
        // Settled, not Promise.all: every lease taken is in `leases` before a failure is thrown.
        const batch = await Promise.allSettled(
          draftIds.slice(i, i + LOAD_CONCURRENCY).map(async (id) => {
            const lease = await this.#rooms.lease(boardId, id)
            if (lease) leases.push(lease)
            if (lease && loadedBefore.has(id)) await this.#rooms.refreshFromStorage(lease.room)
            return lease?.room ?? null
          }),
        )
        for (const result of batch) {
          if (result.status === 'rejected') throw result.reason
          if (result.value) drafts.push(result.value)
        }
      }
      // Every await above gave other work a turn; from here on all is synchronous.
      if (readSession(board.room.doc).silent) return 0
      const { copied, heldBack } = moveDraftNotes(board.room, drafts, admit, this.#budget)
      if (heldBack > 0)
        this.#log.warn({ boardId, notes: heldBack }, 'the board is full; draft notes stay in the drafts')
      return copied
    } finally {
      for (const lease of leases) lease.release()
    }
  }
}

/**
 * Copies the drafts' notes that `admit` lets through and the budget has room for into the
 * board (an id the board has already is not copied again) and removes them from the drafts,
 * synchronously. Notes left out by the budget are marked "board-full" in their drafts.
 */
function moveDraftNotes(
  board: BoardRoom,
  drafts: readonly BoardRoom[],
  admit: Admit,
  budget: BoardBudget,
): { copied: number; heldBack: number } {
  let copied = 0
  let notes = countNotes(board.doc)
  // The board's size grows with every copy; counted roughly until the write is made (UTF-8
  // text plus a note's other fields).
  let added = 0
  const size = {
    approximateBytes: () => board.approximateBytes() + added,
    measureBytes: () => board.measureBytes() + added,
  }
  const emptied: Array<{ room: BoardRoom; ids: string[] }> = []
  const full: Array<{ room: BoardRoom; ids: string[] }> = []
  board.transact((doc) => {
    for (const draft of drafts) {
      const ids: string[] = []
      const refused: string[] = []
      for (const note of listNotes(draft.doc)) {
        if (getNoteMap(doc, note.id)) {
          ids.push(note.id) // on the board already (copied before): only the draft's copy goes
          continue
        }
        if (!admit(doc, draft.doc, note)) continue
        if (boardFullReason(budget, notes, size) !== null) {
          if (note.heldBack !== 'board-full') refused.push(note.id)
          continue
        }
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
        notes++
        added += 3 * note.text.length + NOTE_FIELDS_BYTES
      }
      if (ids.length > 0) emptied.push({ room: draft, ids })
      if (refused.length > 0) full.push({ room: draft, ids: refused })
    }
  })
  for (const { room, ids } of emptied) room.transact((doc) => deleteNotes(doc, ids))
  for (const { room, ids } of full) {
    room.transact((doc) => {
      for (const id of ids) getNoteMap(doc, id)?.set('heldBack', 'board-full')
    })
  }
  return { copied, heldBack: full.reduce((sum, { ids }) => sum + ids.length, 0) }
}
