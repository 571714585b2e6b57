import type { SqliteDatabase } from './database.ts'
import type { BoardRecord, DigestHeldRecord, DigestStore } from '../types.ts'

interface BoardRow {
  id: string
  title: string
  template: string
  created_at: number
}

/** The meeting digest's memory and board activity in SQLite. */
export class SqliteDigestStore implements DigestStore {
  readonly #statements

  /** Folds the update journal into board_updates (a board edited only in it was active too). */
  readonly #foldJournal: () => void

  constructor(db: SqliteDatabase, foldJournal: () => void = () => {}) {
    this.#foldJournal = foldJournal
    this.#statements = {
      last: db.prepare('SELECT held_on, recorded_at FROM digests_held ORDER BY recorded_at DESC, held_on DESC LIMIT 1'),
      record: db.prepare(
        `INSERT INTO digests_held (held_on, recorded_at) VALUES (?, ?)
         ON CONFLICT (held_on) DO UPDATE SET recorded_at = excluded.recorded_at`,
      ),
      active: db.prepare(
        `SELECT b.id, b.title, b.template, b.created_at FROM boards b
         WHERE b.created_at < @to AND (
           b.created_at >= @from
           OR EXISTS (SELECT 1 FROM board_snapshots s WHERE s.board_id = b.id AND s.updated_at >= @from)
           OR EXISTS (SELECT 1 FROM board_updates u WHERE u.board_id = b.id))
         ORDER BY b.created_at, b.id`,
      ),
    }
  }

  async lastHeld(): Promise<DigestHeldRecord | null> {
    const row = this.#statements.last.get() as { held_on: string; recorded_at: number } | undefined
    return row ? { heldOn: row.held_on, recordedAt: row.recorded_at } : null
  }

  async recordHeld(record: DigestHeldRecord): Promise<void> {
    this.#statements.record.run(record.heldOn, record.recordedAt)
  }

  async boardsActiveSince(from: number, to: number): Promise<BoardRecord[]> {
    this.#foldJournal()
    return (this.#statements.active.all({ from, to }) as BoardRow[]).map((row) => ({
      id: row.id,
      title: row.title,
      template: row.template,
      createdAt: row.created_at,
    }))
  }
}
