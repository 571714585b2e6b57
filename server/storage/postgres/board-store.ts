import type pg from 'pg'
import type { BoardRecord, BoardStore, MergeBoardState, StoredBoardState, UpdateAppend } from '../types.ts'
import { inTransaction } from './pool.ts'
import { withoutNul } from './nul.ts'

interface BoardRow {
  id: string
  title: string
  template: string
  created_at: string
}

/**
 * Boards, snapshots and update logs in PostgreSQL, safe with several server processes on one
 * database: appends are plain inserts (any process, any time), a load reads the snapshot and
 * the log in one statement (one consistent view even while another process compacts), and
 * compaction takes a per-board advisory lock so that one process at a time folds a log.
 */
export class PostgresBoardStore implements BoardStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      await client.query('INSERT INTO boards (id, title, template, created_at) VALUES ($1, $2, $3, $4)', [
        board.id,
        withoutNul(board.title),
        board.template,
        board.createdAt,
      ])
      await client.query('INSERT INTO board_snapshots (board_id, state, updated_at) VALUES ($1, $2, $3)', [
        board.id,
        Buffer.from(initialState),
        Date.now(),
      ])
    })
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const { rows } = await this.#pool.query<BoardRow>('SELECT id, title, template, created_at FROM boards WHERE id = $1', [id])
    const row = rows[0]
    return row ? { id: row.id, title: row.title, template: row.template, createdAt: Number(row.created_at) } : null
  }

  async loadBoardState(id: string): Promise<StoredBoardState | null> {
    // One statement sees one snapshot of the database: never the old snapshot together with
    // a log from which a concurrent compaction already removed what it folded.
    const { rows } = await this.#pool.query<{ snapshot: Buffer | null; updates: Buffer[] }>(
      `SELECT s.state AS snapshot,
              COALESCE((SELECT array_agg(u.data ORDER BY u.seq) FROM board_updates u WHERE u.board_id = b.id), '{}') AS updates
         FROM boards b LEFT JOIN board_snapshots s ON s.board_id = b.id
        WHERE b.id = $1`,
      [id],
    )
    const row = rows[0]
    return row ? { snapshot: row.snapshot, updates: row.updates } : null
  }

  async appendUpdates(batch: readonly UpdateAppend[]): Promise<void> {
    if (batch.length === 0) return
    // One statement: the whole group commit is stored or none of it.
    await this.#pool.query(
      'INSERT INTO board_updates (board_id, data) SELECT * FROM unnest($1::text[], $2::bytea[])',
      [batch.map((entry) => entry.boardId), batch.map((entry) => Buffer.from(entry.update))],
    )
  }

  async compactBoard(id: string, merge: MergeBoardState): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      // Single writer per board across processes: whoever holds the lock compacts, the others
      // skip (their appends still go in meanwhile; only the entries read here are deleted).
      const { rows: lock } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
        [`kokeileva:compact:${id}`],
      )
      if (!lock[0]?.locked) return 0
      const { rows: snapshotRows } = await client.query<{ state: Buffer }>(
        'SELECT state FROM board_snapshots WHERE board_id = $1',
        [id],
      )
      const { rows } = await client.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq',
        [id],
      )
      if (rows.length === 0) return 0
      const merged = merge({ snapshot: snapshotRows[0]?.state ?? null, updates: rows.map((row) => row.data) })
      await client.query(
        `INSERT INTO board_snapshots (board_id, state, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [id, Buffer.from(merged), Date.now()],
      )
      await client.query('DELETE FROM board_updates WHERE seq = ANY($1::bigint[])', [rows.map((row) => row.seq)])
      return rows.length
    })
  }
}
