import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { measureColdLoad } from './cold-load.ts'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { parseRunOptions } from '../run-options.ts'
import { loadAverage } from './proc-stats.ts'
import { markdown, ratios, updateReadme, type SyncBenchResult, type WorkloadComparison } from './report.ts'
import {
  ensureReferenceServer,
  REPO_ROOT,
  SERVER_KINDS,
  startServer,
  type ServerKind,
  type ServerUnderTest,
} from './servers.ts'
import { driveSplit } from './split-drive.ts'
import { prepareBoards, WORKLOADS, workloadConfig } from './workloads.ts'

/**
 * `npm run bench:sync`: the sync benchmark of issue 2. Every workload runs against the
 * reference y-websocket server and against Kokeileva, one server at a time, each freshly
 * started; then the cold load of a 10,000-note board and the memory of one loaded board.
 * Results: bench/results/sync-<time>.json (+ sync-latest.json, sync-latest.md).
 */
const { settings, only, readme, keepLogs, extra } = parseRunOptions('a,b,cold,core', {
  notes: '10000',
  repeats: '3',
  servers: SERVER_KINDS.join(','),
  // Load-generator processes a workload's boards are split over (whole boards each): workload
  // a over two, b (one board) in one. See split-drive.ts for why.
  generators: '2',
  // Extra node flags for Kokeileva's process only (e.g. '--trace-gc'), space-separated.
  'kokeileva-node-args': '',
})
const kinds = extra.servers
  .split(',')
  .map((kind) => kind.trim())
  .filter((kind): kind is ServerKind => (SERVER_KINDS as readonly string[]).includes(kind))
const generators = Math.max(1, Math.floor(Number(extra.generators)) || 1)
const log = (line: string) => process.stdout.write(`${line}\n`)

const workDir = mkdtempSync(join(tmpdir(), 'kokeileva-bench-'))
const startedAt = new Date().toISOString()
const loadAtStart = loadAverage()
log(`bench:sync — logs and data in ${workDir}; load average ${loadAtStart.join(' ')}`)
ensureReferenceServer()

const workloads: WorkloadComparison[] = []
let serial = 0
for (const spec of WORKLOADS.filter((w) => only.has(w.id))) {
  const comparison: WorkloadComparison = { id: spec.id, title: spec.title, runs: [] }
  for (let round = 1; round <= settings.rounds; round++) {
    // Rotate the order between rounds so that no server always runs first (or last).
    const shift = (round - 1) % kinds.length
    const order = [...kinds.slice(shift), ...kinds.slice(0, shift)]
    if (round % 2 === 0) order.reverse()
    for (const kind of order) {
      const id = `${spec.id}-${kind}-${round}-${serial++}`
      log(`workload ${spec.title} — ${kind}, round ${round}`)
      const server: ServerUnderTest = await startServer(kind, {
        dataDir: join(workDir, id),
        logFile: join(workDir, `${id}.log`),
        nodeArgs: kind === 'kokeileva' ? extra['kokeileva-node-args'].split(' ').filter(Boolean) : [],
      })
      try {
        const boards = await prepareBoards(server, spec)
        const config = workloadConfig(
          spec,
          [server.syncUrl],
          boards,
          {
            warmupMs: settings.warmupS * 1000,
            measureMs: settings.measureS * 1000,
            drainTimeoutMs: settings.drainTimeoutS * 1000,
          },
          server.protocol,
        )
        const run = await driveSplit(config, generators, [server.pid], log)
        const w = run.workload
        log(
          `  p50 ${w.latency.p50Ms} ms, p95 ${w.latency.p95Ms} ms, p99 ${w.latency.p99Ms} ms; delivered ${w.delivered}/${w.expectedDeliveries}; ` +
            `server CPU ${run.servers[0]?.cpuPercent} %, RSS ${run.servers[0]?.rssMaxMiB} MiB; load generator ${run.loadgenCpuPercent} %, other load ${run.otherBusyPercent} %`,
        )
        comparison.runs.push({ server: kind, round, run })
      } finally {
        await server.stop()
      }
    }
  }
  workloads.push(comparison)
}

