import type pg from 'pg'
import { isRole } from '@shared/roles.ts'
import { eraseInIdea, eraseInText, eraseInValue, type IdeaErasureCounts } from '../../admin/name-erasure.ts'
import { IDEA_COLUMNS, jsonParam, toIdea, type IdeaRow } from './idea-rows.ts'
import { searchParams, WRITE_SEARCH_SQL } from './idea-search.ts'
import { inTransaction } from './pool.ts'
import type {
  AuditRecord,
  BoardAccess,
  BoardListing,
  LifecycleStore,
  LinkRotation,
  StoredAuditEntry,
  TicketGrant,
} from '../lifecycle-types.ts'

interface AccessRow {
  links_generation: number
  facilitator_generation: number
  links_expire_at: string | null
}

function accessOf(row: AccessRow): BoardAccess {
  return {
    linksGeneration: row.links_generation,
    facilitatorGeneration: row.facilitator_generation,
    linksExpireAt: row.links_expire_at === null ? null : Number(row.links_expire_at),
  }
}

/** The data lifecycle in PostgreSQL (see lifecycle-types.ts); every process of a deployment shares it. */
export class PostgresLifecycleStore implements LifecycleStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async getAccess(boardId: string): Promise<BoardAccess | null> {
    const { rows } = await this.#pool.query<AccessRow>(
      'SELECT links_generation, facilitator_generation, links_expire_at FROM boards WHERE id = $1',
      [boardId],
    )
    return rows[0] ? accessOf(rows[0]) : null
  }

  async setLinksExpiry(boardId: string, expiresAt: number | null): Promise<void> {
    await this.#pool.query('UPDATE boards SET links_expire_at = $1 WHERE id = $2', [expiresAt, boardId])
  }

  async rotateLinks(boardId: string, rotation: LinkRotation): Promise<BoardAccess | null> {
    const { rows } = await this.#pool.query<AccessRow>(
      `UPDATE boards SET links_generation = links_generation + 1,
              facilitator_generation = facilitator_generation + $1, links_expire_at = $2
        WHERE id = $3 RETURNING links_generation, facilitator_generation, links_expire_at`,
      [rotation.facilitator ? 1 : 0, rotation.expiresAt, boardId],
    )
    return rows[0] ? accessOf(rows[0]) : null
  }

  async touch(boardId: string, at: number): Promise<void> {
    await this.#pool.query(
      'UPDATE boards SET last_activity_at = GREATEST(COALESCE(last_activity_at, 0), $1) WHERE id = $2',
      [at, boardId],
    )
  }

  async listBoards(): Promise<BoardListing[]> {
    const { rows } = await this.#pool.query<{
      id: string
      title: string
      template: string
      created_at: string
      last_activity_at: string
      stored_bytes: string
    }>(
      `SELECT b.id, b.title, b.template, b.created_at, COALESCE(b.last_activity_at, b.created_at) AS last_activity_at,
              COALESCE((SELECT octet_length(state) FROM board_snapshots WHERE board_id = b.id), 0)
              + COALESCE((SELECT sum(octet_length(data)) FROM board_updates WHERE board_id = b.id), 0) AS stored_bytes
         FROM boards b ORDER BY last_activity_at DESC, b.id`,
    )
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      template: row.template,
      createdAt: Number(row.created_at),
      lastActivityAt: Number(row.last_activity_at),
      storedBytes: Number(row.stored_bytes),
    }))
  }

  async boardsUnusedSince(before: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      'SELECT id FROM boards WHERE COALESCE(last_activity_at, created_at) < $1 ORDER BY id',
      [before],
    )
    return rows.map((row) => row.id)
  }

  async deleteBoard(boardId: string, at: number): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      // Snapshots, update logs, drafts and tickets go with the row (ON DELETE CASCADE).
      const { rowCount } = await client.query('DELETE FROM boards WHERE id = $1', [boardId])
      if (!rowCount) return false
      await client.query(
        'INSERT INTO deleted_boards (board_id, deleted_at) VALUES ($1, $2) ON CONFLICT (board_id) DO NOTHING',
        [boardId, at],
      )
      return true
    })
  }

  async deletedAt(boardIds: readonly string[]): Promise<Map<string, number>> {
    if (boardIds.length === 0) return new Map()
    const { rows } = await this.#pool.query<{ board_id: string; deleted_at: string }>(
      'SELECT board_id, deleted_at FROM deleted_boards WHERE board_id = ANY($1::text[])',
      [[...new Set(boardIds)]],
    )
    return new Map(rows.map((row) => [row.board_id, Number(row.deleted_at)]))
  }

  async createTicket(hash: string, grant: TicketGrant, expiresAt: number, now: number): Promise<void> {
    await this.#pool.query(
      `WITH swept AS (DELETE FROM sync_tickets WHERE expires_at < $6)
       INSERT INTO sync_tickets (ticket_hash, board_id, role, generation, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [hash, grant.boardId, grant.role, grant.generation, expiresAt, now],
    )
  }

  async consumeTicket(hash: string, now: number): Promise<TicketGrant | null> {
    // One statement: of two processes presented the same ticket, exactly one gets the row.
    const { rows } = await this.#pool.query<{ board_id: string; role: string; generation: number; expires_at: string }>(
      'DELETE FROM sync_tickets WHERE ticket_hash = $1 RETURNING board_id, role, generation, expires_at',
      [hash],
    )
    const row = rows[0]
    if (!row || Number(row.expires_at) < now || !isRole(row.role)) return null
    return { boardId: row.board_id, role: row.role, generation: row.generation }
  }

  async appendAudit(record: AuditRecord): Promise<void> {
    await this.#pool.query(
      'INSERT INTO admin_audit (at, actor, action, board_id, details) VALUES ($1, $2, $3, $4, $5)',
      [record.at, record.actor, record.action, record.boardId, JSON.stringify(record.details)],
    )
  }

  async listAudit(limit: number): Promise<StoredAuditEntry[]> {
    const { rows } = await this.#pool.query<{
      seq: string
      at: string
      actor: string
      action: string
      board_id: string | null
      details: Record<string, unknown>
    }>('SELECT seq, at, actor, action, board_id, details FROM admin_audit ORDER BY seq DESC LIMIT $1', [limit])
    return rows.map((row) => ({
      seq: Number(row.seq),
      at: Number(row.at),
      actor: row.actor,
      action: row.action,
      boardId: row.board_id,
      details: row.details,
    }))
  }

  async eraseNamesFromIdeas(names: readonly string[], at: number): Promise<IdeaErasureCounts> {
    const counts: IdeaErasureCounts = { ideas: 0, historyEntries: 0, comments: 0, searchEntries: 0 }
    if (names.length === 0) return counts
    await inTransaction(this.#pool, async (client) => {
      const { rows: ideas } = await client.query<IdeaRow>(`SELECT ${IDEA_COLUMNS} FROM ideas i FOR UPDATE`)
      for (const row of ideas) {
        const idea = toIdea(row)
        const erased = eraseInIdea(idea, names)
        if (!erased) continue
        const { fields } = erased
        // A new version: a change planned on the text before the erasure cannot write the name back.
        await client.query(
          `UPDATE ideas SET title = $1, description = $2, source = $3, links = $4, experiment = $5,
                  version = version + 1, updated_at = GREATEST(updated_at, $6) WHERE id = $7`,
          [
            fields.title,
            fields.description,
            jsonParam(fields.source),
            jsonParam(fields.links),
            jsonParam(fields.experiment),
            at,
            row.id,
          ],
        )
        counts.ideas++
        if (erased.searchableChanged) {
          await client.query(WRITE_SEARCH_SQL, searchParams({ ...idea, ...fields }))
          counts.searchEntries++
        }
      }
      const { rows: history } = await client.query<{
        seq: string
        from_value: unknown
        to_value: unknown
        comment: string | null
      }>('SELECT seq, from_value, to_value, comment FROM idea_history FOR UPDATE')
      for (const row of history) {
        const from = eraseInValue(row.from_value, names)
        const to = eraseInValue(row.to_value, names)
        const comment = row.comment === null ? null : eraseInText(row.comment, names)
        const valuesChanged =
          JSON.stringify(from) !== JSON.stringify(row.from_value) || JSON.stringify(to) !== JSON.stringify(row.to_value)
        const commentChanged = comment !== row.comment
        if (!valuesChanged && !commentChanged) continue
        await client.query('UPDATE idea_history SET from_value = $1, to_value = $2, comment = $3 WHERE seq = $4', [
          from === null ? null : JSON.stringify(from),
          to === null ? null : JSON.stringify(to),
          comment,
          row.seq,
        ])
        if (valuesChanged) counts.historyEntries++
        if (commentChanged) counts.comments++
      }
    })
    return counts
  }
}
