import type { HistoryEntry, IdeaFacets, IdeaSort } from '@shared/api/ideas.ts'
import { formatIdeaRef, isIdeaRef, refYear } from '@shared/ideas/ref.ts'
import type { SearchTerm } from '@shared/ideas/search.ts'
import { normalizeKey } from '@shared/ideas/text.ts'
import { IDEA_STATUSES, storedIdeaStatus } from '@shared/ideas/workflow.ts'
import { MergeTargetError, StaleIdeaError } from '../errors.ts'
import type {
  BoardNoteIdea,
  IdeaQuery,
  IdeaStore,
  LinkNotes,
  LinkOutcome,
  PromotedNote,
  IdeaUpdate,
  NewIdea,
  PromoteOutcome,
  StoredIdea,
  StoredIdeaWithHistory,
} from '../types.ts'
import type { IdeaChange } from '../types.ts'
import type { SqliteDatabase } from './database.ts'
import { allTermsMatch, gramsQuery, IdeaSearchIndex, WORD_WEIGHTS, wordsQuery } from './idea-search.ts'

/** What the store tells of each change, synchronously, inside the change's transaction. */
export interface IdeaChangeRecorder {
  record(change: IdeaChange): void
}

export interface IdeaRow {
  rowid: number
  id: string
  ref: string
  title: string
  description: string
  status: string
  department: string | null
  tags: string
  votes: number
  source: string
  links: string
  experiment: string | null
  merged_into: string | null
  version: number
  created_at: number
  updated_at: number
}

interface HistoryRow {
  at: number
  actor: string
  field: string
  from_value: string | null
  to_value: string | null
  comment: string | null
}

export const IDEA_COLUMNS =
  'i.rowid AS rowid, i.id, i.ref, i.title, i.description, i.status, i.department, i.tags, i.votes, i.source, i.links, i.experiment, i.merged_into, i.version, i.created_at, i.updated_at'

const ORDER_BY: Record<Exclude<IdeaSort, 'relevance'>, string> = {
  newest: 'i.created_at DESC, i.ref DESC',
  votes: 'i.votes DESC, i.created_at DESC, i.ref DESC',
  changed: 'i.updated_at DESC, i.created_at DESC, i.ref DESC',
}