let coldLoad: SyncBenchResult['coldLoad'] = null
let boardMemory: SyncBenchResult['boardMemory'] = null
if (only.has('cold')) {
  const notes = Math.floor(Number(extra.notes))
  log(`cold load of a board with ${notes} notes`)
  const dataDir = join(workDir, 'cold-load')
  const cold = await measureColdLoad({
    notes,
    repeats: Math.max(1, Number(extra.repeats)),
    dataDir,
    logDir: workDir,
    log,
  })
  coldLoad = cold.result
  log(
    `  cold ${cold.result.coldMedianMs} ms, warm ${cold.result.warmMedianMs} ms, reference ${cold.result.referenceMedianMs} ms; RSS +${cold.result.rssDeltaMiB} MiB`,
  )
  const memory = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/sync/board-memory.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, BOARD_ID: cold.boardId },
    encoding: 'utf8',
  })
  if (memory.status !== 0) throw new Error(`board-memory.ts failed: ${memory.stderr}`)
  const bytes = JSON.parse(memory.stdout.trim().split('\n').at(-1) ?? '{}') as {
    emptyBoardBytes: number
    bigBoardBytes: number
    bareDocBytes: number
  }
  const mib = (value: number) => Math.round((value / 1024 / 1024) * 10) / 10
  boardMemory = {
    notes,
    emptyBoardKiB: Math.round(bytes.emptyBoardBytes / 1024),
    bigBoardMiB: mib(bytes.bigBoardBytes),
    bareDocMiB: mib(bytes.bareDocBytes),
  }
  log(`  one loaded board: ${boardMemory.bigBoardMiB} MiB with ${notes} notes, ${boardMemory.emptyBoardKiB} KiB empty`)
}

let coreCost: SyncBenchResult['coreCost'] = null
if (only.has('core')) {
  log('processing cost per update, in process, without sockets (core-cost.ts)')
  const core = spawnSync(process.execPath, ['--import', 'tsx', 'bench/sync/core-cost.ts', '20'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  })
  if (core.status !== 0) throw new Error(`core-cost.ts failed: ${core.stderr}`)
  coreCost = JSON.parse(core.stdout) as NonNullable<SyncBenchResult['coreCost']>
  for (const c of coreCost)
    log(`  ${c.workload}: Kokeileva ${c.kokeilevaUsPerUpdate} µs, reference ${c.referenceUsPerUpdate} µs per update`)
}

const other = workloads.flatMap((w) => w.runs.map((r) => r.run.otherBusyPercent))
const maxOther = other.length ? Math.max(...other) : 0
const quiet = other.length > 0 && maxOther < 10
const result: SyncBenchResult = {
  startedAt,
  commit: currentCommit(),
  machine: {
    ...machineInfo(),
    quiet,
    note:
      `Load average ${loadAtStart[0]} at the start, ${loadAverage()[0]} at the end. ` +
      (other.length === 0
        ? ''
        : quiet
          ? 'The machine was quiet: other processes used under 10 % of a core during every window.'
          : `The machine was NOT quiet: other engineers' work used up to ${maxOther} % of a core (of 200 %) during a window; see the last column.`),
  },
  settings: { ...settings, generators },
  workloads,
  ratios: ratios(workloads),
  coldLoad,
  boardMemory,
  coreCost,
}

const table = markdown(result)
const file = writeResults('sync', startedAt, result, table)
if (readme) updateReadme(join(REPO_ROOT, 'bench', 'README.md'), table)
log(`\n${table}\n`)
log(`results: ${file}${readme ? ' (README updated)' : ''}`)
if (!keepLogs) rmSync(workDir, { recursive: true, force: true })
