import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { loadAverage } from '../sync/proc-stats.ts'
import { SERVER_TITLES } from '../sync/report.ts'
import { ensureReferenceServer, SERVER_KINDS, startServer, type ServerKind } from '../sync/servers.ts'
import { driveSplit, type GeneratorShare } from '../sync/split-drive.ts'
import { prepareBoards, workloadConfig, type WorkloadSpec } from '../sync/workloads.ts'

/**
 * `npm run bench:capacity`: how many clients one server process holds (issue 17, target 2).
 * Boards of 20 clients, each client moving its note at 2 Hz, in growing numbers; for each size
 * and server a fresh process is started and the boards are split over several load-generator
 * processes (whole boards each, so every latency is measured on one clock), so that the
 * generator is never what saturates. The knee is the first size where the p99 latency passes
 * 100 ms or an update goes undelivered. Results: bench/results/capacity-<time>.json (+ latest).
 */
const { values } = parseArgs({
  options: {
    boards: { type: 'string', default: '10,25,50,75' },
    clients: { type: 'string', default: '20' },
    servers: { type: 'string', default: 'reference,kokeileva' },
    generators: { type: 'string', default: '3' },
    providers: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '5' },
    measure: { type: 'string', default: '15' },
    drain: { type: 'string', default: '15' },
    'p99-limit': { type: 'string', default: '100' },
    'keep-logs': { type: 'boolean', default: false },
    // Extra node flags for Kokeileva's process (as bench:sync's option of the same name).
    'kokeileva-node-args': { type: 'string', default: '' },
  },
})
const sizes = String(values.boards)
  .split(',')
  .map((n) => Math.floor(Number(n)))
  .filter((n) => n > 0)
const clientsPerBoard = Math.max(2, Math.floor(Number(values.clients)))
const kinds = String(values.servers)
  .split(',')
  .map((kind) => kind.trim())
  .filter((kind): kind is ServerKind => (SERVER_KINDS as readonly string[]).includes(kind))
const generators = Math.max(1, Math.floor(Number(values.generators)))
const p99Limit = Number(values['p99-limit'])
const log = (line: string) => process.stdout.write(`${line}\n`)

interface SizeRun {
  server: ServerKind
  boards: number
  clients: number
  /** Over every delivery of every generator (split-drive.ts merges their samples). */
  p99Ms: number
  p50Ms: number
  delivered: number
  expectedDeliveries: number
  deliveredShare: number
  converged: boolean
  serverCpuPercent: number
  serverRssMaxMiB: number
  /** Each generator's CPU (percent of one core) and event-loop delay p99: a saturated generator shows. */
  generators: GeneratorShare[]
  otherBusyPercent: number
  /** Updates the generators had to decode (a server's merged update, not one move's bytes). */
  decodedUpdates: number
  withinLimit: boolean
}

