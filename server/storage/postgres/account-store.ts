import type pg from 'pg'
import { roleRank, type AccountStore, type SessionUser, type StoredSession, type UserBoardRecord } from '../types.ts'

interface UserBoardRow {
  id: string
  title: string
  template: string
  created_at: string
  role: UserBoardRecord['role']
  last_seen_at: string
  owner: boolean
  links_generation: number
  facilitator_generation: number
  links_expire_at: string | null
}

/** Sign-in sessions and people's boards in PostgreSQL (migration 50): every process sees them. */
export class PostgresAccountStore implements AccountStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async createSession(idHash: string, session: StoredSession, now: number): Promise<void> {
    await this.#pool.query(
      'INSERT INTO auth_sessions (id_hash, user_json, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [idHash, JSON.stringify(session.user), now, session.expiresAt],
    )
  }

  async getSession(idHash: string, now: number): Promise<StoredSession | null> {
    const { rows } = await this.#pool.query<{ user_json: SessionUser; expires_at: string }>(
      'SELECT user_json, expires_at FROM auth_sessions WHERE id_hash = $1 AND expires_at > $2',
      [idHash, now],
    )
    const row = rows[0]
    return row ? { user: row.user_json, expiresAt: Number(row.expires_at) } : null
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM auth_sessions WHERE id_hash = $1', [idHash])
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    const result = await this.#pool.query('DELETE FROM auth_sessions WHERE expires_at <= $1', [now])
    return result.rowCount ?? 0
  }

  async recordBoard(
    userId: string,
    boardId: string,
    role: UserBoardRecord['role'],
    at: number,
    owner = false,
  ): Promise<void> {
    await this.#pool.query(
      `INSERT INTO user_boards (user_id, board_id, role, role_rank, last_seen_at, owner) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, board_id) DO UPDATE SET
         role = CASE WHEN excluded.role_rank > user_boards.role_rank THEN excluded.role ELSE user_boards.role END,
         role_rank = GREATEST(excluded.role_rank, user_boards.role_rank),
         last_seen_at = GREATEST(excluded.last_seen_at, user_boards.last_seen_at),
         owner = excluded.owner OR user_boards.owner`,
      [userId, boardId, role, roleRank(role), at, owner],
    )
  }

  async listBoards(userId: string, limit: number): Promise<UserBoardRecord[]> {
    const { rows } = await this.#pool.query<UserBoardRow>(
      `SELECT b.id, b.title, b.template, b.created_at, ub.role, ub.last_seen_at, ub.owner,
              b.links_generation, b.facilitator_generation, b.links_expire_at
       FROM user_boards ub JOIN boards b ON b.id = ub.board_id
       WHERE ub.user_id = $1 ORDER BY ub.last_seen_at DESC, b.id COLLATE "C" LIMIT $2`,
      [userId, limit],
    )
    return rows.map((row) => ({
      board: { id: row.id, title: row.title, template: row.template, createdAt: Number(row.created_at) },
      role: row.role,
      lastSeenAt: Number(row.last_seen_at),
      owner: row.owner,
      access: {
        linksGeneration: row.links_generation,
        facilitatorGeneration: row.facilitator_generation,
        linksExpireAt: row.links_expire_at === null ? null : Number(row.links_expire_at),
      },
    }))
  }

  async ownsBoard(userId: string, boardId: string): Promise<boolean> {
    const { rows } = await this.#pool.query(
      'SELECT 1 FROM user_boards WHERE user_id = $1 AND board_id = $2 AND owner',
      [userId, boardId],
    )
    return rows.length > 0
  }
}
