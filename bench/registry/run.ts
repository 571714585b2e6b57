/**
 * Registry benchmark: promotion, search and export over a registry of IDEAS ideas, against
 * the store the server runs (SQLite, or PostgreSQL with STORAGE=postgres), plus promotions
 * over HTTP through a real server with a connected board client (badge writes included).
 *
 *   npm run bench:registry                     # IDEAS=5000 HTTP_PROMOTIONS=200 by default
 *   STORAGE=postgres npm run bench:registry    # own databases on TEST_POSTGRES_URL, dropped after
 *
 * Writes bench/results/registry[-postgres]-latest.json and .md (and a timestamped JSON copy).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { registryToCsv, registryToJson } from '@shared/export/index.ts'
import { searchTerms } from '@shared/ideas/search.ts'
import { createPostgresStorage } from '../../server/storage/postgres/index.ts'
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts'
import type { NewIdea, Storage } from '../../server/storage/types.ts'
import { boardWithNotes, promote } from '../../test/helpers/ideas.ts'
import { startServer, tempDataDir } from '../../test/helpers/server.ts'
import { createTestDatabase } from '../../test/helpers/services.ts'

const IDEAS = Number(process.env['IDEAS'] ?? 5000)
const HTTP_PROMOTIONS = Number(process.env['HTTP_PROMOTIONS'] ?? 200)
const STORAGE = process.env['STORAGE'] ?? 'sqlite'
if (STORAGE !== 'sqlite' && STORAGE !== 'postgres')
  throw new Error(`STORAGE must be sqlite or postgres, not ${STORAGE}`)

/** A store of the benchmark's own (a temp SQLite file, or a PostgreSQL database), deleted by dispose(). */
async function ownStore(): Promise<{ storage: Storage; dispose: () => Promise<void> }> {
  if (STORAGE === 'postgres') {
    const database = await createTestDatabase()
    const storage = await createPostgresStorage({ url: database.url, maxConnections: 10 })
    return { storage, dispose: async () => (await storage.close(), await database.drop()) }
  }
  const dir = tempDataDir('kokeileva-bench-')
  const storage = createSqliteStorage(dir)
  return { storage, dispose: async () => (await storage.close(), rmSync(dir, { recursive: true, force: true })) }
}

const WORDS = [
  'päiväkoti',
  'koulu',
  'kirjasto',
  'liikuntasali',
  'pyörätie',
  'kaupunkipyörä',
  'asukas',
  'nuoriso',
  'ikäihminen',
  'digitaalinen',
  'palvelu',
  'ajanvaraus',
  'lähiö',
  'puisto',
  'piha',
  'ilta',
  'viikonloppu',
  'kierrätys',
  'energia',
  'valaistus',
  'bussi',
  'pysäkki',
  'avoin',
  'data',
  'kokeilu',
  'osallistava',
  'budjetti',
  'kulttuuri',
  'museo',
  'uimahalli',
  'ruokahävikki',
  'koulukuljetus',
  'terveysasema',
  'chat',
]

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function percentiles(samples: number[]): { p50: number; p95: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(3))
  return { p50: at(0.5), p95: at(0.95), max: at(1), n: sorted.length }
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now()
  const result = await fn()
  return [result, performance.now() - started]
}

