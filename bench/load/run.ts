import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { currentCommit, machineInfo, writeResults } from '../results-files.ts'
import { join, leave } from '../sync/cold-load.ts'
import { loadAverage, rssMiB, sampleProcessCpu } from '../sync/proc-stats.ts'
import { createBoard, REPO_ROOT, startKokeileva, startReference, type ServerUnderTest } from '../sync/servers.ts'
import { round, roundedMedian } from '../sync/stats.ts'
import { addNotes } from '../../test/helpers/seed-notes.ts'
import { seedStoredBoard } from './seed.ts'

/**
 * `npm run bench:load`: cold load of big boards (issue 17, target 3). For each size a board is
 * written straight into a stopped server's SQLite file (one compacted snapshot, as a board is
 * stored after it unloads); then, per repeat, the server is started afresh and a new
 * y-websocket client is timed from creating its provider to its first `sync` with every note
 * present. Also: a second client joining the loaded board, the server's own log of the load,
 * the board's memory in process (bench/sync/board-memory.ts) and the reference server with the
 * same board in memory. Results: bench/results/load-<time>.json (+ load-latest.*).
 *
 * The server is started afresh for each cold load (the board must not be in its memory), but
 * a server that has just started has run none of its code yet: V8 compiles it as it first runs,
 * and the first board it loads pays for that (scanning a 10,000-note snapshot took 54 ms the
 * first time, 16 ms from the third). A server in use has loaded other boards before; so, unless
 * `--no-warm-server`, each fresh server first loads a small board of its own
 * (WARM_UP_NOTES) through a client, and only then is the big board's cold load timed. The
 * reference needs nothing of the kind: its board is uploaded through the same process.
 */
const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '10000,50000' },
    repeats: { type: 'string', default: '3' },
    reference: { type: 'boolean', default: true },
    'no-reference': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: true },
    'no-memory': { type: 'boolean', default: false },
    /** Another checkout (e.g. /work/main) whose server is timed on the same boards, alternating with this one. */
    baseline: { type: 'string' },
    /** Before each timed cold load, the fresh server loads another, small board (see WARM_UP_NOTES). */
    'warm-server': { type: 'boolean', default: true },
    'no-warm-server': { type: 'boolean', default: false },
  },
})
const sizes = String(values.notes)
  .split(',')
  .map((n) => Math.floor(Number(n)))
  .filter((n) => n > 0)
const repeats = Math.max(1, Math.floor(Number(values.repeats)))
const log = (line: string) => process.stdout.write(`${line}\n`)
const workDir = mkdtempSync(joinPath(tmpdir(), 'kokeileva-load-'))
const startedAt = new Date().toISOString()
const loadBefore = loadAverage()
log(`bench:load — ${workDir}; load average ${loadBefore.join(' ')}`)

/** A 50,000-note board on a machine shared with other work can take well over a minute. */
const JOIN_TIMEOUT_MS = 300_000
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const WARM_SERVER = values['warm-server'] && !values['no-warm-server']
const WARM_UP_NOTES = 1000

/** A fresh server's first board load, on a board other than the one timed (see above). */
async function warmUp(server: ServerUnderTest, board: { room: string; token: string | undefined } | null) {
  if (!board) return
  leave(await join(server, board.room, board.token, WARM_UP_NOTES, JOIN_TIMEOUT_MS))
}

interface SizeResult {
  notes: number
  storedBytes: number
  coldMs: number[]
  /** CPU the server process spent on each cold join (ms; all threads). */
  coldServerCpuMs: number[]
  /** CPU the joining client (this process) spent on it: receiving and integrating the board. */
  coldClientCpuMs: number[]
  serverLoadMs: number[]
  warmMs: number[]
  referenceMs: number[]
  referenceServerCpuMs: number[]
  /** The same cold and warm joins on the --baseline checkout's server, alternating with this one. */
  baseline: { coldMs: number[]; coldServerCpuMs: number[]; warmMs: number[] } | null
  rssBeforeMiB: number[]
  rssAfterMiB: number[]
  /** Loaded, a joiner answered (a board nobody wrote to: held as bytes). */
  boardMiB: number | null
  /** After a participant's write (the document built). */
  writtenMiB: number | null
  /** After the room let the document go again (a quiet board, DOC_IDLE_MS). */
  releasedMiB: number | null
  bareDocMiB: number | null
  medians: {
    coldMs: number
    coldServerCpuMs: number
    coldClientCpuMs: number
    referenceServerCpuMs: number
    serverLoadMs: number
    warmMs: number
    referenceMs: number
    rssDeltaMiB: number
  }
}

