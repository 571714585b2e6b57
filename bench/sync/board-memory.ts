import * as Y from 'yjs'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/boot.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import { BoardConnection } from '../../server/sync/connection.ts'
import { encodeSyncStep1Of, encodeUpdateMessage } from '../../server/sync/messages.ts'
import type { Logger } from '../../server/sync/socket.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { countNotes, createNote } from '@shared/board/index.ts'

/**
 * Memory of one loaded board, measured inside a server instance: JS heap + external +
 * ArrayBuffer bytes after a forced full GC, before and after the room registry loads the board
 * (a room holds a board nobody wrote to as its stored bytes); then after a participant's write
 * (the room builds the document and the policy its note index) and after the room let the
 * document go again (BoardRoom.releaseDocument, what DOC_IDLE_MS does for a quiet board).
 * Run with --expose-gc by bench/sync/run.ts: `DATA_DIR=… BOARD_ID=… node --expose-gc --import tsx
 * bench/sync/board-memory.ts`. Prints one JSON line.
 */
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')
const collect = gc

function used(): number {
  for (let i = 0; i < 4; i++) collect()
  const memory = process.memoryUsage()
  // `external` includes `arrayBuffers` (every Buffer and Uint8Array's memory): adding both, as
  // this did before, counted a board held as bytes twice.
  return memory.heapUsed + memory.external
}

const dataDir = process.env.DATA_DIR
const boardId = process.env.BOARD_ID
if (!dataDir || !boardId) throw new Error('DATA_DIR and BOARD_ID are required')
const { config } = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' })
const app = await buildApp(config)
await app.ready()

const socket = { send() {}, close() {}, ping() {}, terminate() {}, bufferedAmount: 0, isOpen: true }
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }

/** A participant's new note, as a connected client sends it (it needs nothing of the board). */
function noteUpdate(): Uint8Array {
  const client = new Y.Doc()
  const updates: Uint8Array[] = []
  client.on('update', (update: Uint8Array) => updates.push(update))
  createNote(client, {
    text: 'written after the load',
    x: 0,
    y: 0,
    color: '#fde68a',
    zone: null,
    authorId: 'p-memory',
    authorName: 'Memory',
  })
  client.destroy()
  return Y.mergeUpdates(updates)
}

/**
 * Memory held after each step, from before the load: loaded with a joiner (with nothing)
 * answered (the room keeps that answer for the next joiners); after a participant's write
 * (the document built, the policy's note index too); after the room let the document go.
 */
async function exercise(id: string) {
  const before = used()
  const room = await app.sync.rooms.acquire(id)
  if (!room) throw new Error(`no board ${id}`)
  const conn = new BoardConnection(socket, 'participant', silent, 1 << 30)
  room.join(conn)
  room.receive(conn, encodeSyncStep1Of(new Uint8Array([0])))
  const loaded = used() - before
  room.receive(conn, encodeUpdateMessage(noteUpdate()))
  await room.drained()
  const written = used() - before
  if (!room.releaseDocument()) throw new Error('the document could not be let go')
  const released = used() - before
  // Not one of the sync server's connections: closed here, so that the room can unload.
  conn.close(1000, 'measured')
  return { loaded, written, released }
}

const created = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Memory benchmark' } })
const empty = created.json<BoardCreated>()
// Warm up the code paths once so that compiled code is not counted as board memory.
await exercise(empty.id)
const fresh = (
  await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Memory benchmark 2' } })
).json<BoardCreated>()
const emptyBoardBytes = (await exercise(fresh.id)).loaded
const big = await exercise(boardId)
const bigBoardBytes = big.loaded
const writtenBoardBytes = big.written
const releasedBoardBytes = big.released
// The same board as a bare Y.Doc (what any Yjs server holds), for comparison with the room.
const state = await app.storage.boards.loadBoardState(boardId)
if (!state) throw new Error(`no board ${boardId}`)
const before = used()
const bare = docFromState(state)
const bareDocBytes = used() - before
process.stdout.write(
  `${JSON.stringify({ emptyBoardBytes, bigBoardBytes, writtenBoardBytes, releasedBoardBytes, bareDocBytes, notes: countNotes(bare) })}\n`,
)
await app.close()