export function toIdea(row: IdeaRow): StoredIdea {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    description: row.description,
    status: storedIdeaStatus(row.status),
    department: row.department,
    tags: JSON.parse(row.tags) as string[],
    votes: row.votes,
    source: JSON.parse(row.source) as StoredIdea['source'],
    links: JSON.parse(row.links) as StoredIdea['links'],
    experiment: row.experiment === null ? null : (JSON.parse(row.experiment) as StoredIdea['experiment']),
    mergedInto: row.merged_into,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toHistory(row: HistoryRow): HistoryEntry {
  return {
    at: row.at,
    by: JSON.parse(row.actor) as HistoryEntry['by'],
    field: row.field as HistoryEntry['field'],
    from: row.from_value === null ? null : (JSON.parse(row.from_value) as HistoryEntry['from']),
    to: row.to_value === null ? null : (JSON.parse(row.to_value) as HistoryEntry['to']),
    comment: row.comment,
  }
}

/**
 * The idea registry in SQLite. Every write is one IMMEDIATE transaction: it takes the write
 * lock when it begins, so ref numbers, "same notes" checks and version checks are decided
 * with no other writer in between, also across processes sharing the file.
 */
export class SqliteIdeaStore implements IdeaStore {
  readonly #db: SqliteDatabase
  readonly #search: IdeaSearchIndex
  readonly #statements
  /** Written in each change's transaction: the webhook deliveries it causes. */
  readonly #outbox: IdeaChangeRecorder | undefined

  constructor(db: SqliteDatabase, outbox?: IdeaChangeRecorder) {
    this.#db = db
    this.#outbox = outbox
    this.#search = new IdeaSearchIndex(db)
    this.#statements = {
      byId: db.prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.id = ?`),
      byRef: db.prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.ref = ?`),
      history: db.prepare(
        'SELECT at, actor, field, from_value, to_value, comment FROM idea_history WHERE idea_id = ? ORDER BY seq',
      ),
      noteLink: db.prepare(
        `SELECT n.note_id AS noteId, n.idea_id AS ideaId, i.ref AS ref, n.link_seq AS linkSeq
         FROM idea_notes n JOIN ideas i ON i.id = n.idea_id WHERE n.board_id = ? AND n.note_id = ?`,
      ),
      countGroup: db.prepare('SELECT count(*) FROM idea_notes WHERE idea_id = ? AND link_seq = ?').pluck(),
      notesOfBoard: db.prepare(
        `SELECT n.note_id AS noteId, n.idea_id AS ideaId, i.ref AS ref, i.status AS status
         FROM idea_notes n JOIN ideas i ON i.id = n.idea_id WHERE n.board_id = ? ORDER BY n.note_id`,
      ),
      boardsOf: db.prepare('SELECT DISTINCT board_id FROM idea_notes WHERE idea_id = ? ORDER BY board_id').pluck(),
      addLink: db.prepare(
        'UPDATE ideas SET links = @links, votes = votes + @votes, updated_at = @at, version = version + 1 WHERE id = @id',
      ),
      nextNumber: db
        .prepare(
          `INSERT INTO idea_ref_counters (year, last_number) VALUES (?, 1)
           ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
           RETURNING last_number`,
        )
        .pluck(),
      insertIdea: db.prepare(
        `INSERT INTO ideas (id, ref, title, description, status, department, department_key, tags, votes, source,
                            source_board_id, experiment, merged_into, version, created_at, updated_at)
         VALUES (@id, @ref, @title, @description, 'new', NULL, NULL, '[]', @votes, @source, @boardId, NULL, NULL, 1,
                 @createdAt, @createdAt)`,
      ),
      insertNoteLink: db.prepare('INSERT INTO idea_notes (board_id, note_id, idea_id, link_seq) VALUES (?, ?, ?, ?)'),
      insertHistory: db.prepare(
        'INSERT INTO idea_history (idea_id, at, actor, field, from_value, to_value, comment) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteTags: db.prepare('DELETE FROM idea_tags WHERE idea_id = ?'),
      insertTag: db.prepare('INSERT OR IGNORE INTO idea_tags (idea_id, tag) VALUES (?, ?)'),
      touch: db.prepare('UPDATE ideas SET updated_at = ?, version = version + 1 WHERE id = ?'),
      mergedInto: db.prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.merged_into = ? ORDER BY i.created_at`),
      statusCounts: db.prepare('SELECT status AS value, count(*) AS count FROM ideas GROUP BY status'),
      departmentCounts: db.prepare(
        `SELECT min(department) AS value, count(*) AS count FROM ideas WHERE department_key IS NOT NULL
         GROUP BY department_key ORDER BY count DESC, value LIMIT 200`,
      ),
      tagCounts: db.prepare(
        'SELECT tag AS value, count(*) AS count FROM idea_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 200',
      ),
    }
  }

  async promote(idea: NewIdea): Promise<PromoteOutcome> {
    return this.#db
      .transaction((): PromoteOutcome => {
        const { boardId, noteIds } = idea.source
        const known = this.#knownNotes(boardId, noteIds)
        if (known.kind === 'same') return { kind: 'existing', idea: this.#mustGet(known.ideaId) }
        if (known.kind === 'overlap') return { kind: 'overlap', notes: known.notes }
        const number = this.#statements.nextNumber.get(refYear(idea.createdAt)) as number
        const ref = formatIdeaRef(refYear(idea.createdAt), number)
        const { lastInsertRowid } = this.#statements.insertIdea.run({
          id: idea.id,
          ref,
          title: idea.title,
          description: idea.description,
          votes: idea.votes,
          source: JSON.stringify(idea.source),
          boardId,
          createdAt: idea.createdAt,
        })
        for (const noteId of noteIds) this.#statements.insertNoteLink.run(boardId, noteId, idea.id, 0)
        this.#appendHistory(idea.id, {
          at: idea.createdAt,
          by: idea.by,
          field: 'created',
          from: null,
          to: 'new',
          comment: idea.comment,
        })
        const created = this.#mustGet(idea.id)
        this.#search.write(lastInsertRowid, created)
        this.#outbox?.record({ kind: 'promoted', idea: created })
        return { kind: 'created', idea: created }
      })
      .immediate()
  }

  async get(idOrRef: string): Promise<StoredIdeaWithHistory | null> {
    const row = (isIdeaRef(idOrRef) ? this.#statements.byRef : this.#statements.byId).get(idOrRef) as
      IdeaRow | undefined
    return row ? this.#withHistory(toIdea(row)) : null
  }

  async getMany(ids: readonly string[]): Promise<StoredIdea[]> {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return []
    const rows = this.#db
      .prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(unique)) as IdeaRow[]
    return rows.map(toIdea)
  }

  async list(query: IdeaQuery): Promise<{ items: StoredIdea[]; total: number }> {
    const where: string[] = []
    const params: unknown[] = []
    if (query.statuses && query.statuses.length > 0) {
      where.push(`i.status IN (${query.statuses.map(() => '?').join(', ')})`)
      params.push(...query.statuses)
    }
    if (query.department !== undefined) {
      where.push('i.department_key = ?')
      params.push(normalizeKey(query.department))
    }
    if (query.tag !== undefined) {
      where.push('i.id IN (SELECT idea_id FROM idea_tags WHERE tag = ?)')
      params.push(normalizeKey(query.tag))
    }
    const terms = query.terms ?? []
    if (terms.length > 0) {
      const match = allTermsMatch(terms)
      if (match.sql) {
        where.push(match.sql)
        params.push(...match.params)
      }
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const total = this.#db
      .prepare(`SELECT count(*) FROM ideas i ${whereSql}`)
      .pluck()
      .get(...params) as number

    const rankQuery = query.sort === 'relevance' ? wordsQuery(terms, 'OR') : null
    let sql: string
    let allParams: unknown[]
    if (rankQuery) {
      // MATERIALIZED: the full-text query runs once, not once per row of the join.
      sql = `WITH ranked AS MATERIALIZED (
               SELECT rowid AS r, bm25(idea_search_words, ${WORD_WEIGHTS}) AS score
               FROM idea_search_words WHERE idea_search_words MATCH ?)
             SELECT ${IDEA_COLUMNS} FROM ideas i LEFT JOIN ranked ON ranked.r = i.rowid
             ${whereSql}
             ORDER BY ranked.score IS NULL, ranked.score, ${ORDER_BY.newest} LIMIT ? OFFSET ?`
      allParams = [rankQuery, ...params, query.limit, query.offset]
    } else {
      const order = ORDER_BY[query.sort === 'relevance' ? 'newest' : query.sort]
      sql = `SELECT ${IDEA_COLUMNS} FROM ideas i ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`
      allParams = [...params, query.limit, query.offset]
    }
    const rows = this.#db.prepare(sql).all(...allParams) as IdeaRow[]
    return { items: rows.map(toIdea), total }
  }

  async similar(terms: readonly SearchTerm[], limit: number): Promise<StoredIdea[]> {
    const words = wordsQuery(terms, 'OR')
    if (!words) return []
    // Inside words only the longer stems: three letters are found inside almost anything.
    const grams = gramsQuery(terms, 'OR', 4)
    const gramsCte = grams
      ? `, g AS MATERIALIZED (SELECT rowid AS r, bm25(idea_search_grams) AS score FROM idea_search_grams WHERE idea_search_grams MATCH ?)`
      : `, g AS MATERIALIZED (SELECT NULL AS r, NULL AS score WHERE 0)`
    const rows = this.#db
      .prepare(
        // MATERIALIZED: each full-text query runs once, not once per row of the joins.
        `WITH w AS MATERIALIZED (SELECT rowid AS r, bm25(idea_search_words, ${WORD_WEIGHTS}) AS score
                    FROM idea_search_words WHERE idea_search_words MATCH ?)${gramsCte}
         SELECT ${IDEA_COLUMNS}, coalesce(w.score, 0) + 0.5 * coalesce(g.score, 0) AS score
         FROM ideas i LEFT JOIN w ON w.r = i.rowid LEFT JOIN g ON g.r = i.rowid
         WHERE (w.r IS NOT NULL OR g.r IS NOT NULL) AND i.status != 'merged'
         ORDER BY score, i.created_at DESC LIMIT ?`,
      )
      .all(...(grams ? [words, grams] : [words]), limit) as IdeaRow[]
    return rows.map(toIdea)
  }

  async mergedInto(id: string): Promise<StoredIdea[]> {
    return (this.#statements.mergedInto.all(id) as IdeaRow[]).map(toIdea)
  }

  async link(link: LinkNotes): Promise<LinkOutcome> {
    return this.#db
      .transaction((): LinkOutcome => {
        const row = (isIdeaRef(link.idea) ? this.#statements.byRef : this.#statements.byId).get(link.idea) as
          IdeaRow | undefined
        if (!row) return { kind: 'missing' }
        const { boardId, noteIds } = link.source
        const known = this.#knownNotes(boardId, noteIds)
        if (known.kind === 'same' && known.ideaId === row.id) return { kind: 'existing', idea: this.#mustGet(row.id) }
        if (known.kind === 'same') return { kind: 'overlap', notes: known.notes }
        if (known.kind === 'overlap') return { kind: 'overlap', notes: known.notes }
        if (row.status === 'merged') return { kind: 'merged', idea: toIdea(row) }
        const links = [...(JSON.parse(row.links) as StoredIdea['links']), link.source]
        this.#statements.addLink.run({ id: row.id, links: JSON.stringify(links), votes: link.votes, at: link.at })
        for (const noteId of noteIds) this.#statements.insertNoteLink.run(boardId, noteId, row.id, links.length)
        this.#appendHistory(row.id, {
          at: link.at,
          by: link.by,
          field: 'linked',
          from: null,
          to: [...noteIds],
          comment: null,
        })
        const after = this.#mustGet(row.id)
        this.#search.write(row.rowid, after)
        this.#outbox?.record({ kind: 'linked', idea: after, by: link.by })
        return { kind: 'linked', idea: after }
      })
      .immediate()
  }

  async notesOfBoard(boardId: string): Promise<BoardNoteIdea[]> {
    const rows = this.#statements.notesOfBoard.all(boardId) as Array<Omit<BoardNoteIdea, 'status'> & { status: string }>
    return rows.map((row) => ({ ...row, status: storedIdeaStatus(row.status) }))
  }

  async boardsOf(ideaId: string): Promise<string[]> {
    return this.#statements.boardsOf.all(ideaId) as string[]
  }

  async exportAll({ changedSince }: { changedSince: number | null }): Promise<StoredIdeaWithHistory[]> {
    return this.#db.transaction(() => {
      const rows = (
        changedSince === null
          ? this.#db.prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i ORDER BY i.created_at, i.ref`).all()
          : this.#db
              .prepare(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.updated_at >= ? ORDER BY i.created_at, i.ref`)
              .all(changedSince)
      ) as IdeaRow[]
      return rows.map((row) => this.#withHistory(toIdea(row)))
    })()
  }

  async facets(): Promise<IdeaFacets> {
    const statuses = this.#statements.statusCounts.all() as Array<{ value: string; count: number }>
    const byStatus = new Map(statuses.map((row) => [row.value, row.count]))
    return {
      statuses: IDEA_STATUSES.map((value) => ({ value, count: byStatus.get(value) ?? 0 })),
      departments: this.#statements.departmentCounts.all() as Array<{ value: string; count: number }>,
      tags: this.#statements.tagCounts.all() as Array<{ value: string; count: number }>,
    }
  }

  async update(update: IdeaUpdate): Promise<StoredIdeaWithHistory> {
    return this.#db
      .transaction(() => {
        const row = this.#statements.byId.get(update.id) as IdeaRow | undefined
        if (!row || row.version !== update.expectedVersion)
          throw new StaleIdeaError(`idea ${update.id} changed meanwhile`)
        if (update.mergeTarget) {
          const targetId = update.mergeTarget.id
          const target = this.#statements.byId.get(targetId) as IdeaRow | undefined
          if (!target) throw new MergeTargetError('missing', targetId)
          if (target.id === update.id) throw new MergeTargetError('self', targetId)
          if (target.status === 'merged') throw new MergeTargetError('merged', targetId, target.merged_into)
        }

        const assignments: string[] = ['version = version + 1', 'updated_at = @at']
        const values: Record<string, unknown> = { id: update.id, at: update.at }
        const { set } = update
        if (set.status !== undefined) {
          assignments.push('status = @status')
          values['status'] = set.status
        }
        if (set.title !== undefined) {
          assignments.push('title = @title')
          values['title'] = set.title
        }
        if (set.description !== undefined) {
          assignments.push('description = @description')
          values['description'] = set.description
        }
        if (set.department !== undefined) {
          assignments.push('department = @department', 'department_key = @departmentKey')
          values['department'] = set.department
          values['departmentKey'] = set.department === null ? null : normalizeKey(set.department)
        }
        if (set.tags !== undefined) {
          assignments.push('tags = @tags')
          values['tags'] = JSON.stringify(set.tags)
        }
        if (set.experiment !== undefined) {
          assignments.push('experiment = @experiment')
          values['experiment'] = set.experiment === null ? null : JSON.stringify(set.experiment)
        }
        if (set.mergedInto !== undefined) {
          assignments.push('merged_into = @mergedInto')
          values['mergedInto'] = set.mergedInto
        }
        this.#db.prepare(`UPDATE ideas SET ${assignments.join(', ')} WHERE id = @id`).run(values)
        if (set.tags !== undefined) {
          this.#statements.deleteTags.run(update.id)
          for (const tag of set.tags) this.#statements.insertTag.run(update.id, tag)
        }
        for (const entry of update.history) this.#appendHistory(update.id, entry)
        if (update.mergeTarget) {
          this.#appendHistory(update.mergeTarget.id, update.mergeTarget.entry)
          this.#statements.touch.run(update.at, update.mergeTarget.id)
        }
        const after = this.#mustGet(update.id)
        this.#search.write(row.rowid, after)
        this.#outbox?.record({ kind: 'updated', statusBefore: storedIdeaStatus(row.status), update, idea: after })
        return after
      })
      .immediate()
  }

  /**
   * How a set of notes relates to the registry: all new; exactly the notes of one promotion
   * or link ("same"); or partly someone's ("overlap", naming those notes).
   */
  #knownNotes(
    boardId: string,
    noteIds: readonly string[],
  ):
    | { kind: 'new' }
    | { kind: 'same'; ideaId: string; notes: PromotedNote[] }
    | { kind: 'overlap'; notes: PromotedNote[] } {
    const rows = noteIds
      .map(
        (noteId) => this.#statements.noteLink.get(boardId, noteId) as (PromotedNote & { linkSeq: number }) | undefined,
      )
      .filter((row) => row !== undefined)
    if (rows.length === 0) return { kind: 'new' }
    const notes = rows.map(({ noteId, ideaId, ref }) => ({ noteId, ideaId, ref }))
    const groups = new Set(rows.map((row) => `${row.ideaId}\u0000${row.linkSeq}`))
    const first = rows[0]
    if (
      first &&
      groups.size === 1 &&
      rows.length === noteIds.length &&
      this.#statements.countGroup.get(first.ideaId, first.linkSeq) === noteIds.length
    ) {
      return { kind: 'same', ideaId: first.ideaId, notes }
    }
    return { kind: 'overlap', notes }
  }

  #appendHistory(ideaId: string, entry: HistoryEntry): void {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value))
    this.#statements.insertHistory.run(
      ideaId,
      entry.at,
      JSON.stringify(entry.by),
      entry.field,
      json(entry.from),
      json(entry.to),
      entry.comment,
    )
  }

  #withHistory(idea: StoredIdea): StoredIdeaWithHistory {
    const history = (this.#statements.history.all(idea.id) as HistoryRow[]).map(toHistory)
    return { ...idea, history }
  }

  /** An idea read back inside the transaction that just wrote or found it. */
  #mustGet(id: string): StoredIdeaWithHistory {
    const row = this.#statements.byId.get(id) as IdeaRow | undefined
    if (!row) throw new Error(`idea ${id} vanished inside its own transaction`)
    return this.#withHistory(toIdea(row))
  }
}
