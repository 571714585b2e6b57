import type { SqliteDatabase } from './database.ts'
import { journalRowWriter, type UpdateJournal } from './update-journal.ts'
import type { Logger } from '../../sync/socket.ts'
import type { UpdateAppend } from '../types.ts'

/** A fold starts at once when this many records wait, whatever the interval. */
const FOLD_MAX_RECORDS = 1000
const RETRY_FIRST_MS = 50
const RETRY_MAX_MS = 5000

/**
 * Moves the journal's records into board_updates and draft_updates: one transaction per fold,
 * every `intervalMs` or FOLD_MAX_RECORDS records, and whenever a reader asks first
 * (`fold()`), so every query of the update logs sees every journaled update.
 *
 * A fold that fails (SQLITE_FULL) keeps its records, in memory and in the journal, and is
 * retried with backoff. The boards whose records could not be stored are "failing": the
 * store refuses their new writes until a fold succeeds (`refusal`), as it refused a failing
 * commit before the journal, and the storage's ping fails meanwhile (GET /readyz 503).
 * The boards whose records fit are stored on their own (one board too big for the room left
 * does not hold the others back); the journal keeps them too until every record is stored, so
 * a crash meanwhile replays them a second time, which a Yjs update allows (applying an update
 * twice changes nothing).
 */
export class JournalFold {
  readonly #db: SqliteDatabase
  readonly #journal: UpdateJournal
  readonly #intervalMs: number
  readonly #log: Logger | undefined
  readonly #store: (records: readonly UpdateAppend[]) => void
  #pending: UpdateAppend[] = []
  readonly #failingBoards = new Set<string>()
  #error: Error | null = null
  #retryMs = RETRY_FIRST_MS
  #timer: NodeJS.Timeout | null = null
  /** Boards seen to exist: an append to any other is refused, as the log's foreign key did. A
   *  board deleted later stays in it; the fold drops its records. */
  readonly #knownBoards = new Set<string>()
  readonly #boardExists: (boardId: string) => boolean
  #closed = false

  constructor(db: SqliteDatabase, journal: UpdateJournal, options: { intervalMs: number; log?: Logger | undefined }) {
    this.#db = db
    this.#journal = journal
    this.#intervalMs = options.intervalMs
    this.#log = options.log
    const exists = db.prepare('SELECT 1 FROM boards WHERE id = ?').pluck()
    this.#boardExists = (boardId) => exists.get(boardId) !== undefined
    this.#store = journalRowWriter(db)
  }

  /** Records replayed from the journal at startup: stored now, or kept like any others. */
  replay(records: readonly UpdateAppend[]): void {
    if (records.length === 0) return
    this.#pending.push(...records)
    if (!this.fold())
      this.#log?.error({ err: this.#error, records: records.length }, 'replaying the update journal failed; retrying')
  }

  /** The error to refuse a write of these boards with, or null when it may go on. */
  refusal(appends: readonly UpdateAppend[]): Error | null {
    for (const { boardId } of appends) {
      if (this.#knownBoards.has(boardId)) continue
      if (!this.#boardExists(boardId)) return new Error(`no board ${boardId} to append updates to`)
      this.#knownBoards.add(boardId)
    }
    if (this.#failingBoards.size === 0) return null
    if (!appends.some(({ boardId }) => this.#failingBoards.has(boardId))) return null
    this.fold()
    return appends.some(({ boardId }) => this.#failingBoards.has(boardId)) ? this.#error : null
  }

  /** Journals the appends (one write): they are durable when this returns. */
  append(appends: readonly UpdateAppend[]): void {
    this.#journal.append(appends)
    for (const append of appends) this.#pending.push(append)
    if (this.#timer !== null && this.#pending.length < FOLD_MAX_RECORDS) return
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#schedule(this.#pending.length >= FOLD_MAX_RECORDS ? 0 : this.#intervalMs)
  }

  /** The error of the last fold while records are waiting for room, else null (readiness). */
  get failure(): Error | null {
    return this.#failingBoards.size > 0 ? this.#error : null
  }

  /** Records not yet in SQLite of one board's log (draftId undefined) or one draft's. */
  pendingOf(boardId: string, draftId?: string): Uint8Array[] {
    const updates: Uint8Array[] = []
    for (const record of this.#pending)
      if (record.boardId === boardId && record.draftId === draftId) updates.push(record.update)
    return updates
  }

  /** Draft ids with records not yet in SQLite. */
  pendingDrafts(boardId: string): string[] {
    const drafts = new Set<string>()
    for (const record of this.#pending)
      if (record.boardId === boardId && record.draftId !== undefined) drafts.add(record.draftId)
    return [...drafts]
  }

  /** Stores every waiting record; true when none is left. Synchronous, like every query here. */
  fold(): boolean {
    if (this.#timer !== null) {
      clearTimeout(this.#timer)
      this.#timer = null
    }
    if (this.#pending.length === 0) return true
    if (!this.#db.open) return false
    const records = this.#pending
    try {
      this.#store(records)
      this.#pending = []
    } catch (error) {
      this.#pending = this.#foldEachBoard(records, error)
    }
    if (this.#pending.length === 0) {
      this.#journal.clear()
      if (this.#failingBoards.size > 0) this.#log?.info({}, 'the update journal is stored again')
      this.#failingBoards.clear()
      this.#error = null
      this.#retryMs = RETRY_FIRST_MS
      return true
    }
    this.#schedule(this.#retryMs)
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS)
    return false
  }

  /** After a failed fold: each board's records alone; returns those still not stored, in order. */
  #foldEachBoard(records: readonly UpdateAppend[], firstError: unknown): UpdateAppend[] {
    const byBoard = new Map<string, UpdateAppend[]>()
    for (const record of records) {
      let list = byBoard.get(record.boardId)
      if (!list) byBoard.set(record.boardId, (list = []))
      list.push(record)
    }
    const left: UpdateAppend[] = []
    const wasFailing = this.#failingBoards.size > 0
    this.#failingBoards.clear()
    this.#error = asError(firstError)
    for (const [boardId, list] of byBoard) {
      try {
        this.#store(list)
      } catch (error) {
        this.#error = asError(error)
        this.#failingBoards.add(boardId)
        for (const record of list) left.push(record)
      }
    }
    if (left.length > 0 && !wasFailing)
      this.#log?.error(
        { err: this.#error, boards: this.#failingBoards.size, records: left.length },
        'folding the update journal into the database failed; its boards take no writes until it succeeds',
      )
    return left
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.fold()
    }, delayMs)
    // Pending records are in the journal already: the timer need not keep the process alive.
    this.#timer.unref()
  }

  /** Stores what it can and closes the journal; what is left is replayed at the next start. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.fold()
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    this.#journal.close()
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
