/**
 * Digest benchmark: GET /api/digest over a registry of IDEAS ideas with a seeded random
 * history (so every run measures the same data), through a real server on SQLite (or
 * PostgreSQL with STORAGE=postgres), with BOARDS workshop boards of NOTES notes each.
 *
 *   npm run bench:digest                    # IDEAS=1000 BOARDS=10 NOTES=40 RUNS=20
 *   STORAGE=postgres npm run bench:digest   # own database on TEST_POSTGRES_URL, dropped after
 *
 * Writes bench/results/digest[-postgres]-latest.json and .md (and a timestamped JSON copy).
 */
import type { Digest } from '@shared/api/digest.ts'
import { STATUS_MOVES, type IdeaStatus } from '@shared/ideas/workflow.ts'
import { at, scriptMove, scriptPromote } from '../../test/helpers/digest-history.ts'
import { boardWithNotes } from '../../test/helpers/ideas.ts'
import { startServer, type TestServer } from '../../test/helpers/server.ts'
import { createTestDatabase } from '../../test/helpers/services.ts'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'

const IDEAS = Number(process.env['IDEAS'] ?? 1000)
const BOARDS = Number(process.env['BOARDS'] ?? 10)
const NOTES = Number(process.env['NOTES'] ?? 40)
const RUNS = Number(process.env['RUNS'] ?? 20)
const STORAGE = process.env['STORAGE'] ?? 'sqlite'
if (STORAGE !== 'sqlite' && STORAGE !== 'postgres') throw new Error(`STORAGE must be sqlite or postgres`)

/** Deterministic pseudo-random numbers (mulberry32), as bench:registry. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const q = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1))
  return { p50: q(0.5), p95: q(0.95), max: q(1), n: sorted.length }
}

const DAY_MS = 24 * 60 * 60 * 1000
const START = at('2026-01-01')
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** IDEAS ideas promoted over 180 days, each then moved 0–4 steps along legal moves a few days apart. */
async function seed(server: TestServer): Promise<{ moves: number }> {
  const next = random(42)
  const ideas = server.app.storage.ideas
  const boards = Array.from({ length: 30 }, (_, i) => ({
    id: `bench-board-${i}`,
    title: `Paja ${i}`,
    method: 'disney',
  }))
  let moves = 0
  for (let i = 0; i < IDEAS; i++) {
    let when = START + Math.floor(next() * 180 * DAY_MS)
    const idea = await scriptPromote(ideas, boards[Math.floor(next() * boards.length)]!, `Idea ${i}`, when)
    let status: IdeaStatus = 'new'
    const steps = Math.floor(next() * 5)
    for (let s = 0; s < steps; s++) {
      const options: readonly IdeaStatus[] = STATUS_MOVES[status].filter((to) => to !== 'merged')
      if (options.length === 0) break
      const to = options[Math.floor(next() * options.length)]!
      when += Math.floor((1 + next() * 10) * DAY_MS)
      await scriptMove(ideas, idea.id, when, {
        status: to,
        comment: `siirto ${s}`,
        ...(to === 'experimenting' ? { experiment: { hypothesis: 'h', metric: 'm', owner: 'o' } } : {}),
      })
      status = to
      moves++
    }
  }
  return { moves }
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString()
  const database = STORAGE === 'postgres' ? await createTestDatabase() : null
  const server = await startServer(database ? { DATABASE_URL: database.url } : {})
  const clients: Array<{ destroy(): void }> = []
  try {
    const seeding = performance.now()
    const { moves } = await seed(server)
    for (let b = 0; b < BOARDS; b++) {
      const made = await boardWithNotes(
        server,
        Array.from({ length: NOTES }, (_, n) => ({ text: `lappu ${n}`, votes: n % 3 })),
        `Työpaja ${b}`,
      )
      clients.push(made.facilitator)
    }
    const seedS = (performance.now() - seeding) / 1000
    const today = day(Date.now())
    const periods = {
      month: `since=2026-03-01&until=2026-03-31`,
      quarter: `since=2026-01-01&until=2026-03-31`,
      'today (workshops)': `since=${today}&until=${today}`,
    }
    const results: Record<string, Record<string, ReturnType<typeof percentiles> & { ideas: number }>> = {}
    for (const [name, query] of Object.entries(periods)) {
      results[name] = {}
      let ideas = 0
      for (const format of ['json', 'md', 'html']) {
        const samples: number[] = []
        for (let run = 0; run < RUNS + 2; run++) {
          const started = performance.now()
          const response = await fetch(`${server.url}/api/digest?${query}&format=${format}&lang=fi`)
          const text = await response.text()
          const ms = performance.now() - started
          if (response.status !== 200) throw new Error(`${response.status} ${text}`)
          if (format === 'json') ideas = (JSON.parse(text) as Digest).ideas.length
          if (run >= 2) samples.push(ms) // two warm-up requests
        }
        results[name][format] = { ...percentiles(samples), ideas }
      }
    }
    const rows = Object.entries(results).flatMap(([name, byFormat]) =>
      Object.entries(byFormat).map(
        ([format, r]) => `| ${name} | ${format} | ${r.ideas} | ${r.p50} | ${r.p95} | ${r.max} |`,
      ),
    )
    const table = [
      `Digest over ${IDEAS} ideas (${moves} status moves), ${BOARDS} boards × ${NOTES} notes, ${STORAGE}; ${RUNS} requests each.`,
      '',
      '| period | format | ideas in it | p50 ms | p95 ms | max ms |',
      '|---|---|---|---|---|---|',
      ...rows,
    ].join('\n')
    const file = writeResults(
      STORAGE === 'postgres' ? 'digest-postgres' : 'digest',
      startedAt,
      {
        startedAt,
        commit: currentCommit(),
        machine: machineInfo(),
        ideas: IDEAS,
        moves,
        boards: BOARDS,
        notes: NOTES,
        runs: RUNS,
        storage: STORAGE,
        seedS,
        results,
      },
      table,
    )
    console.log(table)
    console.log(`\nwritten: ${file}`)
  } finally {
    for (const client of clients) client.destroy()
    await server.close()
    await database?.drop()
  }
}

await main()
