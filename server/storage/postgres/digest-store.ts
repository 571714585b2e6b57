import type pg from 'pg'
import type { BoardRecord, DigestHeldRecord, DigestStore } from '../types.ts'

/** The meeting digest's memory and board activity in PostgreSQL. */
export class PostgresDigestStore implements DigestStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async lastHeld(): Promise<DigestHeldRecord | null> {
    const { rows } = await this.#pool.query<{ held_on: string; recorded_at: string }>(
      'SELECT held_on, recorded_at FROM digests_held ORDER BY recorded_at DESC, held_on DESC LIMIT 1',
    )
    const row = rows[0]
    return row ? { heldOn: row.held_on, recordedAt: Number(row.recorded_at) } : null
  }

  async recordHeld(record: DigestHeldRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO digests_held (held_on, recorded_at) VALUES ($1, $2)
       ON CONFLICT (held_on) DO UPDATE SET recorded_at = excluded.recorded_at`,
      [record.heldOn, record.recordedAt],
    )
  }

  async boardsActiveSince(from: number, to: number): Promise<BoardRecord[]> {
    const { rows } = await this.#pool.query<{ id: string; title: string; template: string; created_at: string }>(
      `SELECT b.id, b.title, b.template, b.created_at FROM boards b
       WHERE b.created_at < $2 AND (
         b.created_at >= $1
         OR EXISTS (SELECT 1 FROM board_snapshots s WHERE s.board_id = b.id AND s.updated_at >= $1)
         OR EXISTS (SELECT 1 FROM board_updates u WHERE u.board_id = b.id))
       ORDER BY b.created_at, b.id COLLATE "C"`,
      [from, to],
    )
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      template: row.template,
      createdAt: Number(row.created_at),
    }))
  }
}
