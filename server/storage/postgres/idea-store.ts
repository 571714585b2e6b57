import type pg from 'pg'
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
  IdeaUpdate,
  LinkNotes,
  LinkOutcome,
  NewIdea,
  PromotedNote,
  PromoteOutcome,
  StoredIdea,
  StoredIdeaWithHistory,
} from '../types.ts'
import type { IdeaChange } from '../types.ts'
import {
  HISTORY_AGGREGATE,
  HISTORY_COLUMN,
  IDEA_COLUMNS,
  jsonParam,
  toIdea,
  toIdeaWithHistory,
  type IdeaRow,
  type IdeaRowWithHistory,
} from './idea-rows.ts'
import {
  allTermsMatch,
  INSIDE_WORD_SCORE,
  insideWordPatterns,
  RANK_NORMALIZATION,
  RANK_WEIGHTS,
  searchParams,
  wordsQuery,
  WRITE_SEARCH_SQL,
} from './idea-search.ts'
import { withoutNul } from './nul.ts'
import { inTransaction } from './pool.ts'

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** What the store tells of each change, inside the change's transaction, on its connection. */
export interface IdeaChangeRecorder {
  record(client: pg.PoolClient, change: IdeaChange): Promise<void>
}

// Byte order for refs, as SQLite sorts them, whatever the database's collation.
const ORDER_BY: Record<Exclude<IdeaSort, 'relevance'>, string> = {
  newest: 'i.created_at DESC, i.ref COLLATE "C" DESC',
  votes: 'i.votes DESC, i.created_at DESC, i.ref COLLATE "C" DESC',
  changed: 'i.updated_at DESC, i.created_at DESC, i.ref COLLATE "C" DESC',
}

/** Collects query parameters; returns each one's placeholder. */
function parameters(): { values: unknown[]; add: (value: unknown) => string } {
  const values: unknown[] = []
  return {
    values,
    add(value) {
      values.push(value)
      return `$${values.length}`
    },
  }
}

/**
 * The idea registry in PostgreSQL, with the behaviour of the SQLite store and safe with
 * several processes writing at once:
 * - refs: the year's counter row is incremented in place (INSERT … ON CONFLICT DO UPDATE …
 *   RETURNING), which locks it until commit: numbers are distinct and, since a rolled-back
 *   promotion takes its increment with it, gapless;
 * - "same notes" and overlap checks: a transaction-scoped advisory lock per board serialises
 *   promotions and links of one board's notes, so the check sees every earlier one; the
 *   primary key of idea_notes (a note belongs to one idea) backs this up;
 * - changes: the idea (and a merge target) are locked with SELECT … FOR UPDATE, in id order,
 *   before the version check.
 */
export class PostgresIdeaStore implements IdeaStore {
  readonly #pool: pg.Pool
  /** Written in each change's transaction: the webhook deliveries it causes. */
  readonly #outbox: IdeaChangeRecorder | undefined

  constructor(pool: pg.Pool, outbox?: IdeaChangeRecorder) {
    this.#pool = pool
    this.#outbox = outbox
  }

