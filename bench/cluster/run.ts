import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { probePostgres, probeRedis } from '../../test/helpers/services.ts'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { parseRunOptions } from '../run-options.ts'
import { driveLoad } from '../sync/drive.ts'
import { loadAverage } from '../sync/proc-stats.ts'
import { REPO_ROOT } from '../sync/servers.ts'
import { prepareBoards, WORKLOADS, workloadConfig } from '../sync/workloads.ts'
import { startCluster, startSingleSqlite, type ServerSet } from './nodes.ts'
import { markdown, relative, throughput, updateReadme, type ClusterBenchResult, type ClusterRun } from './report.ts'

/**
 * `npm run bench:cluster`: the bench:sync workloads with each board's clients spread over 1, 2
 * and 3 Kokeileva processes on one PostgreSQL database and one Redis (client i of a board
 * connects to process i mod n), and, for comparison, over the embedded default (one process,
 * SQLite, no relay). Results: bench/results/cluster-<time>.json (+ cluster-latest.json/.md).
 */
const { settings, only, readme, keepLogs, extra } = parseRunOptions('a,b', { processes: '1,2,3' })
const counts = extra.processes
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n >= 1)
const log = (line: string) => process.stdout.write(`${line}\n`)

for (const status of [await probePostgres(), await probeRedis()]) {
  if (!status.available) {
    process.stderr.write(
      `bench:cluster needs PostgreSQL and Redis: ${status.reason} (BENCH_POSTGRES_URL, BENCH_REDIS_URL)\n`,
    )
    process.exit(1)
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'kokeileva-bench-cluster-'))
const startedAt = new Date().toISOString()
log(`bench:cluster — logs in ${workDir}; load average ${loadAverage().join(' ')}`)

const setups: Array<{ id: string; processes: number; start: (id: string) => Promise<ServerSet> }> = [
  { id: 'sqlite-1', processes: 1, start: (id) => startSingleSqlite(workDir, id) },
  ...counts.map((n) => ({ id: `cluster-${n}`, processes: n, start: (id: string) => startCluster(n, workDir, id) })),
]

const runs: ClusterRun[] = []
let serial = 0
for (const spec of WORKLOADS.filter((w) => only.has(w.id))) {
  for (let round = 1; round <= settings.rounds; round++) {
    // Alternate the order between rounds so that no setup always runs first.
    const order = round % 2 === 1 ? setups : [...setups].reverse()
    for (const setup of order) {
      const id = `${spec.id}-${setup.id}-${round}-${serial++}`
      const set = await setup.start(id)
      log(`workload ${spec.title} — ${set.label}, round ${round}`)
      try {
        const first = set.servers[0]
        if (!first) throw new Error('no server started')
        const boards = await prepareBoards(first, spec)
        const config = workloadConfig(
          spec,
          set.servers.map((s) => s.syncUrl),
          boards,
          {
            warmupMs: settings.warmupS * 1000,
            measureMs: settings.measureS * 1000,
            drainTimeoutMs: settings.drainTimeoutS * 1000,
          },
        )
        const run = await driveLoad(
          config,
          set.servers.map((s) => s.pid),
          log,
        )
        const w = run.workload
        log(
          `  p50 ${w.latency.p50Ms} ms, p99 ${w.latency.p99Ms} ms; ${throughput(run)} deliveries/s; delivered ${w.delivered}/${w.expectedDeliveries}; ` +
            `servers CPU ${run.servers.map((s) => s.cpuPercent).join(' + ')} %; load generator ${run.loadgenCpuPercent} %, other load ${run.otherBusyPercent} %`,
        )
        runs.push({
          workload: spec.id,
          title: spec.title,
          setup: setup.id,
          label: set.label,
          processes: setup.processes,
          round,
          run,
        })
      } finally {
        await set.stop()
      }
    }
  }
}

const maxOther = Math.max(0, ...runs.map((r) => r.run.otherBusyPercent))
const result: ClusterBenchResult = {
  startedAt,
  commit: currentCommit(),
  machine: {
    ...machineInfo(),
    note:
      maxOther < 10
        ? 'Other processes used under 10 % of a core during every window.'
        : `Other work used up to ${maxOther} % of a core (of ${cpus().length * 100} %) during a window: noisy.`,
  },
  settings,
  runs,
}

const table = markdown(result)
const file = writeResults('cluster', startedAt, { ...result, relative: relative(runs) }, table)
if (readme) updateReadme(join(REPO_ROOT, 'bench', 'README.md'), table)
log(`\n${table}\n`)
log(`results: ${file}${readme ? ' (README updated)' : ''}`)
if (!keepLogs) rmSync(workDir, { recursive: true, force: true })
