import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { HistoryEntry, IdeaSource } from '@shared/api/ideas.ts'
import { searchTerms } from '@shared/ideas/search.ts'
import { MergeTargetError, StaleIdeaError } from '../../server/storage/errors.ts'
import { createPostgresStorage } from '../../server/storage/postgres/index.ts'
import { migratePostgres } from '../../server/storage/postgres/migrate.ts'
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres/migrations.ts'
import { openSqlite } from '../../server/storage/sqlite/database.ts'
import { SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite/migrations.ts'
import type { NewIdea, Storage } from '../../server/storage/types.ts'
import { tempDataDir } from '../helpers/server.ts'
import { postgresFactory, sqliteFactory, type StorageFactory, type StorageFixture } from '../helpers/storage.ts'
import { adminQuery, createTestDatabase, probePostgres, requireService } from '../helpers/services.ts'

/**
 * The IdeaStore contract, run against every implementation. `open()` again gives another
 * process's view of the same data (SQLite: another handle on the file; PostgreSQL: another pool).
 */
const postgres = await probePostgres()
const IMPLEMENTATIONS: Array<{ name: string; factory: StorageFactory; runs: boolean }> = [
  { name: 'sqlite', factory: sqliteFactory, runs: true },
  {
    name: postgres.available ? 'postgres' : `postgres (skipped: ${postgres.reason})`,
    factory: postgresFactory,
    runs: requireService(postgres),
  },
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
    notes: noteIds.map((id, index) => ({
      id,
      text: texts[index] ?? '',
      zone: null,
      votes: 1,
      authorName: 'A',
      createdAt: 1,
    })),
    promotedAt: 1,
  }
}

function newIdea(
  id: string,
  boardId: string,
  noteIds: string[],
  createdAt = Date.UTC(2026, 5, 1),
  title = `Idea ${id}`,
): NewIdea {
  return {
    id,
    title,
    description: '',
    votes: noteIds.length,
    source: source(boardId, noteIds),
    createdAt,
    by,
    comment: null,
  }
}

function entry(
  field: HistoryEntry['field'],
  from: HistoryEntry['from'],
  to: HistoryEntry['to'],
  at = Date.UTC(2026, 5, 2),
): HistoryEntry {
  return { at, by: hub, field, from, to, comment: null }
}

