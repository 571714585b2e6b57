import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/boot.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { countNotes } from '@shared/board/index.ts'

/**
 * Memory of one loaded board, measured inside a server instance: JS heap + external +
 * ArrayBuffer bytes after a forced full GC, before and after the room registry loads the board.
 * Run with --expose-gc by bench/sync/run.ts: `DATA_DIR=… BOARD_ID=… node --expose-gc --import tsx
 * bench/sync/board-memory.ts`. Prints one JSON line.
 */
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')
const collect = gc

function used(): number {
  for (let i = 0; i < 4; i++) collect()
  const memory = process.memoryUsage()
  return memory.heapUsed + memory.external + memory.arrayBuffers
}

const dataDir = process.env.DATA_DIR
const boardId = process.env.BOARD_ID
if (!dataDir || !boardId) throw new Error('DATA_DIR and BOARD_ID are required')
const { config } = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' })
const app = await buildApp(config)
await app.ready()

async function loadedBytes(id: string): Promise<number> {
  const before = used()
  const room = await app.sync.rooms.acquire(id)
  if (!room) throw new Error(`no board ${id}`)
  const after = used()
  return after - before
}

const created = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Memory benchmark' } })
const empty = created.json<BoardCreated>()
// Warm up the code paths once so that compiled code is not counted as board memory.
await loadedBytes(empty.id)
const fresh = (
  await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Memory benchmark 2' } })
).json<BoardCreated>()
const emptyBoardBytes = await loadedBytes(fresh.id)
const bigBoardBytes = await loadedBytes(boardId)
// The same board as a bare Y.Doc (what any Yjs server holds), for comparison with the room.
const state = await app.storage.boards.loadBoardState(boardId)
if (!state) throw new Error(`no board ${boardId}`)
const before = used()
const bare = docFromState(state)
const bareDocBytes = used() - before
process.stdout.write(`${JSON.stringify({ emptyBoardBytes, bigBoardBytes, bareDocBytes, notes: countNotes(bare) })}\n`)
await app.close()
