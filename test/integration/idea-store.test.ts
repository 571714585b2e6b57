import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { HistoryEntry, IdeaSource } from '../../shared/api/ideas.ts'
import { searchTerms } from '../../shared/ideas/search.ts'
import { MergeTargetError, StaleIdeaError } from '../../server/storage/errors.ts'
import { openSqlite } from '../../server/storage/sqlite/database.ts'
import { createSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite/migrations.ts'
import type { NewIdea, Storage } from '../../server/storage/types.ts'
import { tempDataDir } from '../helpers/server.ts'
import { join } from 'node:path'

/**
 * The IdeaStore contract, run against every implementation (SQLite here; a PostgreSQL store
 * adds its factory to IMPLEMENTATIONS).
 */
const IMPLEMENTATIONS: Array<{ name: string; open: (dir: string) => Storage }> = [
  { name: 'sqlite', open: (dir) => createSqliteStorage(dir) },
]

const by = { role: 'facilitator', boardId: 'board00001', boardTitle: 'Taulu' } as const
const hub = { role: 'hub' } as const

function source(boardId: string, noteIds: string[], texts = noteIds.map((id) => `teksti ${id}`)): IdeaSource {
  return {
    boardId,
    boardTitle: 'Taulu',
    method: 'disney',
    noteIds,
    zones: [],
    notes: noteIds.map((id, index) => ({ id, text: texts[index] ?? '', zone: null, votes: 1, authorName: 'A', createdAt: 1 })),
    promotedAt: 1,
  }
}

function newIdea(id: string, boardId: string, noteIds: string[], createdAt = Date.UTC(2026, 5, 1), title = `Idea ${id}`): NewIdea {
  return { id, title, description: '', votes: noteIds.length, source: source(boardId, noteIds), createdAt, by, comment: null }
}

function entry(field: HistoryEntry['field'], from: HistoryEntry['from'], to: HistoryEntry['to'], at = Date.UTC(2026, 5, 2)): HistoryEntry {
  return { at, by: hub, field, from, to, comment: null }
}

describe.each(IMPLEMENTATIONS)('IdeaStore ($name)', ({ open }) => {
  const dirs: string[] = []
  const opened: Storage[] = []
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  function fresh(): { storage: Storage; dir: string } {
    const dir = tempDataDir()
    dirs.push(dir)
    const storage = open(dir)
    opened.push(storage)
    return { storage, dir }
  }

  it('numbers refs per year and keeps the counter in the database', async () => {
    const { storage, dir } = fresh()
    const a = await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1'], Date.UTC(2025, 11, 31, 23, 59)))
    const b = await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2'], Date.UTC(2026, 0, 1)))
    const c = await storage.ideas.promote(newIdea('idea0000003', 'b1', ['n3'], Date.UTC(2026, 0, 2)))
    expect([a, b, c].map((outcome) => (outcome.kind === 'created' ? outcome.idea.ref : outcome.kind))).toEqual([
      'KT-2025-0001',
      'KT-2026-0001',
      'KT-2026-0002',
    ])
    const again = open(dir)
    opened.push(again)
    const d = await again.ideas.promote(newIdea('idea0000004', 'b1', ['n4'], Date.UTC(2026, 0, 3)))
    expect(d.kind === 'created' && d.idea.ref).toBe('KT-2026-0003')
  })

  it('tells the same notes (as a set, per board) from overlapping ones', async () => {
    const { storage } = fresh()
    const created = await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1', 'n2']))
    expect(created.kind).toBe('created')
    expect((await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2', 'n1']))).kind).toBe('existing')
    const overlap = await storage.ideas.promote(newIdea('idea0000003', 'b1', ['n1']))
    expect(overlap).toEqual({ kind: 'overlap', notes: [{ noteId: 'n1', ideaId: 'idea0000001', ref: 'KT-2026-0001' }] })
    expect((await storage.ideas.promote(newIdea('idea0000004', 'b1', ['n1', 'n2', 'n3']))).kind).toBe('overlap')
    // The same note ids on another board are other notes.
    expect((await storage.ideas.promote(newIdea('idea0000005', 'b2', ['n1', 'n2']))).kind).toBe('created')
    expect((await storage.ideas.list({ sort: 'newest', limit: 10, offset: 0 })).total).toBe(2)
  })

  it('links notes of another board to an idea, and knows which notes of a board belong to which idea', async () => {
    const { storage } = fresh()
    await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1']))
    const link = (boardId: string, noteIds: string[], idea = 'KT-2026-0001') =>
      storage.ideas.link({ idea, source: source(boardId, noteIds), votes: noteIds.length, at: 9, by })
    const linked = await link('b2', ['m1', 'm2'])
    expect(linked.kind).toBe('linked')
    expect(linked.kind === 'linked' && linked.idea).toMatchObject({ votes: 3, version: 2, updatedAt: 9, links: [{ boardId: 'b2', noteIds: ['m1', 'm2'] }] })
    expect((await link('b2', ['m2', 'm1'])).kind).toBe('existing')
    expect((await link('b2', ['m1']))).toMatchObject({ kind: 'overlap', notes: [{ noteId: 'm1', ideaId: 'idea0000001' }] })
    expect((await link('b2', ['m3'], 'KT-2026-0099')).kind).toBe('missing')
    // Promoting the linked notes answers the idea they joined.
    const promoted = await storage.ideas.promote(newIdea('idea0000002', 'b2', ['m1', 'm2']))
    expect(promoted.kind === 'existing' && promoted.idea.id).toBe('idea0000001')
    expect(await storage.ideas.notesOfBoard('b2')).toEqual([
      { noteId: 'm1', ideaId: 'idea0000001', ref: 'KT-2026-0001', status: 'new' },
      { noteId: 'm2', ideaId: 'idea0000001', ref: 'KT-2026-0001', status: 'new' },
    ])
    expect(await storage.ideas.boardsOf('idea0000001')).toEqual(['b1', 'b2'])
  })

  it('refuses a change planned on an old version, and merge targets that are missing or merged', async () => {
    const { storage } = fresh()
    await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1']))
    await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2']))
    await storage.ideas.promote(newIdea('idea0000003', 'b1', ['n3']))
    const first = await storage.ideas.update({ id: 'idea0000001', expectedVersion: 1, at: 5, set: { status: 'screening' }, history: [entry('status', 'new', 'screening')] })
    expect(first).toMatchObject({ status: 'screening', version: 2, updatedAt: 5 })
    await expect(storage.ideas.update({ id: 'idea0000001', expectedVersion: 1, at: 6, set: { title: 'x' }, history: [] })).rejects.toBeInstanceOf(StaleIdeaError)

    const merge = (id: string, version: number, target: string) =>
      storage.ideas.update({
        id,
        expectedVersion: version,
        at: 7,
        set: { status: 'merged', mergedInto: target },
        history: [entry('status', 'new', 'merged')],
        mergeTarget: { id: target, entry: entry('mergedFrom', null, id) },
      })
    await expect(merge('idea0000002', 1, 'missing0001')).rejects.toMatchObject({ reason: 'missing' })
    await merge('idea0000002', 1, 'idea0000001')
    const error = await merge('idea0000003', 1, 'idea0000002').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MergeTargetError)
    expect(error).toMatchObject({ reason: 'merged', mergedInto: 'idea0000001' })
    const target = await storage.ideas.get('KT-2026-0001')
    expect(target?.history.at(-1)).toMatchObject({ field: 'mergedFrom', to: 'idea0000002' })
    expect((await storage.ideas.mergedInto('idea0000001')).map((idea) => idea.id)).toEqual(['idea0000002'])
    // A failed change wrote nothing.
    expect((await storage.ideas.get('idea0000003'))?.history).toHaveLength(1)
  })

  it('indexes changes for search, and exports what changed since a moment', async () => {
    const { storage } = fresh()
    await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1'], Date.UTC(2026, 0, 1), 'Pyöräparkki'))
    await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2'], Date.UTC(2026, 0, 2), 'Kirjastoauto'))
    const find = async (q: string) =>
      (await storage.ideas.list({ terms: searchTerms(q), sort: 'relevance', limit: 10, offset: 0 })).items.map((idea) => idea.id)
    expect(await find('pyoraparkki')).toEqual(['idea0000001'])
    await storage.ideas.update({ id: 'idea0000002', expectedVersion: 1, at: Date.UTC(2026, 1, 1), set: { title: 'Pyöräkirjasto', tags: ['liikkuvat palvelut'] }, history: [] })
    expect((await find('pyörä')).sort()).toEqual(['idea0000001', 'idea0000002'])
    expect(await find('kirjastoauto')).toEqual([])
    expect(await find('liikkuvat')).toEqual(['idea0000002'])
    expect((await storage.ideas.list({ tag: 'Liikkuvat Palvelut', sort: 'newest', limit: 10, offset: 0 })).total).toBe(1)
    expect((await storage.ideas.exportAll({ changedSince: Date.UTC(2026, 0, 15) })).map((idea) => idea.id)).toEqual(['idea0000002'])
    expect(await storage.ideas.exportAll({ changedSince: null })).toHaveLength(2)
  })
})

describe('SQLite migrations of the registry', () => {
  it('use versions 2 to 19 only, and apply once', () => {
    const registry = SQLITE_MIGRATIONS.filter((migration) => migration.name.startsWith('idea registry'))
    expect(registry.map((migration) => migration.version)).toEqual([2, 3])
    expect(SQLITE_MIGRATIONS.filter((migration) => migration.version >= 2 && migration.version <= 19)).toEqual(registry)
    const dir = tempDataDir()
    try {
      openSqlite(join(dir, SQLITE_FILE)).close()
      const db = openSqlite(join(dir, SQLITE_FILE))
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()
      expect(versions).toEqual(SQLITE_MIGRATIONS.map((migration) => migration.version))
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
