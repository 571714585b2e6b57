import * as Y from 'yjs'
import { createNote } from '@shared/board/index.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { CloseCode } from '@shared/protocol.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import { connectClient, docJson, noteTexts, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import type { TestServer } from '../helpers/server.ts'
import { boardSchemaProblem } from './board-schema.ts'
import { buildCorpus } from './corpus.ts'
import { FuzzSocket } from './fuzz-socket.ts'
import { mutate } from './mutate.ts'
import { SeededRandom } from './random.ts'

export interface FuzzOptions {
  seed: number
  inputs: number
  /** Called every `progressEvery` inputs (the larger run prints a line). */
  onProgress?: (done: number, report: FuzzReport) => void
  progressEvery?: number
  /**
   * Called after every input with its index and bytes (a diagnosis can compare the stored and
   * the live board there, to find the first input that breaks them apart).
   */
  afterInput?: (index: number, input: Uint8Array, boardId: string) => Promise<void>
}

export interface FuzzReport {
  seed: number
  inputs: number
  /** Inputs sent unmutated (seeds), the rest mutated. */
  seeds: number
  /** Inputs after which the socket stayed open (accepted, refused politely, or ignored). */
  keptOpen: number
  connections: number
  /** How the server closed fuzz sockets, by close code. */
  closes: Record<string, number>
  /** Mutation operations used, by name. */
  operations: Record<string, number>
  honestNotes: number
  durationMs: number
  /** Broken invariants; empty when the server held. */
  problems: string[]
}

const AUTHOR = { authorName: 'Rehellinen', color: '#bbf7d0', zone: null }
const INPUT_TIMEOUT_MS = 10_000
/** An honest note is written on both boards every so many inputs. */
const HONEST_EVERY = 25

/** The board as JSON with every object's keys sorted: replicas order a map's keys as they integrated them. */
function boardJson(doc: Y.Doc): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted)
    if (typeof value !== 'object' || value === null) return value
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => [key, sorted(item)]),
    )
  }
  return JSON.stringify(sorted(docJson(doc)))
}

/**
 * A seeded fuzz campaign against a running server: mutated y-websocket messages on raw
 * sockets of a participant (sometimes a viewer) of one board, while honest y-websocket
 * clients write on that board and on another one. Afterwards it checks that the server is
 * up and never failed internally (1011), that the honest clients were never disconnected
 * and saw every honest note, and that what is stored loads cleanly and equals what the
 * server holds and the honest clients see.
 */
export async function runFuzzCampaign(server: TestServer, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now()
  const random = new SeededRandom(options.seed)
  const report: FuzzReport = {
    seed: options.seed,
    inputs: 0,
    seeds: 0,
    keptOpen: 0,
    connections: 0,
    closes: {},
    operations: {},
    honestNotes: 0,
    durationMs: 0,
    problems: [],
  }
  const target = await server.createBoard('Fuzz target')
  const bystanderBoard = await server.createBoard('Bystander')
  const honest = await honestPair(server, target, 'target')
  const bystander = await honestPair(server, bystanderBoard, 'bystander')
  let socket: FuzzSocket | null = null
  try {
    const corpus = buildCorpus(Y.encodeStateAsUpdate(honest.watcher.doc), random)
    for (let i = 0; i < options.inputs; i++) {
      if (!socket?.isOpen) {
        const role = random.chance(0.9) ? 'participant' : 'viewer'
        socket = await FuzzSocket.open(`${server.syncUrl}/${target.id}?token=${target.tokens[role]}`)
        report.connections += 1
      }
      const seed = random.pick(corpus)
      let input = seed
      if (random.chance(0.05)) {
        report.seeds += 1
      } else {
        const mutated = mutate(seed, random, corpus)
        input = mutated.message
        for (const operation of mutated.operations)
          report.operations[operation] = (report.operations[operation] ?? 0) + 1
      }
      const outcome = await socket.send(input, Y.encodeStateVector(honest.watcher.doc), INPUT_TIMEOUT_MS)
      report.inputs += 1
      if (outcome.kind === 'open') report.keptOpen += 1
      else if (outcome.kind === 'closed') report.closes[outcome.code] = (report.closes[outcome.code] ?? 0) + 1
      else report.problems.push(`input ${i} was neither handled nor refused within ${INPUT_TIMEOUT_MS} ms`)
      await options.afterInput?.(i, input, target.id)
      if (i % HONEST_EVERY === 0) {
        honest.write(`honest ${i}`)
        bystander.write(`bystander ${i}`)
        report.honestNotes += 1
      }
      if (options.onProgress && (i + 1) % (options.progressEvery ?? 1000) === 0) options.onProgress(i + 1, report)
    }
    socket?.close()
    await checkInvariants(server, report, target, [honest, bystander])
  } finally {
    socket?.close()
    honest.destroy()
    bystander.destroy()
    report.durationMs = Date.now() - started
  }
  return report
}

