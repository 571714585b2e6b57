import type pg from 'pg'
import {
  compactedState,
  needsStoredState,
  type BoardCompaction,
  type BoardRecord,
  type BoardStore,
  type StoredBoardState,
  type UpdateAppend,
} from '../types.ts'
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
    const { rows } = await this.#pool.query<BoardRow>(
      'SELECT id, title, template, created_at FROM boards WHERE id = $1',
      [id],
    )
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
    const boards = batch.filter((entry) => entry.draftId === undefined)
    const drafts = batch.filter((entry) => entry.draftId !== undefined)
    // One statement: the whole group commit is stored or none of it (a reveal moves notes
    // from drafts into the board in one group commit, so both tables go in together).
    await this.#pool.query(
      `WITH b AS (INSERT INTO board_updates (board_id, data) SELECT * FROM unnest($1::text[], $2::bytea[]))
       INSERT INTO draft_updates (draft_id, board_id, data) SELECT * FROM unnest($3::text[], $4::text[], $5::bytea[])`,
      [
        boards.map((entry) => entry.boardId),
        boards.map((entry) => Buffer.from(entry.update)),
        drafts.map((entry) => entry.draftId ?? ''),
        drafts.map((entry) => entry.boardId),
        drafts.map((entry) => Buffer.from(entry.update)),
      ],
    )
  }

  async loadDraftState(boardId: string, draftId: string): Promise<StoredBoardState | null> {
    const { rows } = await this.#pool.query<{ snapshot: Buffer | null; updates: Buffer[] }>(
      `SELECT (SELECT s.state FROM draft_snapshots s WHERE s.draft_id = $2 AND s.board_id = b.id) AS snapshot,
              COALESCE((SELECT array_agg(u.data ORDER BY u.seq) FROM draft_updates u
                         WHERE u.draft_id = $2 AND u.board_id = b.id), '{}') AS updates
         FROM boards b WHERE b.id = $1`,
      [boardId, draftId],
    )
    const row = rows[0]
    return row ? { snapshot: row.snapshot, updates: row.updates } : null
  }

  async listDrafts(boardId: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ draft_id: string }>(
      `SELECT draft_id FROM draft_snapshots WHERE board_id = $1
       UNION SELECT draft_id FROM draft_updates WHERE board_id = $1 ORDER BY draft_id`,
      [boardId],
    )
    return rows.map((row) => row.draft_id)
  }

  async compactDraft(boardId: string, draftId: string, compaction: BoardCompaction): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      const { rows: lock } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
        [`kokeileva:compact-draft:${draftId}`],
      )
      if (!lock[0]?.locked) return 0
      // The log's contents (and the old snapshot) are read only for a merge, not for ownState.
      const merging = needsStoredState(compaction)
      const { rows } = await client.query<{ seq: string; data: Buffer | null }>(
        'SELECT seq, CASE WHEN $3 THEN data END AS data FROM draft_updates WHERE draft_id = $1 AND board_id = $2 ORDER BY seq',
        [draftId, boardId, merging],
      )
      if (rows.length === 0) return 0
      const snapshot = merging
        ? ((
            await client.query<{ state: Buffer }>(
              'SELECT state FROM draft_snapshots WHERE draft_id = $1 AND board_id = $2',
              [draftId, boardId],
            )
          ).rows[0]?.state ?? null)
        : null
      const merged = compactedState(compaction, () => ({ snapshot, updates: rows.map((row) => row.data!) }))
      await client.query(
        `INSERT INTO draft_snapshots (draft_id, board_id, state, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (draft_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [draftId, boardId, Buffer.from(merged), Date.now()],
      )
      await client.query('DELETE FROM draft_updates WHERE seq = ANY($1::bigint[])', [rows.map((row) => row.seq)])
      return rows.length
    })
  }

  async compactBoard(id: string, compaction: BoardCompaction): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      // Single writer per board across processes: whoever holds the lock compacts, the others
      // skip (their appends still go in meanwhile; only the entries read here are deleted).
      const { rows: lock } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
        [`kokeileva:compact:${id}`],
      )
      if (!lock[0]?.locked) return 0
      // The log's contents (and the old snapshot) are read only for a merge, not for ownState.
      const merging = needsStoredState(compaction)
      const { rows } = await client.query<{ seq: string; data: Buffer | null }>(
        'SELECT seq, CASE WHEN $2 THEN data END AS data FROM board_updates WHERE board_id = $1 ORDER BY seq',
        [id, merging],
      )
      if (rows.length === 0) return 0
      const snapshot = merging
        ? ((await client.query<{ state: Buffer }>('SELECT state FROM board_snapshots WHERE board_id = $1', [id]))
            .rows[0]?.state ?? null)
        : null
      const merged = compactedState(compaction, () => ({ snapshot, updates: rows.map((row) => row.data!) }))
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