  async promote(input: NewIdea): Promise<PromoteOutcome> {
    const idea = withoutNul(input)
    return inTransaction(this.#pool, async (client): Promise<PromoteOutcome> => {
      const { boardId, noteIds } = idea.source
      await this.#lockBoardNotes(client, boardId)
      const known = await this.#knownNotes(client, boardId, noteIds)
      if (known.kind === 'same') return { kind: 'existing', idea: await this.#mustGet(client, known.ideaId) }
      if (known.kind === 'overlap') return { kind: 'overlap', notes: known.notes }
      const year = refYear(idea.createdAt)
      const { rows } = await client.query<{ last_number: number }>(
        `INSERT INTO idea_ref_counters (year, last_number) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = idea_ref_counters.last_number + 1
         RETURNING last_number`,
        [year],
      )
      const number = rows[0]?.last_number
      if (number === undefined) throw new Error('the ref counter returned no number')
      await client.query(
        `INSERT INTO ideas (id, ref, title, description, status, department, department_key, tags, votes, source,
                            source_board_id, experiment, merged_into, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'new', NULL, NULL, '[]', $5, $6, $7, NULL, NULL, 1, $8, $8)`,
        [
          idea.id,
          formatIdeaRef(year, number),
          idea.title,
          idea.description,
          idea.votes,
          jsonParam(idea.source),
          boardId,
          idea.createdAt,
        ],
      )
      await this.#insertNoteLinks(client, boardId, noteIds, idea.id, 0)
      await this.#appendHistory(client, idea.id, [
        { at: idea.createdAt, by: idea.by, field: 'created', from: null, to: 'new', comment: idea.comment },
      ])
      const created = await this.#mustGet(client, idea.id)
      await client.query(WRITE_SEARCH_SQL, searchParams(created))
      await this.#outbox?.record(client, { kind: 'promoted', idea: created })
      return { kind: 'created', idea: created }
    })
  }

  async get(idOrRef: string): Promise<StoredIdeaWithHistory | null> {
    return this.#getWithHistory(this.#pool, withoutNul(idOrRef))
  }

  async getMany(ids: readonly string[]): Promise<StoredIdea[]> {
    const unique = [...new Set(withoutNul(ids))]
    if (unique.length === 0) return []
    const { rows } = await this.#pool.query<IdeaRow>(
      `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.id = ANY($1::text[])`,
      [unique],
    )
    return rows.map(toIdea)
  }

  async list(input: IdeaQuery): Promise<{ items: StoredIdea[]; total: number }> {
    const query = withoutNul(input)
    const params = parameters()
    const where: string[] = []
    if (query.statuses && query.statuses.length > 0)
      where.push(`i.status = ANY(${params.add([...query.statuses])}::text[])`)
    if (query.department !== undefined) where.push(`i.department_key = ${params.add(normalizeKey(query.department))}`)
    if (query.tag !== undefined) {
      where.push(`i.id IN (SELECT idea_id FROM idea_tags WHERE tag = ${params.add(normalizeKey(query.tag))})`)
    }
    const terms = query.terms ?? []
    where.push(...allTermsMatch(terms, params.add))
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const { rows: counted } = await this.#pool.query<{ total: string }>(
      `SELECT count(*) AS total FROM ideas i ${whereSql}`,
      [...params.values],
    )

    const rankQuery = query.sort === 'relevance' ? wordsQuery(terms, '|') : null
    let order: string
    if (rankQuery) {
      // Ideas that match no word beginning (only inside words) come after, newest first, as
      // SQLite's bm25 leaves them without a score.
      const q = `to_tsquery('simple', ${params.add(rankQuery)})`
      order = `CASE WHEN i.search_words @@ ${q} THEN ts_rank('${RANK_WEIGHTS}', i.search_words, ${q}, ${RANK_NORMALIZATION}) END DESC NULLS LAST, ${ORDER_BY.newest}`
    } else {
      order = ORDER_BY[query.sort === 'relevance' ? 'newest' : query.sort]
    }
    const { rows } = await this.#pool.query<IdeaRow>(
      `SELECT ${IDEA_COLUMNS} FROM ideas i ${whereSql} ORDER BY ${order} LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}`,
      params.values,
    )
    return { items: rows.map(toIdea), total: Number(counted[0]?.total ?? 0) }
  }

  async similar(terms: readonly SearchTerm[], limit: number): Promise<StoredIdea[]> {
    const words = wordsQuery(terms, '|')
    if (!words) return []
    const params = parameters()
    const q = `to_tsquery('simple', ${params.add(words)})`
    // Inside words only the longer stems: three letters are found inside almost anything.
    const patterns = insideWordPatterns(terms, 4)
    const inside =
      patterns.length > 0
        ? `(SELECT count(*) FROM unnest(${params.add(patterns)}::text[]) p WHERE i.search_text LIKE p)`
        : '0'
    const { rows } = await this.#pool.query<IdeaRow>(
      `SELECT * FROM (
         SELECT ${IDEA_COLUMNS}, ${inside} AS inside_matches,
                CASE WHEN i.search_words @@ ${q} THEN ts_rank('${RANK_WEIGHTS}', i.search_words, ${q}, ${RANK_NORMALIZATION}) END AS word_rank
         FROM ideas i WHERE i.status <> 'merged') i
       WHERE i.word_rank IS NOT NULL OR i.inside_matches > 0
       ORDER BY coalesce(i.word_rank, 0) + ${INSIDE_WORD_SCORE} * i.inside_matches DESC, i.created_at DESC LIMIT ${params.add(limit)}`,
      params.values,
    )
    return rows.map(toIdea)
  }

  async mergedInto(id: string): Promise<StoredIdea[]> {
    const { rows } = await this.#pool.query<IdeaRow>(
      `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.merged_into = $1 ORDER BY i.created_at, i.ref COLLATE "C"`,
      [withoutNul(id)],
    )
    return rows.map(toIdea)
  }

  async link(input: LinkNotes): Promise<LinkOutcome> {
    const link = withoutNul(input)
    return inTransaction(this.#pool, async (client): Promise<LinkOutcome> => {
      const { boardId, noteIds } = link.source
      // The board first, then the idea: the order promote() and update() keep too.
      await this.#lockBoardNotes(client, boardId)
      const { rows } = await client.query<IdeaRow>(
        `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE ${isIdeaRef(link.idea) ? 'i.ref' : 'i.id'} = $1 FOR UPDATE`,
        [link.idea],
      )
      const row = rows[0]
      if (!row) return { kind: 'missing' }
      const known = await this.#knownNotes(client, boardId, noteIds)
      if (known.kind === 'same' && known.ideaId === row.id)
        return { kind: 'existing', idea: await this.#mustGet(client, row.id) }
      if (known.kind === 'same') return { kind: 'overlap', notes: known.notes }
      if (known.kind === 'overlap') return { kind: 'overlap', notes: known.notes }
      if (row.status === 'merged') return { kind: 'merged', idea: toIdea(row) }
      await client.query(
        `UPDATE ideas SET links = links || $2::jsonb, votes = votes + $3, updated_at = $4, version = version + 1 WHERE id = $1`,
        [row.id, jsonParam([link.source]), link.votes, link.at],
      )
      await this.#insertNoteLinks(client, boardId, noteIds, row.id, row.links.length + 1)
      await this.#appendHistory(client, row.id, [
        { at: link.at, by: link.by, field: 'linked', from: null, to: [...noteIds], comment: null },
      ])
      const after = await this.#mustGet(client, row.id)
      await client.query(WRITE_SEARCH_SQL, searchParams(after))
      await this.#outbox?.record(client, { kind: 'linked', idea: after, by: link.by })
      return { kind: 'linked', idea: after }
    })
  }

  async notesOfBoard(boardId: string): Promise<BoardNoteIdea[]> {
    const { rows } = await this.#pool.query<{ noteId: string; ideaId: string; ref: string; status: string }>(
      `SELECT n.note_id AS "noteId", n.idea_id AS "ideaId", i.ref AS ref, i.status AS status
       FROM idea_notes n JOIN ideas i ON i.id = n.idea_id WHERE n.board_id = $1 ORDER BY n.note_id COLLATE "C"`,
      [withoutNul(boardId)],
    )
    return rows.map((row) => ({ ...row, status: storedIdeaStatus(row.status) }))
  }

  async boardsOf(ideaId: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ board_id: string }>(
      'SELECT DISTINCT board_id COLLATE "C" AS board_id FROM idea_notes WHERE idea_id = $1 ORDER BY 1',
      [withoutNul(ideaId)],
    )
    return rows.map((row) => row.board_id)
  }

  async exportAll({ changedSince }: { changedSince: number | null }): Promise<StoredIdeaWithHistory[]> {
    // One statement: ideas and histories from one snapshot. The histories are aggregated in
    // one pass and joined, not read by a subquery per idea: that plan's estimated cost grows
    // with the registry until PostgreSQL compiles it with JIT, which costs more than the query.
    const since = changedSince === null ? '' : 'WHERE i.updated_at >= $1'
    const { rows } = await this.#pool.query<IdeaRowWithHistory>(
      `SELECT ${IDEA_COLUMNS}, coalesce(h.history, '[]'::jsonb) AS history
       FROM ideas i LEFT JOIN (
         SELECT h.idea_id, ${HISTORY_AGGREGATE} AS history FROM idea_history h
         ${changedSince === null ? '' : 'WHERE h.idea_id IN (SELECT i.id FROM ideas i WHERE i.updated_at >= $1)'}
         GROUP BY h.idea_id) h ON h.idea_id = i.id
       ${since} ORDER BY i.created_at, i.ref COLLATE "C"`,
      changedSince === null ? [] : [changedSince],
    )
    return rows.map(toIdeaWithHistory)
  }

  async facets(): Promise<IdeaFacets> {
    type Count = { value: string; count: string }
    const [statuses, departments, tags] = await Promise.all([
      this.#pool.query<Count>('SELECT status AS value, count(*) AS count FROM ideas GROUP BY status'),
      this.#pool.query<Count>(
        `SELECT min(department COLLATE "C") AS value, count(*) AS count FROM ideas WHERE department_key IS NOT NULL
         GROUP BY department_key ORDER BY count DESC, value LIMIT 200`,
      ),
      this.#pool.query<Count>(
        'SELECT tag AS value, count(*) AS count FROM idea_tags GROUP BY tag ORDER BY count DESC, tag COLLATE "C" LIMIT 200',
      ),
    ])
    const counted = (rows: Count[]) => rows.map((row) => ({ value: row.value, count: Number(row.count) }))
    const byStatus = new Map(counted(statuses.rows).map((row) => [row.value, row.count]))
    return {
      statuses: IDEA_STATUSES.map((value) => ({ value, count: byStatus.get(value) ?? 0 })),
      departments: counted(departments.rows),
      tags: counted(tags.rows),
    }
  }

  async update(input: IdeaUpdate): Promise<StoredIdeaWithHistory> {
    const update = withoutNul(input)
    return inTransaction(this.#pool, async (client) => {
      // Both rows locked in one statement, in id order: two merges of A into B and B into A
      // cannot deadlock, and the target cannot be merged away while this one joins it.
      const ids = update.mergeTarget ? [update.id, update.mergeTarget.id] : [update.id]
      const { rows: locked } = await client.query<{
        id: string
        version: number
        status: string
        merged_into: string | null
      }>(
        'SELECT id, version, status, merged_into FROM ideas WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE',
        [ids],
      )
      const row = locked.find((candidate) => candidate.id === update.id)
      if (!row || row.version !== update.expectedVersion)
        throw new StaleIdeaError(`idea ${update.id} changed meanwhile`)
      if (update.mergeTarget) {
        const targetId = update.mergeTarget.id
        const target = locked.find((candidate) => candidate.id === targetId)
        if (!target) throw new MergeTargetError('missing', targetId)
        if (target.id === update.id) throw new MergeTargetError('self', targetId)
        if (target.status === 'merged') throw new MergeTargetError('merged', targetId, target.merged_into)
      }

      const params = parameters()
      const assignments = ['version = version + 1', `updated_at = ${params.add(update.at)}`]
      const { set } = update
      if (set.status !== undefined) assignments.push(`status = ${params.add(set.status)}`)
      if (set.title !== undefined) assignments.push(`title = ${params.add(set.title)}`)
      if (set.description !== undefined) assignments.push(`description = ${params.add(set.description)}`)
      if (set.department !== undefined) {
        assignments.push(
          `department = ${params.add(set.department)}`,
          `department_key = ${params.add(set.department === null ? null : normalizeKey(set.department))}`,
        )
      }
      if (set.tags !== undefined) assignments.push(`tags = ${params.add(jsonParam(set.tags))}::jsonb`)
      if (set.experiment !== undefined) assignments.push(`experiment = ${params.add(jsonParam(set.experiment))}::jsonb`)
      if (set.mergedInto !== undefined) assignments.push(`merged_into = ${params.add(set.mergedInto)}`)
      await client.query(
        `UPDATE ideas SET ${assignments.join(', ')} WHERE id = ${params.add(update.id)}`,
        params.values,
      )
      if (set.tags !== undefined) {
        await client.query('DELETE FROM idea_tags WHERE idea_id = $1', [update.id])
        await client.query(
          'INSERT INTO idea_tags (idea_id, tag) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
          [update.id, set.tags],
        )
      }
      await this.#appendHistory(client, update.id, update.history)
      if (update.mergeTarget) {
        await this.#appendHistory(client, update.mergeTarget.id, [update.mergeTarget.entry])
        await client.query('UPDATE ideas SET updated_at = $1, version = version + 1 WHERE id = $2', [
          update.at,
          update.mergeTarget.id,
        ])
      }
      const after = await this.#mustGet(client, update.id)
      await client.query(WRITE_SEARCH_SQL, searchParams(after))
      await this.#outbox?.record(client, {
        kind: 'updated',
        statusBefore: storedIdeaStatus(row.status),
        update,
        idea: after,
      })
      return after
    })
  }

  /**
   * Serialises, across processes, the transactions that add notes of one board to ideas; held
   * until commit. Another board's promotions go on meanwhile.
   */
  async #lockBoardNotes(client: pg.PoolClient, boardId: string): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`kokeileva:idea-notes:${boardId}`])
  }

  /**
   * How a set of notes relates to the registry: all new; exactly the notes of one promotion
   * or link ("same"); or partly someone's ("overlap", naming those notes).
   */
  async #knownNotes(
    client: pg.PoolClient,
    boardId: string,
    noteIds: readonly string[],
  ): Promise<
    | { kind: 'new' }
    | { kind: 'same'; ideaId: string; notes: PromotedNote[] }
    | { kind: 'overlap'; notes: PromotedNote[] }
  > {
    const { rows: found } = await client.query<{
      note_id: string
      idea_id: string
      ref: string
      link_seq: number
      group_size: string
    }>(
      `SELECT n.note_id, n.idea_id, i.ref, n.link_seq,
              (SELECT count(*) FROM idea_notes g WHERE g.idea_id = n.idea_id AND g.link_seq = n.link_seq) AS group_size
       FROM idea_notes n JOIN ideas i ON i.id = n.idea_id
       WHERE n.board_id = $1 AND n.note_id = ANY($2::text[])`,
      [boardId, [...noteIds]],
    )
    const byNote = new Map(found.map((row) => [row.note_id, row]))
    // In the order the notes were given, as the caller names them back.
    const rows = noteIds.map((noteId) => byNote.get(noteId)).filter((row) => row !== undefined)
    if (rows.length === 0) return { kind: 'new' }
    const notes = rows.map((row) => ({ noteId: row.note_id, ideaId: row.idea_id, ref: row.ref }))
    const groups = new Set(rows.map((row) => `${row.idea_id}\u0000${row.link_seq}`))
    const first = rows[0]
    if (first && groups.size === 1 && rows.length === noteIds.length && Number(first.group_size) === noteIds.length) {
      return { kind: 'same', ideaId: first.idea_id, notes }
    }
    return { kind: 'overlap', notes }
  }

  async #insertNoteLinks(
    client: pg.PoolClient,
    boardId: string,
    noteIds: readonly string[],
    ideaId: string,
    linkSeq: number,
  ): Promise<void> {
    await client.query(
      'INSERT INTO idea_notes (board_id, note_id, idea_id, link_seq) SELECT $1, unnest($2::text[]), $3, $4',
      [boardId, [...noteIds], ideaId, linkSeq],
    )
  }

  async #appendHistory(client: pg.PoolClient, ideaId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return
    // unnest keeps the order of the arrays, and identity values are taken in that order.
    await client.query(
      `INSERT INTO idea_history (idea_id, at, actor, field, from_value, to_value, comment)
       SELECT $1, e.at, e.actor, e.field, e.from_value, e.to_value, e.comment
       FROM unnest($2::bigint[], $3::jsonb[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[])
         WITH ORDINALITY AS e(at, actor, field, from_value, to_value, comment, n)
       ORDER BY e.n`,
      [
        ideaId,
        entries.map((entry) => entry.at),
        entries.map((entry) => JSON.stringify(entry.by)),
        entries.map((entry) => entry.field),
        entries.map((entry) => jsonParam(entry.from)),
        entries.map((entry) => jsonParam(entry.to)),
        entries.map((entry) => entry.comment),
      ],
    )
  }

  async #getWithHistory(db: Queryable, idOrRef: string): Promise<StoredIdeaWithHistory | null> {
    const { rows } = await db.query<IdeaRowWithHistory>(
      `SELECT ${IDEA_COLUMNS}, ${HISTORY_COLUMN} FROM ideas i WHERE ${isIdeaRef(idOrRef) ? 'i.ref' : 'i.id'} = $1`,
      [idOrRef],
    )
    return rows[0] ? toIdeaWithHistory(rows[0]) : null
  }

  /** An idea read back inside the transaction that just wrote or found it. */
  async #mustGet(client: pg.PoolClient, id: string): Promise<StoredIdeaWithHistory> {
    const idea = await this.#getWithHistory(client, id)
    if (!idea) throw new Error(`idea ${id} vanished inside its own transaction`)
    return idea
  }
}
