import { isRole } from '@shared/roles.ts'
import { eraseInIdea, eraseInText, eraseInValue, type IdeaErasureCounts } from '../../admin/name-erasure.ts'
import type { SqliteDatabase } from './database.ts'
import { IdeaSearchIndex } from './idea-search.ts'
import { IDEA_COLUMNS, toIdea, type IdeaRow } from './idea-store.ts'
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
  links_expire_at: number | null
}

function accessOf(row: AccessRow): BoardAccess {
  return {
    linksGeneration: row.links_generation,
    facilitatorGeneration: row.facilitator_generation,
    linksExpireAt: row.links_expire_at,
  }
}

/** The data lifecycle in SQLite (see lifecycle-types.ts). */
export class SqliteLifecycleStore implements LifecycleStore {
  readonly #db: SqliteDatabase
  readonly #statements

  /** Folds the update journal into board_updates (stored sizes count journaled updates too). */
  readonly #foldJournal: () => void

  constructor(db: SqliteDatabase, foldJournal: () => void = () => {}) {
    this.#db = db
    this.#foldJournal = foldJournal
    this.#statements = {
      getAccess: db.prepare(
        'SELECT links_generation, facilitator_generation, links_expire_at FROM boards WHERE id = ?',
      ),
      setExpiry: db.prepare('UPDATE boards SET links_expire_at = ? WHERE id = ?'),
      rotate: db.prepare(
        `UPDATE boards SET links_generation = links_generation + 1,
                facilitator_generation = facilitator_generation + ?, links_expire_at = ?
          WHERE id = ? RETURNING links_generation, facilitator_generation, links_expire_at`,
      ),
      touch: db.prepare('UPDATE boards SET last_activity_at = max(coalesce(last_activity_at, 0), ?) WHERE id = ?'),
      list: db.prepare(
        `SELECT b.id, b.title, b.template, b.created_at, coalesce(b.last_activity_at, b.created_at) AS last_activity_at,
                coalesce((SELECT length(state) FROM board_snapshots WHERE board_id = b.id), 0)
                + coalesce((SELECT sum(length(data)) FROM board_updates WHERE board_id = b.id), 0) AS stored_bytes
           FROM boards b ORDER BY last_activity_at DESC, b.id`,
      ),
      unused: db.prepare('SELECT id FROM boards WHERE coalesce(last_activity_at, created_at) < ? ORDER BY id').pluck(),
      // Snapshots, update logs, drafts and tickets go with the row (ON DELETE CASCADE).
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      rememberDeleted: db.prepare(
        'INSERT INTO deleted_boards (board_id, deleted_at) VALUES (?, ?) ON CONFLICT (board_id) DO NOTHING',
      ),
      deletedAt: db.prepare('SELECT deleted_at FROM deleted_boards WHERE board_id = ?').pluck(),
      sweepTickets: db.prepare('DELETE FROM sync_tickets WHERE expires_at < ?'),
      insertTicket: db.prepare(
        'INSERT INTO sync_tickets (ticket_hash, board_id, role, generation, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      takeTicket: db.prepare(
        'DELETE FROM sync_tickets WHERE ticket_hash = ? RETURNING board_id, role, generation, expires_at',
      ),
      appendAudit: db.prepare('INSERT INTO admin_audit (at, actor, action, board_id, details) VALUES (?, ?, ?, ?, ?)'),
      listAudit: db.prepare(
        'SELECT seq, at, actor, action, board_id, details FROM admin_audit ORDER BY seq DESC LIMIT ?',
      ),
    }
  }

  async getAccess(boardId: string): Promise<BoardAccess | null> {
    const row = this.#statements.getAccess.get(boardId) as AccessRow | undefined
    return row ? accessOf(row) : null
  }

  async setLinksExpiry(boardId: string, expiresAt: number | null): Promise<void> {
    this.#statements.setExpiry.run(expiresAt, boardId)
  }

  async rotateLinks(boardId: string, rotation: LinkRotation): Promise<BoardAccess | null> {
    const row = this.#statements.rotate.get(rotation.facilitator ? 1 : 0, rotation.expiresAt, boardId) as
      AccessRow | undefined
    return row ? accessOf(row) : null
  }

  async touch(boardId: string, at: number): Promise<void> {
    this.#statements.touch.run(at, boardId)
  }

  async listBoards(): Promise<BoardListing[]> {
    this.#foldJournal()
    const rows = this.#statements.list.all() as Array<{
      id: string
      title: string
      template: string
      created_at: number
      last_activity_at: number
      stored_bytes: number
    }>
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      template: row.template,
      createdAt: row.created_at,
      lastActivityAt: row.last_activity_at,
      storedBytes: row.stored_bytes,
    }))
  }

  async boardsUnusedSince(before: number): Promise<string[]> {
    return this.#statements.unused.all(before) as string[]
  }

  async deleteBoard(boardId: string, at: number): Promise<boolean> {
    return this.#db
      .transaction(() => {
        const deleted = this.#statements.deleteBoard.run(boardId).changes > 0
        if (deleted) this.#statements.rememberDeleted.run(boardId, at)
        return deleted
      })
      .immediate()
  }

  async deletedAt(boardIds: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>()
    for (const id of new Set(boardIds)) {
      const at = this.#statements.deletedAt.get(id) as number | undefined
      if (at !== undefined) found.set(id, at)
    }
    return found
  }

  async createTicket(hash: string, grant: TicketGrant, expiresAt: number, now: number): Promise<void> {
    this.#db.transaction(() => {
      this.#statements.sweepTickets.run(now)
      this.#statements.insertTicket.run(hash, grant.boardId, grant.role, grant.generation, expiresAt)
    })()
  }

  async consumeTicket(hash: string, now: number): Promise<TicketGrant | null> {
    const row = this.#statements.takeTicket.get(hash) as
      { board_id: string; role: string; generation: number; expires_at: number } | undefined
    if (!row || row.expires_at < now || !isRole(row.role)) return null
    return { boardId: row.board_id, role: row.role, generation: row.generation }
  }

  async appendAudit(record: AuditRecord): Promise<void> {
    this.#statements.appendAudit.run(
      record.at,
      record.actor,
      record.action,
      record.boardId,
      JSON.stringify(record.details),
    )
  }

  async listAudit(limit: number): Promise<StoredAuditEntry[]> {
    const rows = this.#statements.listAudit.all(limit) as Array<{
      seq: number
      at: number
      actor: string
      action: string
      board_id: string | null
      details: string
    }>
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      boardId: row.board_id,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }))
  }

  async eraseNamesFromIdeas(names: readonly string[], at: number): Promise<IdeaErasureCounts> {
    const counts: IdeaErasureCounts = { ideas: 0, historyEntries: 0, comments: 0, searchEntries: 0 }
    if (names.length === 0) return counts
    const db = this.#db
    const search = new IdeaSearchIndex(db)
    db.transaction(() => {
      const ideas = db.prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i`).all() as IdeaRow[]
      // A new version: a change planned on the text before the erasure cannot write the name back.
      const updateIdea = db.prepare(
        `UPDATE ideas SET title = ?, description = ?, source = ?, links = ?, experiment = ?,
                version = version + 1, updated_at = max(updated_at, ?) WHERE id = ?`,
      )
      for (const row of ideas) {
        const idea = toIdea(row)
        const erased = eraseInIdea(idea, names)
        if (!erased) continue
        const { fields } = erased
        updateIdea.run(
          fields.title,
          fields.description,
          JSON.stringify(fields.source),
          JSON.stringify(fields.links),
          fields.experiment === null ? null : JSON.stringify(fields.experiment),
          at,
          row.id,
        )
        counts.ideas++
        if (erased.searchableChanged) {
          search.write(row.rowid, { ...idea, ...fields })
          counts.searchEntries++
        }
      }
      const history = db.prepare('SELECT seq, from_value, to_value, comment FROM idea_history').all() as Array<{
        seq: number
        from_value: string | null
        to_value: string | null
        comment: string | null
      }>
      const updateEntry = db.prepare('UPDATE idea_history SET from_value = ?, to_value = ?, comment = ? WHERE seq = ?')
      for (const row of history) {
        const from = row.from_value === null ? null : JSON.stringify(eraseInValue(JSON.parse(row.from_value), names))
        const to = row.to_value === null ? null : JSON.stringify(eraseInValue(JSON.parse(row.to_value), names))
        const comment = row.comment === null ? null : eraseInText(row.comment, names)
        const valuesChanged = from !== row.from_value || to !== row.to_value
        const commentChanged = comment !== row.comment
        if (!valuesChanged && !commentChanged) continue
        updateEntry.run(from, to, comment, row.seq)
        if (valuesChanged) counts.historyEntries++
        if (commentChanged) counts.comments++
      }
      // Rewritten entries leave the old words in the index's segments until they merge: merged
      // now, so that the name is gone from the file and not only from the answers.
      if (counts.searchEntries > 0) {
        db.prepare("INSERT INTO idea_search_words (idea_search_words) VALUES ('optimize')").run()
        db.prepare("INSERT INTO idea_search_grams (idea_search_grams) VALUES ('optimize')").run()
      }
    })()
    return counts
  }
}