for (const { name, factory, runs } of IMPLEMENTATIONS)
  describe.skipIf(!runs)(`IdeaStore (${name})`, () => {
    const fixtures: StorageFixture[] = []
    afterEach(async () => {
      for (const fixture of fixtures.splice(0)) await fixture.cleanup()
    })
    /** A fresh, empty store, and a way to open the same data again. */
    async function fresh(): Promise<{ storage: Storage; reopen: () => Promise<Storage> }> {
      const fixture = await factory()
      fixtures.push(fixture)
      return { storage: await fixture.open(), reopen: () => fixture.open() }
    }

    it('numbers refs per year and keeps the counter in the database', async () => {
      const { storage, reopen } = await fresh()
      const a = await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1'], Date.UTC(2025, 11, 31, 23, 59)))
      const b = await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2'], Date.UTC(2026, 0, 1)))
      const c = await storage.ideas.promote(newIdea('idea0000003', 'b1', ['n3'], Date.UTC(2026, 0, 2)))
      expect([a, b, c].map((outcome) => (outcome.kind === 'created' ? outcome.idea.ref : outcome.kind))).toEqual([
        'KT-2025-0001',
        'KT-2026-0001',
        'KT-2026-0002',
      ])
      const again = await reopen()
      const d = await again.ideas.promote(newIdea('idea0000004', 'b1', ['n4'], Date.UTC(2026, 0, 3)))
      expect(d.kind === 'created' && d.idea.ref).toBe('KT-2026-0003')
    })

    it('tells the same notes (as a set, per board) from overlapping ones', async () => {
      const { storage } = await fresh()
      const created = await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1', 'n2']))
      expect(created.kind).toBe('created')
      expect((await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2', 'n1']))).kind).toBe('existing')
      const overlap = await storage.ideas.promote(newIdea('idea0000003', 'b1', ['n1']))
      expect(overlap).toEqual({
        kind: 'overlap',
        notes: [{ noteId: 'n1', ideaId: 'idea0000001', ref: 'KT-2026-0001' }],
      })
      expect((await storage.ideas.promote(newIdea('idea0000004', 'b1', ['n1', 'n2', 'n3']))).kind).toBe('overlap')
      // The same note ids on another board are other notes.
      expect((await storage.ideas.promote(newIdea('idea0000005', 'b2', ['n1', 'n2']))).kind).toBe('created')
      expect((await storage.ideas.list({ sort: 'newest', limit: 10, offset: 0 })).total).toBe(2)
    })

    it('links notes of another board to an idea, and knows which notes of a board belong to which idea', async () => {
      const { storage } = await fresh()
      await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1']))
      const link = (boardId: string, noteIds: string[], idea = 'KT-2026-0001') =>
        storage.ideas.link({ idea, source: source(boardId, noteIds), votes: noteIds.length, at: 9, by })
      const linked = await link('b2', ['m1', 'm2'])
      expect(linked.kind).toBe('linked')
      expect(linked.kind === 'linked' && linked.idea).toMatchObject({
        votes: 3,
        version: 2,
        updatedAt: 9,
        links: [{ boardId: 'b2', noteIds: ['m1', 'm2'] }],
      })
      expect((await link('b2', ['m2', 'm1'])).kind).toBe('existing')
      expect(await link('b2', ['m1'])).toMatchObject({
        kind: 'overlap',
        notes: [{ noteId: 'm1', ideaId: 'idea0000001' }],
      })
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
      const { storage } = await fresh()
      await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1']))
      await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2']))
      await storage.ideas.promote(newIdea('idea0000003', 'b1', ['n3']))
      const first = await storage.ideas.update({
        id: 'idea0000001',
        expectedVersion: 1,
        at: 5,
        set: { status: 'screening' },
        history: [entry('status', 'new', 'screening')],
      })
      expect(first).toMatchObject({ status: 'screening', version: 2, updatedAt: 5 })
      await expect(
        storage.ideas.update({ id: 'idea0000001', expectedVersion: 1, at: 6, set: { title: 'x' }, history: [] }),
      ).rejects.toBeInstanceOf(StaleIdeaError)

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
      const { storage } = await fresh()
      await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1'], Date.UTC(2026, 0, 1), 'Pyöräparkki'))
      await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2'], Date.UTC(2026, 0, 2), 'Kirjastoauto'))
      const find = async (q: string) =>
        (await storage.ideas.list({ terms: searchTerms(q), sort: 'relevance', limit: 10, offset: 0 })).items.map(
          (idea) => idea.id,
        )
      expect(await find('pyoraparkki')).toEqual(['idea0000001'])
      await storage.ideas.update({
        id: 'idea0000002',
        expectedVersion: 1,
        at: Date.UTC(2026, 1, 1),
        set: { title: 'Pyöräkirjasto', tags: ['liikkuvat palvelut'] },
        history: [],
      })
      expect((await find('pyörä')).sort()).toEqual(['idea0000001', 'idea0000002'])
      expect(await find('kirjastoauto')).toEqual([])
      expect(await find('liikkuvat')).toEqual(['idea0000002'])
      expect(
        (await storage.ideas.list({ tag: 'Liikkuvat Palvelut', sort: 'newest', limit: 10, offset: 0 })).total,
      ).toBe(1)
      expect((await storage.ideas.exportAll({ changedSince: Date.UTC(2026, 0, 15) })).map((idea) => idea.id)).toEqual([
        'idea0000002',
      ])
      expect(await storage.ideas.exportAll({ changedSince: null })).toHaveLength(2)
    })

    it('searches Finnish text like every backend: folded, stemmed, inside compounds, short words at word starts, by ref', async () => {
      const { storage } = await fresh()
      const texts: Array<[string, string]> = [
        ['idea0000001', 'Päiväkotien pihat iltakäyttöön'],
        ['idea0000002', 'Kerhotilat päiväkodissa viikonloppuisin'],
        ['idea0000003', 'Peruskoulujen kirjastot avoimiksi'],
        ['idea0000004', 'Kaupunkipyörät talvikäyttöön'],
        ['idea0000005', 'Open data for bus stops'],
      ]
      for (const [index, [id, title]] of texts.entries()) {
        await storage.ideas.promote(newIdea(id, 'b1', [`n${index}`], Date.UTC(2026, 0, index + 1), title))
      }
      const find = async (q: string, sort: 'relevance' | 'newest' = 'newest') =>
        (await storage.ideas.list({ terms: searchTerms(q), sort, limit: 10, offset: 0 })).items.map((idea) => idea.id)
      expect(await find('PAIVAKOTI')).toEqual(['idea0000002', 'idea0000001'])
      expect(await find('päiväkodeissa')).toEqual(['idea0000002', 'idea0000001'])
      expect(await find('koulu')).toEqual(['idea0000003'])
      expect(await find('pyora')).toEqual(['idea0000004'])
      expect(await find('käyttöön')).toEqual(['idea0000004', 'idea0000001'])
      // Two letters match word beginnings only ("op" begins "open", and is inside no other word's start).
      expect(await find('op')).toEqual(['idea0000005'])
      expect(await find('ta')).toEqual(['idea0000004'])
      expect(await find('KT-2026-0003')).toEqual(['idea0000003'])
      expect(await find('50%_')).toEqual([])
      // Relevance: a word beginning ranks above a match inside a word; ties newest first.
      expect(await find('kayttoon', 'relevance')).toEqual(['idea0000004', 'idea0000001'])
      expect(await find('ilta', 'relevance')).toEqual(['idea0000001'])
      const similar = await storage.ideas.similar(searchTerms('Voisiko päiväkodin pihaa käyttää illalla?'), 5)
      expect(similar[0]?.id).toBe('idea0000001')
      expect(similar.map((idea) => idea.id)).not.toContain('idea0000005')
    })

    it('stores text with NUL characters (a note may hold anything a client typed), and filters on them without failing', async () => {
      const { storage } = await fresh()
      const idea = newIdea('idea0000001', 'b1', ['n1'], Date.UTC(2026, 0, 1), 'Nolla\u0000merkki')
      idea.source.notes[0]!.text = 'teksti\u0000jossa nolla'
      idea.by = { role: 'facilitator', boardId: 'b1', boardTitle: 'Taulu\u0000' }
      const created = await storage.ideas.promote(idea)
      expect(created.kind).toBe('created')
      expect(created.kind === 'created' && created.idea.title.startsWith('Nolla')).toBe(true)
      const updated = await storage.ideas.update({
        id: 'idea0000001',
        expectedVersion: 1,
        at: 5,
        set: { department: 'Osasto\u0000', tags: ['a\u0000b'], description: 'kuvaus\u0000' },
        history: [{ ...entry('department', null, 'Osasto\u0000'), comment: 'huomio\u0000' }],
      })
      expect(updated.history).toHaveLength(2)
      expect(
        (await storage.ideas.list({ terms: searchTerms('nolla'), sort: 'relevance', limit: 10, offset: 0 })).total,
      ).toBe(1)
      expect(
        (await storage.ideas.list({ department: 'x\u0000', tag: 'y\u0000', sort: 'newest', limit: 10, offset: 0 }))
          .total,
      ).toBe(0)
      expect(await storage.ideas.get('id\u0000')).toBeNull()
      expect(await storage.ideas.notesOfBoard('b\u0000')).toEqual([])
    })

    it('gives distinct, gapless refs to promotions from two processes at once, and one idea to the same notes', async () => {
      const { storage, reopen } = await fresh()
      const other = await reopen()
      const stores = [storage, other]
      const count = 20
      const outcomes = await Promise.all(
        Array.from({ length: count }, (_v, i) =>
          stores[i % 2]!.ideas.promote(newIdea(`idea${String(i).padStart(7, '0')}`, `b${i % 3}`, [`n${i}`])),
        ),
      )
      const refs = outcomes.map((outcome) => (outcome.kind === 'created' ? outcome.idea.ref : outcome.kind)).sort()
      expect(refs).toEqual(Array.from({ length: count }, (_v, i) => `KT-2026-${String(i + 1).padStart(4, '0')}`))

      const same = await Promise.all(
        Array.from({ length: 8 }, (_v, i) =>
          stores[i % 2]!.ideas.promote(
            newIdea(`same${String(i).padStart(7, '0')}`, 'b9', i % 2 ? ['x1', 'x2'] : ['x2', 'x1']),
          ),
        ),
      )
      expect(same.map((outcome) => outcome.kind).sort()).toEqual([
        'created',
        'existing',
        'existing',
        'existing',
        'existing',
        'existing',
        'existing',
        'existing',
      ])
      expect(new Set(same.map((outcome) => (outcome.kind === 'overlap' ? null : outcome.idea.id))).size).toBe(1)
      expect((await other.ideas.list({ sort: 'newest', limit: 100, offset: 0 })).total).toBe(count + 1)
    })

    it('lets one of two changes planned on one version win, keeps concurrent links, and merges crosswise without deadlock', async () => {
      const { storage, reopen } = await fresh()
      const other = await reopen()
      await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1']))
      await storage.ideas.promote(newIdea('idea0000002', 'b1', ['n2']))
      const rename = (store: Storage, title: string) =>
        store.ideas.update({
          id: 'idea0000001',
          expectedVersion: 1,
          at: 5,
          set: { title },
          history: [entry('title', 'Idea idea0000001', title)],
        })
      const renamed = await Promise.allSettled([rename(storage, 'Yksi'), rename(other, 'Kaksi')])
      expect(renamed.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
      expect(renamed.find((result) => result.status === 'rejected')).toMatchObject({
        reason: expect.any(StaleIdeaError),
      })
      expect((await storage.ideas.get('idea0000001'))?.history).toHaveLength(2)

      const linked = await Promise.all(
        ['b2', 'b3', 'b4', 'b5'].map((boardId, i) =>
          (i % 2 ? other : storage).ideas.link({
            idea: 'idea0000002',
            source: source(boardId, ['m1', 'm2']),
            votes: 2,
            at: 9,
            by,
          }),
        ),
      )
      expect(linked.map((outcome) => outcome.kind)).toEqual(['linked', 'linked', 'linked', 'linked'])
      const withLinks = await other.ideas.get('idea0000002')
      expect(withLinks).toMatchObject({ votes: 9, version: 5 })
      expect(withLinks?.links.map((link) => link.boardId).sort()).toEqual(['b2', 'b3', 'b4', 'b5'])
      expect(await storage.ideas.boardsOf('idea0000002')).toEqual(['b1', 'b2', 'b3', 'b4', 'b5'])

      const [one, two] = [await storage.ideas.get('idea0000001'), await storage.ideas.get('idea0000002')]
      const merge = (store: Storage, id: string, version: number, target: string) =>
        store.ideas.update({
          id,
          expectedVersion: version,
          at: 10,
          set: { status: 'merged', mergedInto: target },
          history: [entry('status', 'new', 'merged')],
          mergeTarget: { id: target, entry: entry('mergedFrom', null, id) },
        })
      const crosswise = await Promise.allSettled([
        merge(storage, 'idea0000001', one!.version, 'idea0000002'),
        merge(other, 'idea0000002', two!.version, 'idea0000001'),
      ])
      expect(crosswise.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
      const failure = crosswise.find((result) => result.status === 'rejected')
      // The loser planned on a version the winner's merge bumped.
      expect(failure).toMatchObject({ reason: expect.any(StaleIdeaError) })
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

describe.skipIf(!IMPLEMENTATIONS[1]!.runs)('PostgreSQL migrations of the registry', () => {
  it('use the same versions as SQLite, and are applied to a database that already has later versions', async () => {
    const registry = POSTGRES_MIGRATIONS.filter((migration) => migration.name.startsWith('idea registry'))
    expect(registry.map((migration) => migration.version)).toEqual(
      SQLITE_MIGRATIONS.filter((migration) => migration.name.startsWith('idea registry')).map(
        (migration) => migration.version,
      ),
    )
    // A database from before the port: boards, templates and drafts (versions 1, 20 and 40), no registry.
    const database = await createTestDatabase()
    try {
      const pool = new pg.Pool({ connectionString: database.url, max: 1 })
      try {
        const others = POSTGRES_MIGRATIONS.filter((migration) => !registry.includes(migration))
        expect(await migratePostgres(pool, others)).toEqual(others.map((migration) => migration.version))
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS)).toEqual([2, 3])
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS)).toEqual([])
      } finally {
        await pool.end()
      }
      const storage = await createPostgresStorage({ url: database.url, maxConnections: 2 })
      try {
        const promoted = await storage.ideas.promote(newIdea('idea0000001', 'b1', ['n1']))
        expect(promoted.kind === 'created' && promoted.idea.ref).toBe('KT-2026-0001')
      } finally {
        await storage.close()
      }
    } finally {
      await database.drop()
    }
  })

  it('index searches inside words with pg_trgm when they can, and search the same without it', async () => {
    const trigramIndexes = async (url: string) =>
      (
        await adminQuery(
          url,
          "SELECT indexname FROM pg_indexes WHERE tablename = 'ideas' AND indexdef LIKE '%gin_trgm_ops%'",
        )
      ).rowCount
    const searched = async (url: string) => {
      const storage = await createPostgresStorage({ url, maxConnections: 2 })
      try {
        await storage.ideas.promote(
          newIdea('idea0000001', 'b1', ['n1'], Date.UTC(2026, 0, 1), 'Peruskoulujen kirjastot'),
        )
        return (
          await storage.ideas.list({ terms: searchTerms('koulu'), sort: 'relevance', limit: 10, offset: 0 })
        ).items.map((idea) => idea.id)
      } finally {
        await storage.close()
      }
    }
    const [withTrigrams, without] = [await createTestDatabase(), await createTestDatabase()]
    try {
      expect(await searched(withTrigrams.url)).toEqual(['idea0000001'])
      expect(await trigramIndexes(withTrigrams.url)).toBe(1)
      // pg_trgm in a schema off the search path: its operator class cannot be found, as where
      // the extension is missing or may not be created; migration 3 goes on without the index.
      await adminQuery(without.url, 'CREATE SCHEMA elsewhere')
      await adminQuery(without.url, 'CREATE EXTENSION pg_trgm SCHEMA elsewhere')
      expect(await searched(without.url)).toEqual(['idea0000001'])
      expect(await trigramIndexes(without.url)).toBe(0)
    } finally {
      await withTrigrams.drop()
      await without.drop()
    }
  })
})
