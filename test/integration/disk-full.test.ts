import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { createNote, listNotes } from '@shared/board/index.ts'
import type { SqliteDatabase } from '../../server/storage/sqlite/database.ts'
import { createSqliteStorage, type SqliteStorage } from '../../server/storage/sqlite/index.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import { encodeSyncStep1 } from '../../server/sync/messages.ts'
import { connectClient, noteTexts, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'

/**
 * A full disk. SQLite is limited to the pages its file has (PRAGMA max_page_count) and the
 * room left inside them is filled: every write that needs space fails with a real
 * SQLITE_FULL, as on a full disk, while reads go on working.
 */
const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

function fillUp(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS test_filler (data BLOB)')
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
  const insert = db.prepare('INSERT INTO test_filler VALUES (zeroblob(?))')
  for (const bytes of [4000, 400, 40, 1]) {
    for (;;) {
      try {
        insert.run(bytes)
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_FULL') break
        throw error
      }
    }
  }
}

/** Frees about `pages` pages (one 4000-byte filler row each). */
function makeRoom(db: SqliteDatabase, pages: number): void {
  db.prepare(
    'DELETE FROM test_filler WHERE rowid IN (SELECT rowid FROM test_filler WHERE length(data) = 4000 LIMIT ?)',
  ).run(pages)
}

function freeUp(db: SqliteDatabase, maxPages: number): void {
  db.exec('DROP TABLE test_filler')
  db.pragma(`max_page_count = ${maxPages}`)
}

const texts = (client: TestClient) => noteTexts(client.doc)

/** Notes of the write that lands in the update journal after the disk filled up. */
const JOURNALED = 40

/**
 * The first write after the disk filled up is one `write` to the update journal, a file with
 * room left: it is stored, so everyone gets it. Its fold into the database fails, and from then
 * on the board's writes are refused and the process is not ready, until the fold succeeds.
 */
async function fillJournal(
  server: TestServer,
  writer: TestClient,
  watcher: TestClient,
  before: number,
  notes = JOURNALED,
  pad = 200,
) {
  writer.doc.transact(() => {
    for (let i = 0; i < notes; i++)
      createNote(writer.doc, { ...author, x: i, y: 2, text: `journaled ${i} ${'x'.repeat(pad)}` })
  })
  await eventually(() => expect(texts(watcher)).toHaveLength(before + notes))
  await eventually(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(503))
}

/** Asks "is everything I sent stored?" (sync step 1); provider.synced turns true with the answer. */
function askSaved(client: TestClient): void {
  client.provider.synced = false
  ;(client.provider.ws as unknown as WebSocket).send(encodeSyncStep1(client.doc))
}

describe('a full disk (SQLITE_FULL)', { timeout: 60_000 }, () => {
  let storage: SqliteStorage
  let server: TestServer
  let maxPages: number
  const clients: TestClient[] = []
  const track = (client: TestClient) => {
    clients.push(client)
    return client
  }

  beforeEach(async () => {
    const dataDir = tempDataDir()
    storage = createSqliteStorage(dataDir)
    maxPages = storage.db.pragma('max_page_count', { simple: true }) as number
    server = await startServer({ BOARD_CREATE_LIMIT: '1000', IDLE_UNLOAD_MS: '100' }, { storage, dataDir })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  it('a new client still gets the board as stored, the writer is not told its edits are saved, and all recovers by itself', async () => {
    const board = await server.createBoard('Täysi levy')
    const writer = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await writer.synced()
    for (let i = 0; i < 3; i++) createNote(writer.doc, { ...author, x: i, y: 0, text: `stored ${i}` })
    const watcher = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await eventually(() => expect(texts(watcher)).toHaveLength(3))

    fillUp(storage.db)
    await fillJournal(server, writer, watcher, 3)
    writer.doc.transact(() => {
      for (let i = 0; i < 40; i++)
        createNote(writer.doc, { ...author, x: i, y: 1, text: `unstored ${i} ${'x'.repeat(200)}` })
    })
    await eventually(() => expect(server.app.sync.writer.healthy).toBe(false))
    askSaved(writer)

    const newcomer = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await newcomer.synced()
    expect(texts(newcomer)).toHaveLength(3 + JOURNALED)
    expect(texts(newcomer).filter((text) => text.startsWith('unstored'))).toEqual([])
    expect(texts(watcher)).toHaveLength(3 + JOURNALED)
    expect(writer.provider.synced).toBe(false)
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503)

    freeUp(storage.db, maxPages)
    await eventually(() => expect(texts(newcomer)).toHaveLength(43 + JOURNALED), { timeoutMs: 20_000 })
    await eventually(() => expect(texts(watcher)).toHaveLength(43 + JOURNALED))
    await eventually(() => expect(writer.provider.synced).toBe(true))
    await eventually(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200))
    const stored = docFromState((await storage.boards.loadBoardState(board.id))!)
    expect(listNotes(stored)).toHaveLength(43 + JOURNALED)
    stored.destroy()
  })

  it('POST /api/boards answers 503 once the disk is full, and 201 again afterwards', async () => {
    fillUp(storage.db)
    // A board may still fit into room left in the pages of its tables; the next ones cannot.
    const statuses: number[] = []
    let refused: Response | null = null
    while (!refused && statuses.length < 50) {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Ei mahdu ${statuses.length}` }),
      })
      statuses.push(response.status)
      if (response.status !== 201) refused = response
    }
    expect(refused?.status, statuses.join(' ')).toBe(503)
    expect(await refused?.json()).toMatchObject({ error: 'unavailable' })
    freeUp(storage.db, maxPages)
    expect((await server.createBoard('Mahtuu')).id).toBeTruthy()
  })

  it('a write that fails for one board does not hold back the other boards', async () => {
    const big = await server.createBoard('Iso')
    const small = await server.createBoard('Pieni')
    const bigWriter = track(connectClient(server.syncUrl, big.id, big.tokens.participant))
    const smallWriter = track(connectClient(server.syncUrl, small.id, small.tokens.participant))
    const smallWatcher = track(connectClient(server.syncUrl, small.id, small.tokens.viewer))
    await Promise.all([bigWriter.synced(), smallWriter.synced(), smallWatcher.synced()])

    // Room for small writes only.
    fillUp(storage.db)
    makeRoom(storage.db, 6)
    // The big write lands in the journal; its fold fails while the small board's records fit.
    const bigWatcher = track(connectClient(server.syncUrl, big.id, big.tokens.viewer))
    await bigWatcher.synced()
    await fillJournal(server, bigWriter, bigWatcher, 0, 100, 300)
    bigWriter.doc.transact(() => {
      for (let i = 0; i < 100; i++) createNote(bigWriter.doc, { ...author, x: i, y: 1, text: `big ${'x'.repeat(300)}` })
    })
    for (let i = 0; i < 5; i++) createNote(smallWriter.doc, { ...author, x: i, y: 0, text: `small ${i}` })
    await eventually(() => expect(texts(smallWatcher)).toHaveLength(5))
    await eventually(() => expect(server.app.sync.writer.healthy).toBe(false))
    // And later writes of the other board too.
    createNote(smallWriter.doc, { ...author, x: 9, y: 0, text: 'small later' })
    await eventually(() => expect(texts(smallWatcher)).toContain('small later'))
    askSaved(smallWriter)
    await eventually(() => expect(smallWriter.provider.synced).toBe(true))

    expect(texts(bigWatcher)).toHaveLength(100)
    freeUp(storage.db, maxPages)
    await eventually(() => expect(texts(bigWatcher)).toHaveLength(200), { timeoutMs: 20_000 })
    await eventually(() => expect(server.app.sync.writer.healthy).toBe(true))
  })

  it('a board whose edits are not stored yet stays loaded when everyone leaves, and whoever comes next gets it as stored', async () => {
    const board = await server.createBoard('Kaikki lähtivät')
    const writer = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await writer.synced()
    createNote(writer.doc, { ...author, x: 0, y: 0, text: 'stored' })
    await eventually(async () => expect((await storage.boards.loadBoardState(board.id))?.updates.length).toBe(1))
    fillUp(storage.db)
    const watcher = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await watcher.synced()
    await fillJournal(server, writer, watcher, 1)
    watcher.destroy()
    writer.doc.transact(() => {
      for (let i = 0; i < 40; i++)
        createNote(writer.doc, { ...author, x: i, y: 1, text: `unstored ${'x'.repeat(200)}` })
    })
    await eventually(() => expect(server.app.sync.writer.healthy).toBe(false))
    writer.destroy()
    // Several idle periods pass with nobody connected.
    await new Promise((resolve) => setTimeout(resolve, 500))

    const next = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await next.synced()
    expect(texts(next)).toHaveLength(1 + JOURNALED)
    expect(texts(next).filter((text) => text.startsWith('unstored'))).toEqual([])
    freeUp(storage.db, maxPages)
    await eventually(() => expect(texts(next)).toHaveLength(41 + JOURNALED), { timeoutMs: 20_000 })
  })
})
