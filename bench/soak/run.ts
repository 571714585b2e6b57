import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { LoadgenEvent, LoadgenRequest } from '../sync/loadgen.ts'
import type { WorkloadResult } from '../sync/workload.ts'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { startServer, type TestServer } from '../../test/helpers/server.ts'
import { soakSummary, soakTable, type SoakPhase, type SoakSample } from './summary.ts'

/**
 * `npm run soak [-- --minutes 10 --cycles 2 --boards 10 --clients 10 --rate 2]`: memory over time.
 *
 * The server runs in this process (started with --expose-gc), the clients in a forked load
 * generator (bench/sync/loadgen.ts: each client moves its own note `--rate` times a second).
 * Every `--sample` seconds it records the resident set as the operating system sees it, then
 * forces a garbage collection and records the live heap, the boards loaded and the Yjs structs
 * they hold. After the load the clients leave; the boards unload after IDLE_UNLOAD_MS
 * (`--idle-unload`), and sampling goes on a while. Then the next cycle loads the same boards
 * again with new clients. A live heap that follows the boards' structs while they are loaded
 * and returns to the same level after every unload is history, not a leak.
 * Results: bench/results/soak-<time>.json, soak-latest.json and soak-latest.md.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    boards: { type: 'string', default: '10' },
    clients: { type: 'string', default: '10' },
    rate: { type: 'string', default: '2' },
    sample: { type: 'string', default: '15' },
    'idle-unload': { type: 'string', default: '15' },
    'after-unload': { type: 'string', default: '60' },
    cycles: { type: 'string', default: '2' },
  },
})
const settings = {
  minutes: Number(values.minutes),
  boards: Number(values.boards),
  clientsPerBoard: Number(values.clients),
  rateHz: Number(values.rate),
  sampleS: Number(values.sample),
  idleUnloadS: Number(values['idle-unload']),
  afterUnloadS: Number(values['after-unload']),
  cycles: Number(values.cycles),
}
if (!Object.values(settings).every((n) => Number.isFinite(n) && n > 0)) {
  process.stderr.write('every option is a positive number\n')
  process.exit(2)
}
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) {
  process.stderr.write('run with node --expose-gc (npm run soak does)\n')
  process.exit(2)
}

const LOADGEN = fileURLToPath(new URL('../sync/loadgen.ts', import.meta.url))
const MiB = 1024 * 1024
const round1 = (n: number) => Math.round(n * 10) / 10
const log = (line: string) => process.stderr.write(`${line}\n`)

async function sample(server: TestServer, boardIds: readonly string[], phase: SoakPhase, startedAt: number) {
  const rssMiB = process.memoryUsage().rss / MiB
  gc!()
  const memory = process.memoryUsage()
  let structs = 0
  let loadedBoards = 0
  for (const id of boardIds) {
    const room = await server.app.sync.rooms.peek(id)
    if (!room) continue
    loadedBoards += 1
    for (const clientStructs of room.doc.store.clients.values()) structs += clientStructs.length
  }
  const point: SoakSample = {
    atS: Math.round((Date.now() - startedAt) / 1000),
    phase,
    rssMiB: round1(rssMiB),
    rssAfterGcMiB: round1(memory.rss / MiB),
    heapUsedMiB: round1(memory.heapUsed / MiB),
    externalMiB: round1(memory.external / MiB),
    loadedBoards,
    connections: server.app.sync.connectionCount,
    structs,
  }
  log(
    `${String(point.atS).padStart(5)} s  ${phase.padEnd(8)} RSS ${point.rssMiB} MiB, heap ${point.heapUsedMiB} MiB, ` +
      `${loadedBoards} boards, ${point.connections} connections, ${structs} structs`,
  )
  return point
}

function runLoad(server: TestServer, boards: Array<{ id: string; token: string }>): Promise<WorkloadResult> {
  const child = fork(LOADGEN, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    child.on('message', (event: LoadgenEvent) => {
      if (event.type === 'result') resolve(event.result)
      else if (event.type === 'error') reject(new Error(event.message))
      else if (event.type === 'log') log(`  [loadgen] ${event.line}`)
    })
    child.on('exit', (code) => reject(new Error(`the load generator exited (${code}) before reporting`)))
    child.send({
      type: 'run',
      config: {
        name: 'soak',
        servers: [server.syncUrl],
        boards: boards.map((board) => ({ room: board.id, token: board.token })),
        clientsPerBoard: settings.clientsPerBoard,
        rateHz: settings.rateHz,
        warmupMs: 0,
        measureMs: settings.minutes * 60_000,
        drainTimeoutMs: 15_000,
        connectConcurrency: 20,
      },
    } satisfies LoadgenRequest)
  })
}

const startedAtIso = new Date().toISOString()
const server = await startServer({ LOG_LEVEL: 'warn', IDLE_UNLOAD_MS: String(settings.idleUnloadS * 1000) })
const samples: SoakSample[] = []
try {
  const boards = await Promise.all(
    Array.from({ length: settings.boards }, (_, i) =>
      server.createBoard(`Soak ${i + 1}`).then((board) => ({ id: board.id, token: board.tokens.participant })),
    ),
  )
  const boardIds = boards.map((board) => board.id)
  const startedAt = Date.now()
  samples.push(await sample(server, boardIds, 'baseline', startedAt))
  let phase: SoakPhase = 'load'
  const ticker = setInterval(() => {
    void sample(server, boardIds, phase, startedAt).then((point) => samples.push(point))
  }, settings.sampleS * 1000)
  const workloads: WorkloadResult[] = []
  for (let cycle = 1; cycle <= settings.cycles; cycle++) {
    phase = 'load'
    log(`cycle ${cycle}/${settings.cycles}: ${settings.minutes} min of load`)
    const workload = await runLoad(server, boards)
    workloads.push(workload)
    phase = 'idle'
    log(`load done: ${workload.sent} moves, ${workload.disconnects} disconnects, converged ${workload.converged}`)
    // The clients are gone; the boards unload after IDLE_UNLOAD_MS.
    while (server.app.sync.rooms.loadedCount > 0) await new Promise((resolve) => setTimeout(resolve, 250))
    phase = 'unloaded'
    samples.push(await sample(server, boardIds, phase, startedAt))
    await new Promise((resolve) => setTimeout(resolve, settings.afterUnloadS * 1000))
    samples.push(await sample(server, boardIds, phase, startedAt))
  }
  clearInterval(ticker)

  samples.sort((a, b) => a.atS - b.atS)
  const summary = soakSummary(samples)
  const result = {
    benchmark: 'soak',
    startedAt: startedAtIso,
    commit: currentCommit(),
    machine: machineInfo(),
    settings,
    workloads: workloads.map((workload) => ({
      sent: workload.sent,
      achievedRateHz: workload.achievedRateHz,
      disconnects: workload.disconnects,
      converged: workload.converged,
    })),
    summary,
    samples,
  }
  const file = writeResults('soak', startedAtIso, result, soakTable(result.settings, summary, samples))
  process.stdout.write(`${JSON.stringify({ file, summary }, null, 2)}\n`)
} finally {
  await server.close()
}