/** Whether the stored board equals the live one (after the writer has stored what it holds). */
export async function storedMatchesLive(server: TestServer, boardId: string): Promise<boolean> {
  await server.app.sync.writer.drain()
  const room = await server.app.sync.rooms.peek(boardId)
  const stored = await server.app.storage.boards.loadBoardState(boardId)
  if (!room || !stored) return room === null && stored === null
  const doc = docFromState(stored)
  try {
    return boardJson(doc) === boardJson(room.doc)
  } finally {
    doc.destroy()
  }
}

interface HonestPair {
  name: string
  boardId: string
  writer: TestClient
  watcher: TestClient
  written: string[]
  disconnects: number
  write(text: string): void
  destroy(): void
}

async function honestPair(server: TestServer, board: BoardCreated, name: string): Promise<HonestPair> {
  const writer = connectClient(server.syncUrl, board.id, board.tokens.participant)
  const watcher = connectClient(server.syncUrl, board.id, board.tokens.viewer)
  await Promise.all([writer.synced(), watcher.synced()])
  const pair: HonestPair = {
    name,
    boardId: board.id,
    writer,
    watcher,
    written: [],
    disconnects: 0,
    write(text) {
      createNote(writer.doc, { ...AUTHOR, authorId: `honest-${name}`, x: pair.written.length, y: 0, text })
      pair.written.push(text)
    },
    destroy() {
      writer.destroy()
      watcher.destroy()
    },
  }
  for (const client of [writer, watcher]) client.provider.on('connection-close', () => (pair.disconnects += 1))
  return pair
}

async function checkInvariants(
  server: TestServer,
  report: FuzzReport,
  target: BoardCreated,
  pairs: readonly HonestPair[],
): Promise<void> {
  const problem = (text: string): void => {
    report.problems.push(text)
  }
  const health = await fetch(`${server.url}/healthz`).catch(() => null)
  if (health?.status !== 200) problem(`GET /healthz answered ${health?.status ?? 'nothing'}`)
  if (report.closes[CloseCode.InternalError])
    problem(`${report.closes[CloseCode.InternalError]} inputs failed inside the server (1011)`)

  for (const pair of pairs) {
    if (pair.disconnects > 0)
      problem(`an honest client of the ${pair.name} board was disconnected ${pair.disconnects} times`)
    try {
      await eventually(() => {
        const seen = new Set(noteTexts(pair.watcher.doc))
        const missing = pair.written.filter((text) => !seen.has(text))
        if (missing.length > 0) throw new Error(`${missing.length} honest notes never reached the watcher`)
        if (boardJson(pair.watcher.doc) !== boardJson(pair.writer.doc))
          throw new Error('the honest writer and watcher disagree')
      })
    } catch (error) {
      problem(`${pair.name} board: ${(error as Error).message}`)
    }
  }

  await server.app.sync.writer.drain()
  const room = await server.app.sync.rooms.peek(target.id)
  const stored = await server.app.storage.boards.loadBoardState(target.id)
  if (!stored) {
    problem('the fuzzed board is no longer stored')
    return
  }
  for (const [index, update] of [stored.snapshot, ...stored.updates].entries()) {
    if (!update) continue
    try {
      Y.decodeUpdate(update)
    } catch (error) {
      problem(`stored update ${index} does not decode: ${(error as Error).message}`)
    }
  }
  let doc: Y.Doc
  try {
    doc = docFromState(stored)
  } catch (error) {
    problem(`the stored board does not load: ${(error as Error).message}`)
    return
  }
  try {
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
      problem('the stored board has updates with missing dependencies')
    const schema = boardSchemaProblem(doc)
    if (schema) problem(`the stored board breaks its schema: ${schema}`)
    if (room && (room.doc.store.pendingStructs !== null || room.doc.store.pendingDs !== null))
      problem('the live board has updates with missing dependencies')
    const storedJson = boardJson(doc)
    if (room && boardJson(room.doc) !== storedJson) problem('the live board differs from the stored one')
    const watcher = pairs[0]!.watcher
    try {
      await eventually(() => boardJson(watcher.doc) === storedJson, { timeoutMs: 5000 })
    } catch {
      problem('an honest client of the fuzzed board sees something else than what is stored')
    }
  } finally {
    doc.destroy()
  }
}