function boardLoadTimes(logFile: string, boardId: string): number[] {
  const times: number[] = []
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"board loaded"') || !line.includes(boardId)) continue
    const entry = JSON.parse(line) as { ms?: unknown }
    if (typeof entry.ms === 'number') times.push(entry.ms)
  }
  return times
}

/** Times a join, with the CPU the server and this client spent on it (CPU does not wait for a busy machine's cores). */
async function timedJoin(server: ServerUnderTest, room: string, token: string | undefined, notes: number) {
  const serverBefore = sampleProcessCpu(server.pid)
  const clientBefore = process.cpuUsage()
  const joined = await join(server, room, token, notes, JOIN_TIMEOUT_MS)
  const client = process.cpuUsage(clientBefore)
  const serverCpuMs = (sampleProcessCpu(server.pid).ticks - serverBefore.ticks) * 10
  return { joined, serverCpuMs, clientCpuMs: round((client.user + client.system) / 1000, 1) }
}

async function measureKokeileva(
  notes: number,
): Promise<Omit<SizeResult, 'referenceMs' | 'referenceServerCpuMs' | 'medians'>> {
  const dataDir = joinPath(workDir, `board-${notes}`)
  const logFile = joinPath(workDir, `kokeileva-${notes}.log`)
  let server = await startKokeileva({ dataDir, logFile })
  const board = await createBoard(server.httpUrl, `Cold load ${notes}`)
  const warmUpBoard = WARM_SERVER ? await createBoard(server.httpUrl, 'Warm-up') : null
  await server.stop()
  const storedBytes = seedStoredBoard(dataDir, board.room, notes)
  if (warmUpBoard) seedStoredBoard(dataDir, warmUpBoard.room, WARM_UP_NOTES)
  log(`  ${notes} notes seeded: ${(storedBytes / 1024 / 1024).toFixed(2)} MB stored`)
  const coldMs: number[] = []
  const coldServerCpuMs: number[] = []
  const coldClientCpuMs: number[] = []
  const warmMs: number[] = []
  const rssBeforeMiB: number[] = []
  const rssAfterMiB: number[] = []
  const baseline = { coldMs: [] as number[], coldServerCpuMs: [] as number[], warmMs: [] as number[] }
  for (let i = 0; i < repeats; i++) {
    if (values.baseline) {
      const before = await startKokeileva({
        dataDir,
        logFile: joinPath(workDir, `baseline-${notes}.log`),
        root: values.baseline,
      })
      try {
        await warmUp(before, warmUpBoard)
        await pause(500)
        const { joined, serverCpuMs } = await timedJoin(before, board.room, board.token, notes)
        const warm = await join(before, board.room, board.token, notes, JOIN_TIMEOUT_MS)
        baseline.coldMs.push(round(joined.ms, 1))
        baseline.coldServerCpuMs.push(serverCpuMs)
        baseline.warmMs.push(round(warm.ms, 1))
        leave(warm)
        leave(joined)
        log(
          `  baseline: cold ${baseline.coldMs.at(-1)} ms (server CPU ${serverCpuMs} ms), warm ${baseline.warmMs.at(-1)} ms`,
        )
      } finally {
        await before.stop()
      }
    }
    server = await startKokeileva({ dataDir, logFile })
    try {
      await warmUp(server, warmUpBoard)
      await pause(500)
      rssBeforeMiB.push(rssMiB(server.pid))
      const { joined: cold, serverCpuMs, clientCpuMs } = await timedJoin(server, board.room, board.token, notes)
      coldMs.push(round(cold.ms, 1))
      coldServerCpuMs.push(serverCpuMs)
      coldClientCpuMs.push(clientCpuMs)
      const warm = await join(server, board.room, board.token, notes, JOIN_TIMEOUT_MS)
      warmMs.push(round(warm.ms, 1))
      leave(warm)
      leave(cold)
      await pause(1000)
      rssAfterMiB.push(rssMiB(server.pid))
      log(
        `  cold ${coldMs.at(-1)} ms (server CPU ${serverCpuMs} ms, client CPU ${clientCpuMs} ms), warm ${warmMs.at(-1)} ms`,
      )
    } finally {
      await server.stop()
    }
  }
  const serverLoadMs = boardLoadTimes(logFile, board.room).slice(-repeats)
  let boardMiB: number | null = null
  let writtenMiB: number | null = null
  let releasedMiB: number | null = null
  let bareDocMiB: number | null = null
  if (values.memory && !values['no-memory']) {
    const memory = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/sync/board-memory.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, BOARD_ID: board.room },
      encoding: 'utf8',
    })
    if (memory.status !== 0) throw new Error(`board-memory.ts failed: ${memory.stderr}`)
    const bytes = JSON.parse(memory.stdout.trim().split('\n').at(-1) ?? '{}') as {
      bigBoardBytes: number
      writtenBoardBytes?: number
      releasedBoardBytes?: number
      bareDocBytes: number
    }
    const mib = (value: number | undefined) => (value === undefined ? null : round(value / 1024 / 1024, 1))
    boardMiB = mib(bytes.bigBoardBytes)
    writtenMiB = mib(bytes.writtenBoardBytes)
    releasedMiB = mib(bytes.releasedBoardBytes)
    bareDocMiB = mib(bytes.bareDocBytes)
    log(
      `  loaded board ${boardMiB} MiB in process; after a write ${writtenMiB ?? '–'} MiB, let go again ${releasedMiB ?? '–'} MiB (a bare Y.Doc of it: ${bareDocMiB} MiB)`,
    )
  }
  return {
    baseline: values.baseline ? baseline : null,
    notes,
    storedBytes,
    coldMs,
    coldServerCpuMs,
    coldClientCpuMs,
    serverLoadMs,
    warmMs,
    rssBeforeMiB,
    rssAfterMiB,
    boardMiB,
    writtenMiB,
    releasedMiB,
    bareDocMiB,
  }
}

