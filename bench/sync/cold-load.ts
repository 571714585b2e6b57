import { readFileSync } from 'node:fs'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { countNotes } from '@shared/board/index.ts'
import { addNotes } from '../../test/helpers/seed-notes.ts'
import { rssMiB } from './proc-stats.ts'
import { createBoard, startKokeileva, startReference, type ServerUnderTest } from './servers.ts'
import { round, roundedMedian } from './stats.ts'

export interface ColdLoadResult {
  notes: number
  /** ms from creating the provider to its first sync, board not in the server's memory. */
  coldMs: number[]
  coldMedianMs: number
  /** The server's own part of each cold load: storage read + building the document (its log's "board loaded" ms). */
  serverLoadMs: number[]
  serverLoadMedianMs: number
  /** The same while the board is loaded (a second client joining). */
  warmMs: number[]
  warmMedianMs: number
  /** The reference server, board in memory (it has no cold load: it keeps nothing on disk). */
  referenceMs: number[]
  referenceMedianMs: number
  /** Server RSS before the cold load (no board loaded) and after it (board loaded, client gone). */
  rssBeforeMiB: number
  rssAfterMiB: number
  rssDeltaMiB: number
}

interface Joined {
  ms: number
  doc: Y.Doc
  provider: WebsocketProvider
}

/** Connects a fresh provider and times it until synced with every note present. */
export async function join(
  server: ServerUnderTest,
  room: string,
  token: string | undefined,
  notes: number,
  timeoutMs = 60_000,
): Promise<Joined> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = new WebsocketProvider(server.syncUrl, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`board did not sync within ${timeoutMs} ms`)), timeoutMs)
    provider.on('sync', (synced: boolean) => {
      if (!synced) return
      clearTimeout(timeout)
      resolve()
    })
  })
  const ms = performance.now() - started
  if (countNotes(doc) < notes) throw new Error(`synced with ${countNotes(doc)} notes, expected ${notes}`)
  return { ms, doc, provider }
}

export function leave(joined: Joined): void {
  joined.provider.destroy()
  joined.doc.destroy()
}

/** Writes notes through a connected client, in batches, and waits until another client has them all. */
async function seed(server: ServerUnderTest, room: string, token: string | undefined, notes: number): Promise<void> {
  const writer = await join(server, room, token, 0)
  addNotes(writer.doc, notes)
  // A second client that sees every note proves the server stored and relayed them all.
  const reader = await pollJoin(server, room, token, notes)
  leave(reader)
  leave(writer)
}

async function pollJoin(
  server: ServerUnderTest,
  room: string,
  token: string | undefined,
  notes: number,
): Promise<Joined> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const joined = await join(server, room, token, 0)
    if (countNotes(joined.doc) >= notes) return joined
    leave(joined)
    if (Date.now() > deadline) throw new Error('the seeded notes never all arrived')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** The "board loaded" log lines of one board: how long each load took inside the server. */
function boardLoadTimes(logFile: string, boardId: string): number[] {
  const times: number[] = []
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"board loaded"') || !line.includes(boardId)) continue
    const entry = JSON.parse(line) as { ms?: unknown; boardId?: unknown }
    if (entry.boardId === boardId && typeof entry.ms === 'number') times.push(entry.ms)
  }
  return times
}

/**
 * Cold load: a board with `notes` notes, seeded through the server by a client, then the server
 * is restarted (SIGTERM flushes and compacts; the new process has nothing loaded) before each
 * timed join, so every timed join reads the board from SQLite and builds its document.
 */
export async function measureColdLoad(options: {
  notes: number
  repeats: number
  dataDir: string
  logDir: string
  log: (line: string) => void
}): Promise<{ result: ColdLoadResult; boardId: string }> {
  const { notes, repeats, dataDir, logDir, log } = options
  // A board of more notes than the default budget (BOARD_MAX_NOTES, 5,000) is seeded by a client.
  const env = { BOARD_MAX_NOTES: String(Math.max(notes, 5000)) }
  let server = await startKokeileva({ dataDir, logFile: `${logDir}/cold-load.log`, env })
  const coldMs: number[] = []
  const warmMs: number[] = []
  let rssBeforeMiB = Number.NaN
  let rssAfterMiB = Number.NaN
  let board: Awaited<ReturnType<typeof createBoard>>
  // Stopped however this ends: a failed run must not leave a server behind.
  try {
    board = await createBoard(server.httpUrl, 'Cold load benchmark')
    log(`  seeding ${notes} notes through the server …`)
    await seed(server, board.room, board.token, notes)
    for (let i = 0; i < repeats; i++) {
      await server.stop()
      server = await startKokeileva({
        dataDir,
        logFile: `${logDir}/cold-load.log`,
        port: Number(new URL(server.httpUrl).port),
        env,
      })
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const before = rssMiB(server.pid)
      const cold = await join(server, board.room, board.token, notes)
      coldMs.push(round(cold.ms, 1))
      const warm = await join(server, board.room, board.token, notes)
      warmMs.push(round(warm.ms, 1))
      leave(warm)
      leave(cold)
      await new Promise((resolve) => setTimeout(resolve, 1000))
      if (i === 0) {
        rssBeforeMiB = before
        rssAfterMiB = rssMiB(server.pid)
      }
    }
  } finally {
    await server.stop()
  }
  const serverLoadMs = boardLoadTimes(`${logDir}/cold-load.log`, board.room).slice(-repeats)

  log('  the same board on the reference server (in memory) …')
  const reference = await startReference({ logFile: `${logDir}/cold-load-reference.log` })
  const room = `cold-load-${Date.now().toString(36)}`
  const referenceMs: number[] = []
  try {
    await seed(reference, room, undefined, notes)
    for (let i = 0; i < repeats; i++) {
      const joined = await join(reference, room, undefined, notes)
      referenceMs.push(round(joined.ms, 1))
      leave(joined)
    }
  } finally {
    await reference.stop()
  }
  return {
    boardId: board.room,
    result: {
      notes,
      coldMs,
      coldMedianMs: roundedMedian(coldMs),
      serverLoadMs,
      serverLoadMedianMs: roundedMedian(serverLoadMs),
      warmMs,
      warmMedianMs: roundedMedian(warmMs),
      referenceMs,
      referenceMedianMs: roundedMedian(referenceMs),
      rssBeforeMiB: round(rssBeforeMiB, 1),
      rssAfterMiB: round(rssAfterMiB, 1),
      rssDeltaMiB: round(rssAfterMiB - rssBeforeMiB, 1),
    },
  }
}
