import type { SqliteDatabase } from './database.ts'
import { roleRank, type AccountStore, type SessionUser, type StoredSession, type UserBoardRecord } from '../types.ts'

interface UserBoardRow {
  id: string
  title: string
  template: string
  created_at: number
  role: UserBoardRecord['role']
  last_seen_at: number
  owner: number
  links_generation: number
  facilitator_generation: number
  links_expire_at: number | null
}

/** Sign-in sessions and people's boards in SQLite (migration 50). */
export class SqliteAccountStore implements AccountStore {
  readonly #statements

  constructor(db: SqliteDatabase) {
    this.#statements = {
      insertSession: db.prepare(
        'INSERT INTO auth_sessions (id_hash, user_json, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      getSession: db.prepare('SELECT user_json, expires_at FROM auth_sessions WHERE id_hash = ? AND expires_at > ?'),
      deleteSession: db.prepare('DELETE FROM auth_sessions WHERE id_hash = ?'),
      deleteExpired: db.prepare('DELETE FROM auth_sessions WHERE expires_at <= ?'),
      recordBoard: db.prepare(`
        INSERT INTO user_boards (user_id, board_id, role, role_rank, last_seen_at, owner) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (user_id, board_id) DO UPDATE SET
          role = CASE WHEN excluded.role_rank > user_boards.role_rank THEN excluded.role ELSE user_boards.role END,
          role_rank = max(excluded.role_rank, user_boards.role_rank),
          last_seen_at = max(excluded.last_seen_at, user_boards.last_seen_at),
          owner = max(excluded.owner, user_boards.owner)`),
      listBoards: db.prepare(`
        SELECT b.id, b.title, b.template, b.created_at, ub.role, ub.last_seen_at, ub.owner,
               b.links_generation, b.facilitator_generation, b.links_expire_at
        FROM user_boards ub JOIN boards b ON b.id = ub.board_id
        WHERE ub.user_id = ? ORDER BY ub.last_seen_at DESC, b.id LIMIT ?`),
      ownsBoard: db.prepare('SELECT 1 FROM user_boards WHERE user_id = ? AND board_id = ? AND owner = 1'),
    }
  }

  async createSession(idHash: string, session: StoredSession, now: number): Promise<void> {
    this.#statements.insertSession.run(idHash, JSON.stringify(session.user), now, session.expiresAt)
  }

  async getSession(idHash: string, now: number): Promise<StoredSession | null> {
    const row = this.#statements.getSession.get(idHash, now) as { user_json: string; expires_at: number } | undefined
    return row ? { user: JSON.parse(row.user_json) as SessionUser, expiresAt: row.expires_at } : null
  }

  async deleteSession(idHash: string): Promise<void> {
    this.#statements.deleteSession.run(idHash)
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.#statements.deleteExpired.run(now).changes
  }

  async recordBoard(
    userId: string,
    boardId: string,
    role: UserBoardRecord['role'],
    at: number,
    owner = false,
  ): Promise<void> {
    this.#statements.recordBoard.run(userId, boardId, role, roleRank(role), at, owner ? 1 : 0)
  }

  async listBoards(userId: string, limit: number): Promise<UserBoardRecord[]> {
    return (this.#statements.listBoards.all(userId, limit) as UserBoardRow[]).map((row) => ({
      board: { id: row.id, title: row.title, template: row.template, createdAt: row.created_at },
      role: row.role,
      lastSeenAt: row.last_seen_at,
      owner: row.owner === 1,
      access: {
        linksGeneration: row.links_generation,
        facilitatorGeneration: row.facilitator_generation,
        linksExpireAt: row.links_expire_at,
      },
    }))
  }

  async ownsBoard(userId: string, boardId: string): Promise<boolean> {
    return this.#statements.ownsBoard.get(userId, boardId) !== undefined
  }
}
