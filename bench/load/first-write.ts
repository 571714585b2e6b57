import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { BoardCreated } from '@shared/api/boards.ts'
import { createNote } from '@shared/board/index.ts'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/boot.ts'
import { BoardConnection } from '../../server/sync/connection.ts'
import { encodeSyncStep1Of, encodeUpdateMessage } from '../../server/sync/messages.ts'
import type { Logger } from '../../server/sync/socket.ts'
import { round } from '../sync/stats.ts'
import { seedStoredBoard } from './seed.ts'

/**
 * What a board held as bytes costs when someone writes (in process, one board, ms): loading it
 * and answering a joiner; the first write (the room builds the Y.Doc, the policy its note
 * index, then judges and stores the write; the event loop is busy meanwhile); a second write;
 * letting the document go again (encoding it). `node --import tsx bench/load/first-write.ts 50000`
 */
const notes = Number(process.argv[2] ?? 50000)
const dataDir = mkdtempSync(join(tmpdir(), 'kokeileva-first-write-'))
const { config } = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' })
let app = await buildApp(config)
await app.ready()
const board = (
  await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'First write' } })
).json<BoardCreated>()
await app.close()
seedStoredBoard(dataDir, board.id, notes)
app = await buildApp(config)
await app.ready()

const socket = { send() {}, close() {}, ping() {}, terminate() {}, bufferedAmount: 0, isOpen: true }
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }
function newNote(text: string): Uint8Array {
  const client = new Y.Doc()
  const updates: Uint8Array[] = []
  client.on('update', (update: Uint8Array) => updates.push(update))
  createNote(client, { text, x: 0, y: 0, color: '#fde68a', zone: null, authorId: 'p', authorName: 'P' })
  client.destroy()
  return Y.mergeUpdates(updates)
}

let started = performance.now()
const room = await app.sync.rooms.acquire(board.id)
if (!room) throw new Error('no board')
const conn = new BoardConnection(socket, 'participant', silent, 1 << 30)
room.join(conn)
room.receive(conn, encodeSyncStep1Of(new Uint8Array([0])))
const loadAndAnswerMs = performance.now() - started
const timedWrite = async (text: string) => {
  const update = newNote(text)
  const at = performance.now()
  room.receive(conn, encodeUpdateMessage(update))
  const blockedMs = performance.now() - at
  await room.drained()
  return { blockedMs: round(blockedMs, 1), durableMs: round(performance.now() - at, 1) }
}
const first = await timedWrite('first')
const second = await timedWrite('second')
started = performance.now()
if (!room.releaseDocument()) throw new Error('the document could not be let go')
const releaseMs = performance.now() - started
process.stdout.write(
  `${JSON.stringify({ notes, loadAndAnswerMs: round(loadAndAnswerMs, 1), first, second, releaseMs: round(releaseMs, 1) })}\n`,
)
conn.close(1000, 'measured')
await app.close()
rmSync(dataDir, { recursive: true, force: true })