async function runSize(kind: ServerKind, boards: number, workDir: string): Promise<SizeRun> {
  const id = `${kind}-${boards}`
  const server = await startServer(kind, {
    dataDir: join(workDir, id),
    logFile: join(workDir, `${id}.log`),
    nodeArgs: kind === 'kokeileva' ? String(values['kokeileva-node-args']).split(' ').filter(Boolean) : [],
  })
  try {
    const spec: WorkloadSpec = {
      id: 'a',
      title: `${boards} boards × ${clientsPerBoard} clients, 2 Hz`,
      boards,
      clientsPerBoard,
      providersPerBoard: Math.floor(Number(values.providers)),
      rateHz: 2,
    }
    const all = await prepareBoards(server, spec)
    const timing = {
      warmupMs: Number(values.warmup) * 1000,
      measureMs: Number(values.measure) * 1000,
      drainTimeoutMs: Number(values.drain) * 1000,
    }
    const config = workloadConfig(spec, [server.syncUrl], all, timing, server.protocol)
    const run = await driveSplit(config, generators, [server.pid], (line) => log(`  ${line.trim()}`))
    const { workload } = run
    return {
      server: kind,
      boards,
      clients: boards * clientsPerBoard,
      p99Ms: workload.latency.p99Ms,
      p50Ms: workload.latency.p50Ms,
      delivered: workload.delivered,
      expectedDeliveries: workload.expectedDeliveries,
      deliveredShare: workload.deliveredShare,
      converged: workload.converged,
      serverCpuPercent: run.servers[0]?.cpuPercent ?? Number.NaN,
      serverRssMaxMiB: run.servers[0]?.rssMaxMiB ?? 0,
      generators: run.generators,
      otherBusyPercent: run.otherBusyPercent,
      decodedUpdates: workload.decodedUpdates,
      withinLimit: workload.latency.p99Ms <= p99Limit && workload.deliveredShare === 1,
    }
  } finally {
    await server.stop()
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'kokeileva-capacity-'))
const startedAt = new Date().toISOString()
const loadAtStart = loadAverage()
log(`bench:capacity — ${workDir}; load average ${loadAtStart.join(' ')}`)
if (kinds.some((kind) => kind.startsWith('reference'))) ensureReferenceServer()
const results: SizeRun[] = []
for (const boards of sizes) {
  for (const kind of kinds) {
    log(`${boards} boards × ${clientsPerBoard} clients — ${kind}`)
    const run = await runSize(kind, boards, workDir)
    results.push(run)
    log(
      `  p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, delivered ${run.delivered}/${run.expectedDeliveries}, server CPU ${run.serverCpuPercent} %, generators ${run.generators.map((g) => `${g.cpuPercent} %`).join(' / ')}, decoded updates ${run.decodedUpdates}`,
    )
  }
}
const loadAtEnd = loadAverage()
const knees = kinds.map((kind) => {
  const first = results.find((r) => r.server === kind && !r.withinLimit)
  const lastGood = results.filter((r) => r.server === kind && r.withinLimit).at(-1)
  return { server: kind, kneeClients: first?.clients ?? null, largestWithinLimitClients: lastGood?.clients ?? null }
})

const lines = [
  `Run ${startedAt.slice(0, 16).replace('T', ' ')} UTC at commit ${currentCommit()} on ${machineInfo().cpus} cores (${machineInfo().cpuModel}), Node ${process.versions.node}; boards of ${clientsPerBoard} clients at 2 Hz, ${generators} load-generator processes, warm-up ${values.warmup} s, window ${values.measure} s; load average ${loadAtStart[0]} at the start, ${loadAtEnd[0]} at the end.`,
  '',
  '| clients (boards) | server | p50 ms | p99 ms | delivered | server CPU % | server RSS MiB | generators CPU % (event-loop p99 ms) | other load % | within p99 < 100 ms, all delivered |',
  '|---:|---|---:|---:|---|---:|---:|---|---:|---|',
  ...results.map(
    (r) =>
      `| ${r.clients} (${r.boards}) | ${SERVER_TITLES[r.server]} | ${r.p50Ms} | ${r.p99Ms} | ${(r.deliveredShare * 100).toFixed(r.deliveredShare === 1 ? 0 : 2)} % | ${r.serverCpuPercent} | ${r.serverRssMaxMiB} | ${r.generators.map((g) => `${g.cpuPercent} (${g.eventLoopDelayP99Ms})`).join(', ')} | ${r.otherBusyPercent} | ${r.withinLimit ? 'yes' : '**no**'} |`,
  ),
  '',
  '| server | largest size within the limit | knee (first size past it) |',
  '|---|---:|---:|',
  ...knees.map(
    (k) =>
      `| ${SERVER_TITLES[k.server]} | ${k.largestWithinLimitClients ?? 'none'} | ${k.kneeClients ?? `beyond ${Math.max(...sizes) * clientsPerBoard}`} |`,
  ),
]
const table = lines.join('\n')
const file = writeResults(
  'capacity',
  startedAt,
  {
    startedAt,
    commit: currentCommit(),
    machine: machineInfo(),
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    settings: values,
    results,
    knees,
  },
  table,
)
log(`\n${table}\n\nresults: ${file}`)
if (!values['keep-logs']) rmSync(workDir, { recursive: true, force: true })
