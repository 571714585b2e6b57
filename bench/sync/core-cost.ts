import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/boot.ts'
import { BoardConnection } from '../../server/sync/connection.ts'
import { encodeUpdateMessage } from '../../server/sync/messages.ts'
import type { BoardRoom } from '../../server/sync/room.ts'
import type { SyncSocket } from '../../server/sync/socket.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { createNote, updateNote } from '@shared/board/index.ts'
import { ensureReferenceServer, REFERENCE_DIR } from './servers.ts'

/**
 * The servers' own processing cost per update, in one process, without sockets: the same
 * client update messages are fed to Kokeileva's sync core (decode, validate, apply, write
 * policy, SQLite group commit, fan-out) and to the reference's message handler
 * (y-websocket 1.5.4 bin/utils.js), with connections that drop what is sent to them. Each
 * message is its own event-loop turn (Kokeileva commits and fans out before the next one), as
 * at 400 evenly spread updates a second. CPU time from process.cpuUsage(); unlike the
 * end-to-end run it hardly moves when other work shares the machine.
 *
 *   node --import tsx bench/sync/core-cost.ts [rounds]
 * CORE_ONLY=kokeileva skips the reference (for profiling with --cpu-prof).
 */
export interface CoreCost {
  workload: string
  updates: number
  kokeilevaUsPerUpdate: number
  referenceUsPerUpdate: number
  ratio: number
}

interface Shape {
  id: string
  boards: number
  clientsPerBoard: number
}

/** Every client's note creation, then `rounds` moves of every client, as update messages. */
function makeMessages(shape: Shape, rounds: number): Array<{ board: number; client: number; message: Uint8Array }> {
  const out: Array<{ board: number; client: number; message: Uint8Array }> = []
  const clients = Array.from({ length: shape.boards * shape.clientsPerBoard }, (_, i) => {
    const doc = new Y.Doc()
    const board = Math.floor(i / shape.clientsPerBoard)
    const client = i % shape.clientsPerBoard
    doc.on('update', (update: Uint8Array) => out.push({ board, client, message: encodeUpdateMessage(update) }))
    return { doc, board, client, id: `c${i}` }
  })
  for (const c of clients)
    createNote(c.doc, { id: c.id, x: 0, y: 0.5, color: '#fde68a', zone: null, authorId: c.id, authorName: c.id })
  for (let round = 1; round <= rounds; round++) {
    for (const c of clients) updateNote(c.doc, c.id, { x: round, y: round + 0.5 })
  }
  return out
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
const cpuUs = () => {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}

const discard: SyncSocket = { send() {}, close() {}, ping() {}, terminate() {}, bufferedAmount: 0, isOpen: true }
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }

async function kokeileva(shape: Shape, messages: ReturnType<typeof makeMessages>, setup: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kokeileva-core-'))
  const { config } = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' })
  const app = await buildApp(config)
  await app.ready()
  try {
    const rooms: Array<{ room: BoardRoom; conns: BoardConnection[] }> = []
    for (let b = 0; b < shape.boards; b++) {
      const board = (
        await app.inject({ method: 'POST', url: '/api/boards', payload: { title: `core ${b}` } })
      ).json<BoardCreated>()
      const room = await app.sync.rooms.acquire(board.id)
      if (!room) throw new Error('board did not load')
      const conns = Array.from(
        { length: shape.clientsPerBoard },
        () => new BoardConnection(discard, 'participant', silent, 1 << 24),
      )
      for (const conn of conns) room.join(conn)
      rooms.push({ room, conns })
    }
    const feed = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const { board, client, message } = messages[i]!
        const { room, conns } = rooms[board]!
        room.receive(conns[client]!, message)
        await app.sync.writer.drain()
      }
    }
    await feed(0, setup)
    const started = cpuUs()
    await feed(setup, messages.length)
    return (cpuUs() - started) / (messages.length - setup)
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

interface ReferenceUtils {
  setupWSConnection(conn: unknown, req: { url: string }): void
  docs: Map<string, Y.Doc>
}

async function reference(shape: Shape, messages: ReturnType<typeof makeMessages>, setup: number): Promise<number> {
  ensureReferenceServer()
  const utils = createRequire(join(REFERENCE_DIR, 'package.json'))('y-websocket/bin/utils') as ReferenceUtils
  const conns: EventEmitter[][] = []
  for (let b = 0; b < shape.boards; b++) {
    conns.push(
      Array.from({ length: shape.clientsPerBoard }, () => {
        const conn = Object.assign(new EventEmitter(), {
          binaryType: '',
          readyState: 1,
          send() {},
          ping() {},
          close() {},
        })
        utils.setupWSConnection(conn, { url: `/core-${b}-${Date.now()}` })
        return conn
      }),
    )
  }
  const feed = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const { board, client, message } = messages[i]!
      const bytes = message.slice()
      conns[board]![client]!.emit('message', bytes.buffer)
      await turn()
    }
  }
  await feed(0, setup)
  const started = cpuUs()
  await feed(setup, messages.length)
  const perUpdate = (cpuUs() - started) / (messages.length - setup)
  for (const board of conns) for (const conn of board) conn.emit('close')
  return perUpdate
}

export async function measureCoreCost(rounds: number): Promise<CoreCost[]> {
  const shapes: Shape[] = [
    { id: 'a', boards: 20, clientsPerBoard: 10 },
    { id: 'b', boards: 1, clientsPerBoard: 200 },
  ]
  const results: CoreCost[] = []
  for (const shape of shapes) {
    const messages = makeMessages(shape, rounds)
    // Note creation and the first round warm both up; the rest is measured.
    const setup = shape.boards * shape.clientsPerBoard * 2
    const ref = process.env.CORE_ONLY === 'kokeileva' ? Number.NaN : await reference(shape, messages, setup)
    const ours = await kokeileva(shape, messages, setup)
    results.push({
      workload: shape.id,
      updates: messages.length - setup,
      kokeilevaUsPerUpdate: Math.round(ours * 10) / 10,
      referenceUsPerUpdate: Math.round(ref * 10) / 10,
      ratio: Math.round((ours / ref) * 100) / 100,
    })
  }
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.argv[2] ?? 20)
  process.stdout.write(`${JSON.stringify(await measureCoreCost(rounds), null, 2)}\n`)
  process.exit(0) // the reference's ping intervals would keep the process alive
}
