import type Database from 'better-sqlite3'
import type { SqliteDatabase } from './database.ts'
import type { JournalFold } from './journal-fold.ts'
import {
  compactedState,
  type BoardCompaction,
  type BoardRecord,
  type BoardStore,
  type StoredBoardState,
  type UpdateAppend,
} from '../types.ts'

type Statement = Database.Statement<unknown[]>

/** Group commits of up to this many board updates are one INSERT statement. */
const MULTI_ROW_MAX = 16

interface BoardRow {
  id: string
  title: string
  template: string
  created_at: number
}

/** Boards, snapshots and update logs in SQLite. better-sqlite3 is synchronous; each method
 *  finishes its transaction before its promise resolves. With a journal (journal-fold.ts),
 *  appends go to the journal file and every reader of the logs folds it in first. */
export class SqliteBoardStore implements BoardStore {
  readonly #db: SqliteDatabase
  readonly #statements
  /** Built once: better-sqlite3 compiles a wrapper per db.transaction() call. */
  readonly #appendBatch: (batch: readonly UpdateAppend[]) => void
  /** Prepared multi-row appends, by row count (1 … MULTI_ROW_MAX). */
  readonly #multiRowAppends: Array<Statement | undefined> = []
  readonly #journal: JournalFold | null

  constructor(db: SqliteDatabase, journal: JournalFold | null = null) {
    this.#db = db
    this.#journal = journal
    this.#statements = {
      insertBoard: db.prepare('INSERT INTO boards (id, title, template, created_at) VALUES (?, ?, ?, ?)'),
      upsertSnapshot: db.prepare(
        `INSERT INTO board_snapshots (board_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      getBoard: db.prepare('SELECT id, title, template, created_at FROM boards WHERE id = ?'),
      getSnapshot: db.prepare('SELECT state FROM board_snapshots WHERE board_id = ?').pluck(),
      getUpdates: db.prepare('SELECT data FROM board_updates WHERE board_id = ? ORDER BY seq').pluck(),
      appendUpdate: db.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)'),
      boardLogExtent: db.prepare('SELECT count(*) AS entries, max(seq) AS last FROM board_updates WHERE board_id = ?'),
      deleteUpdatesThrough: db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
      upsertDraftSnapshot: db.prepare(
        `INSERT INTO draft_snapshots (draft_id, board_id, state, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      getDraftSnapshot: db.prepare('SELECT state FROM draft_snapshots WHERE draft_id = ? AND board_id = ?').pluck(),
      getDraftUpdates: db
        .prepare('SELECT data FROM draft_updates WHERE draft_id = ? AND board_id = ? ORDER BY seq')
        .pluck(),
      appendDraftUpdate: db.prepare('INSERT INTO draft_updates (draft_id, board_id, data) VALUES (?, ?, ?)'),
      draftLogExtent: db.prepare(
        'SELECT count(*) AS entries, max(seq) AS last FROM draft_updates WHERE draft_id = ? AND board_id = ?',
      ),
      deleteDraftUpdatesThrough: db.prepare(
        'DELETE FROM draft_updates WHERE draft_id = ? AND board_id = ? AND seq <= ?',
      ),
      listDrafts: db
        .prepare(
          `SELECT draft_id FROM draft_snapshots WHERE board_id = ?
         UNION SELECT draft_id FROM draft_updates WHERE board_id = ? ORDER BY draft_id`,
        )
        .pluck(),
    }
    const append = this.#statements.appendUpdate
    const appendDraft = this.#statements.appendDraftUpdate
    this.#appendBatch = db.transaction((batch: readonly UpdateAppend[]) => {
      for (const { boardId, update, draftId } of batch) {
        if (draftId === undefined) append.run(boardId, update)
        else appendDraft.run(draftId, boardId, update)
      }
    })
  }

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    this.#db.transaction(() => {
      this.#statements.insertBoard.run(board.id, board.title, board.template, board.createdAt)
      this.#statements.upsertSnapshot.run(board.id, initialState, Date.now())
    })()
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.#statements.getBoard.get(id) as BoardRow | undefined
    return row ? { id: row.id, title: row.title, template: row.template, createdAt: row.created_at } : null
  }

  async loadBoardState(id: string): Promise<StoredBoardState | null> {
    const journal = this.#foldJournal()
    const state = this.#db.transaction(() => {
      if (!this.#statements.getBoard.get(id)) return null
      return this.#readState(id)
    })()
    // A fold that failed (a full disk) leaves records in the journal: they are stored, and newer
    // than every row of the log.
    if (state && journal) state.updates.push(...journal.pendingOf(id))
    return state
  }

  async appendUpdates(batch: readonly UpdateAppend[]): Promise<void> {
    this.appendUpdatesNow(batch)
  }

  appendUpdatesNow(batch: readonly UpdateAppend[]): void {
    if (batch.length === 0) return
    if (this.#journal) {
      const refusal = this.#journal.refusal(batch)
      if (refusal !== null) throw refusal
      this.#journal.append(batch)
      return
    }
    if (batch.length <= MULTI_ROW_MAX && batch.every((append) => append.draftId === undefined)) {
      // The usual group commit (a few moves on the boards' logs): one statement, which is its
      // own transaction, instead of BEGIN, a statement per update and COMMIT.
      this.#multiRowAppend(batch.length).run(...batch.flatMap(({ boardId, update }) => [boardId, update]))
    } else {
      this.#appendBatch(batch)
    }
  }

  /** INSERT of `rows` updates in one statement (rows in order: seq follows the batch). */
  #multiRowAppend(rows: number): Statement {
    let statement = this.#multiRowAppends[rows]
    if (!statement) {
      const values = Array.from({ length: rows }, () => '(?, ?)').join(', ')
      statement = this.#db.prepare<unknown[]>(`INSERT INTO board_updates (board_id, data) VALUES ${values}`)
      this.#multiRowAppends[rows] = statement
    }
    return statement
  }

  /** The journal after an attempt to fold it (records it could not store stay in it), or null. */
  #foldJournal(): JournalFold | null {
    this.#journal?.fold()
    return this.#journal
  }

  async compactBoard(id: string, compaction: BoardCompaction): Promise<number> {
    // Journaled records that cannot be folded now are newer than every row read here: they are
    // stored as rows once they fit, after the snapshot written here.
    this.#foldJournal()
    // One synchronous transaction: nothing else can write to this database meanwhile, so the
    // rows up to the last one seen are exactly the ones folded.
    return this.#db
      .transaction(() => {
        const extent = this.#statements.boardLogExtent.get(id) as LogExtent
        if (extent.entries === 0) return 0
        // The writer's own copy (ownState) needs none of the log's contents read.
        const snapshot = compactedState(compaction, () => this.#readState(id))
        this.#statements.upsertSnapshot.run(id, snapshot, Date.now())
        this.#statements.deleteUpdatesThrough.run(id, extent.last)
        return extent.entries
      })
      .immediate()
  }

  async loadDraftState(boardId: string, draftId: string): Promise<StoredBoardState | null> {
    const journal = this.#foldJournal()
    const state = this.#db.transaction(() => {
      if (!this.#statements.getBoard.get(boardId)) return null
      return this.#readDraftState(boardId, draftId)
    })()
    if (state && journal) state.updates.push(...journal.pendingOf(boardId, draftId))
    return state
  }

  async listDrafts(boardId: string): Promise<string[]> {
    const journal = this.#foldJournal()
    const stored = this.#statements.listDrafts.all(boardId, boardId) as string[]
    const pending = journal?.pendingDrafts(boardId) ?? []
    if (pending.length === 0) return stored
    return [...new Set([...stored, ...pending])].sort()
  }

  async compactDraft(boardId: string, draftId: string, compaction: BoardCompaction): Promise<number> {
    this.#foldJournal()
    return this.#db
      .transaction(() => {
        const extent = this.#statements.draftLogExtent.get(draftId, boardId) as LogExtent
        if (extent.entries === 0) return 0
        const snapshot = compactedState(compaction, () => this.#readDraftState(boardId, draftId))
        this.#statements.upsertDraftSnapshot.run(draftId, boardId, snapshot, Date.now())
        this.#statements.deleteDraftUpdatesThrough.run(draftId, boardId, extent.last)
        return extent.entries
      })
      .immediate()
  }

  #readDraftState(boardId: string, draftId: string): StoredBoardState {
    const snapshot = this.#statements.getDraftSnapshot.get(draftId, boardId) as Buffer | undefined
    const updates = this.#statements.getDraftUpdates.all(draftId, boardId) as Buffer[]
    return { snapshot: snapshot ?? null, updates }
  }

  #readState(id: string): StoredBoardState {
    const snapshot = this.#statements.getSnapshot.get(id) as Buffer | undefined
    const updates = this.#statements.getUpdates.all(id) as Buffer[]
    return { snapshot: snapshot ?? null, updates }
  }
}

/** How many entries a log holds and the seq of its last one (null when empty). */
interface LogExtent {
  entries: number
  last: number | null
}