async function storeBench() {
  const { storage, dispose } = await ownStore()
  const next = random(42)
  const sentence = (length: number) => Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')
  const promoteMs: number[] = []
  for (let i = 0; i < IDEAS; i++) {
    const noteIds = [`n${i}a`, `n${i}b`]
    const idea: NewIdea = {
      id: `bench${String(i).padStart(7, '0')}`,
      title: sentence(4),
      description: sentence(30),
      votes: 3,
      createdAt: Date.UTC(2026, 0, 1) + i * 60_000,
      by: { role: 'facilitator', boardId: `board${i % 50}`, boardTitle: 'Bench' },
      comment: null,
      source: {
        boardId: `board${i % 50}`,
        boardTitle: 'Bench',
        method: 'disney',
        noteIds,
        zones: [],
        notes: noteIds.map((id) => ({ id, text: sentence(12), zone: null, votes: 1, authorName: 'A', createdAt: 1 })),
        promotedAt: 1,
      },
    }
    const [, ms] = await time(() => storage.ideas.promote(idea))
    promoteMs.push(ms)
  }
  const queries = ['päiväkoti', 'paivakodissa ilta', 'koulu', 'pyörä', 'avoin data bussi', 'kirjastoissa']
  const searchMs: number[] = []
  const listMs: number[] = []
  const similarMs: number[] = []
  const hits: Record<string, number> = {}
  for (let round = 0; round < 20; round++) {
    for (const q of queries) {
      const [page, ms] = await time(() =>
        storage.ideas.list({ terms: searchTerms(q), sort: 'relevance', limit: 50, offset: 0 }),
      )
      searchMs.push(ms)
      hits[q] = page.total
    }
    const [, listed] = await time(() => storage.ideas.list({ sort: 'newest', limit: 50, offset: round * 50 }))
    listMs.push(listed)
    const [, similar] = await time(() => storage.ideas.similar(searchTerms(sentence(25)), 5))
    similarMs.push(similar)
  }
  const [all, readMs] = await time(() => storage.ideas.exportAll({ changedSince: null }))
  const ideas = all.map(({ version: _version, ...idea }) => idea)
  const [csv, csvMs] = await time(() => registryToCsv(ideas, { locale: 'fi' }))
  const [json, jsonMs] = await time(() => registryToJson(ideas, Date.now(), null))
  await dispose()
  return {
    ideas: IDEAS,
    promoteMs: percentiles(promoteMs),
    searchMs: percentiles(searchMs),
    searchHits: hits,
    listPageMs: percentiles(listMs),
    similarMs: percentiles(similarMs),
    export: {
      readAllMs: Math.round(readMs),
      csvMs: Math.round(csvMs),
      csvBytes: new TextEncoder().encode(csv).byteLength,
      jsonMs: Math.round(jsonMs),
      jsonBytes: new TextEncoder().encode(json).byteLength,
    },
  }
}

async function httpBench() {
  const database = STORAGE === 'postgres' ? await createTestDatabase() : null
  const server = await startServer(database ? { DATABASE_URL: database.url } : {})
  try {
    const made = await boardWithNotes(
      server,
      Array.from({ length: HTTP_PROMOTIONS }, (_v, i) => ({ text: `Idea ${i}\n${WORDS[i % WORDS.length]}` })),
    )
    const samples: number[] = []
    for (const noteId of made.noteIds) {
      const [response, ms] = await time(() => promote(server, made.board, { noteIds: [noteId] }))
      if (response.status !== 201) throw new Error(`promotion failed: ${response.status} ${response.text}`)
      samples.push(ms)
    }
    made.facilitator.destroy()
    return { promotions: HTTP_PROMOTIONS, notesOnBoard: HTTP_PROMOTIONS, promoteRoundTripMs: percentiles(samples) }
  } finally {
    await server.close()
    await database?.drop()
  }
}

const store = await storeBench()
const http = await httpBench()
const result = {
  at: new Date().toISOString(),
  storage: STORAGE,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  store,
  http,
}
const dir = join(import.meta.dirname, '..', 'results')
mkdirSync(dir, { recursive: true })
const json = `${JSON.stringify(result, null, 2)}\n`
const resultName = STORAGE === 'postgres' ? 'registry-postgres' : 'registry'
writeFileSync(join(dir, `${resultName}-latest.json`), json)
writeFileSync(join(dir, `${resultName}-${result.at.replace(/[:.]/g, '-').slice(0, 19)}.json`), json)
const row = (name: string, p: { p50: number; p95: number; max: number; n: number }) =>
  `| ${name} | ${p.p50} | ${p.p95} | ${p.max} | ${p.n} |`
const md = [
  `# Registry benchmark (${result.at})`,
  '',
  `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}. Registry of ${IDEAS} ideas (${STORAGE === 'postgres' ? 'PostgreSQL, own database' : 'SQLite, temp dir'}).`,
  '',
  '| operation | p50 ms | p95 ms | max ms | n |',
  '|---|---|---|---|---|',
  row('promote (store transaction)', store.promoteMs),
  row('search q (relevance, 50 per page)', store.searchMs),
  row('list page (newest)', store.listPageMs),
  row('similar ideas (25-word text)', store.similarMs),
  row(`promote over HTTP incl. badge write (${HTTP_PROMOTIONS} notes on board)`, http.promoteRoundTripMs),
  '',
  `Export of all ${IDEAS} ideas: read ${store.export.readAllMs} ms; CSV ${store.export.csvMs} ms (${Math.round(store.export.csvBytes / 1024)} KiB); JSON ${store.export.jsonMs} ms (${Math.round(store.export.jsonBytes / 1024)} KiB).`,
  '',
]
writeFileSync(join(dir, `${resultName}-latest.md`), md.join('\n'))
process.stdout.write(md.join('\n'))