/** The reference holds boards in memory only: one client uploads the board, then joins are timed. */
async function measureReference(notes: number): Promise<{ ms: number[]; serverCpuMs: number[] }> {
  const server = await startReference({ logFile: joinPath(workDir, `reference-${notes}.log`) })
  const room = `load-${notes}-${Date.now().toString(36)}`
  const times: number[] = []
  const cpu: number[] = []
  try {
    const doc = new Y.Doc()
    addNotes(doc, notes)
    const uploader = new WebsocketProvider(server.syncUrl, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    // The upload is complete when a fresh client sees every note.
    const deadline = Date.now() + 120_000
    for (;;) {
      await pause(500)
      const probe = await join(server, room, undefined, 0)
      const complete = probe.doc.getMap('notes').size >= notes
      leave(probe)
      if (complete) break
      if (Date.now() > deadline) throw new Error('the reference never received the whole board')
    }
    for (let i = 0; i < repeats; i++) {
      const { joined, serverCpuMs } = await timedJoin(server, room, undefined, notes)
      times.push(round(joined.ms, 1))
      cpu.push(serverCpuMs)
      leave(joined)
    }
    uploader.destroy()
    doc.destroy()
  } finally {
    await server.stop()
  }
  return { ms: times, serverCpuMs: cpu }
}

const results: SizeResult[] = []
for (const notes of sizes) {
  log(`board of ${notes} notes`)
  const kokeileva = await measureKokeileva(notes)
  const reference =
    values.reference && !values['no-reference'] ? await measureReference(notes) : { ms: [], serverCpuMs: [] }
  const referenceMs = reference.ms
  if (referenceMs.length)
    log(`  reference (in memory) ${referenceMs.join(', ')} ms, server CPU ${reference.serverCpuMs.join(', ')} ms`)
  const deltas = kokeileva.rssAfterMiB.map((after, i) => after - (kokeileva.rssBeforeMiB[i] ?? after))
  results.push({
    ...kokeileva,
    referenceMs,
    referenceServerCpuMs: reference.serverCpuMs,
    medians: {
      coldMs: roundedMedian(kokeileva.coldMs),
      coldServerCpuMs: roundedMedian(kokeileva.coldServerCpuMs),
      coldClientCpuMs: roundedMedian(kokeileva.coldClientCpuMs),
      referenceServerCpuMs: roundedMedian(reference.serverCpuMs),
      serverLoadMs: roundedMedian(kokeileva.serverLoadMs),
      warmMs: roundedMedian(kokeileva.warmMs),
      referenceMs: roundedMedian(referenceMs),
      rssDeltaMiB: roundedMedian(deltas),
    },
  })
}
const loadAfter = loadAverage()

const lines = [
  `Run ${startedAt.slice(0, 16).replace('T', ' ')} UTC at commit ${currentCommit()}, ${machineInfo().cpus} cores (${machineInfo().cpuModel}), Node ${process.versions.node}; load average ${loadBefore[0]} at the start, ${loadAfter[0]} at the end; ${repeats} repeats; ${WARM_SERVER ? `each fresh server loaded a ${WARM_UP_NOTES.toLocaleString('en')}-note board before the timed one` : "each cold load the fresh server's first"}.`,
  '',
  "| notes | stored MB | cold load ms, median (runs) | server CPU ms | client CPU ms | of which the server's load ms | second client, board loaded ms | reference, in memory ms (server CPU ms) | loaded board MiB (in process) | after a write MiB | quiet again MiB | bare Y.Doc MiB | server RSS after − before MiB |",
  '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.notes.toLocaleString('en')} | ${(r.storedBytes / 1e6).toFixed(2)} | **${r.medians.coldMs}** (${r.coldMs.join(', ')}) | ${r.medians.coldServerCpuMs} | ${r.medians.coldClientCpuMs} | ${r.medians.serverLoadMs} | ${r.medians.warmMs} | ${r.referenceMs.length ? `${r.medians.referenceMs} (server CPU ${r.medians.referenceServerCpuMs})` : '–'} | ${r.boardMiB ?? '–'} | ${r.writtenMiB ?? '–'} | ${r.releasedMiB ?? '–'} | ${r.bareDocMiB ?? '–'} | ${round(r.medians.rssDeltaMiB, 1)} |`,
  ),
]
if (values.baseline) {
  lines.push(
    '',
    `Baseline (${values.baseline}), the same boards, each repeat alternating with this checkout:`,
    '',
    '| notes | baseline cold load ms, median (runs) | baseline server CPU ms | baseline second client ms | this checkout cold ms | server CPU ms | second client ms |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...results.map((r) =>
      r.baseline
        ? `| ${r.notes.toLocaleString('en')} | ${roundedMedian(r.baseline.coldMs)} (${r.baseline.coldMs.join(', ')}) | ${roundedMedian(r.baseline.coldServerCpuMs)} | ${roundedMedian(r.baseline.warmMs)} | ${r.medians.coldMs} | ${r.medians.coldServerCpuMs} | ${r.medians.warmMs} |`
        : '',
    ),
  )
}
const table = lines.join('\n')
const file = writeResults(
  'load',
  startedAt,
  {
    startedAt,
    commit: currentCommit(),
    machine: machineInfo(),
    loadAverage: { start: loadBefore, end: loadAfter },
    repeats,
    warmUpNotes: WARM_SERVER ? WARM_UP_NOTES : 0,
    results,
  },
  table,
)
log(`\n${table}\n\nresults: ${file}`)
rmSync(workDir, { recursive: true, force: true })
