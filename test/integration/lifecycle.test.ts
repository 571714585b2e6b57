import { describe, expect, it } from 'vitest'
import { createNote, listNotes, readSession, writeSession } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts'
import type { BoardStore, Storage } from '../../server/storage/types.ts'
import { connectClient, openRaw } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir } from '../helpers/server.ts'
import { closedAfterEach } from '../helpers/closing.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

/** SQLite storage whose board loads are counted and can be made to fail. */
function instrumentedStorage(dataDir: string) {
  const real = createSqliteStorage(dataDir)
  const probe = { loads: 0, failLoads: false, loadDelayMs: 0 }
  const boards: BoardStore = {
    createBoard: (board, state) => real.boards.createBoard(board, state),
    getBoard: (id) => real.boards.getBoard(id),
    appendUpdates: (batch) => real.boards.appendUpdates(batch),
    compactBoard: (id, merge) => real.boards.compactBoard(id, merge),
    loadDraftState: (boardId, draftId) => real.boards.loadDraftState(boardId, draftId),
    listDrafts: (boardId) => real.boards.listDrafts(boardId),
    compactDraft: (boardId, draftId, merge) => real.boards.compactDraft(boardId, draftId, merge),
    async loadBoardState(id) {
      probe.loads++
      if (probe.loadDelayMs) await new Promise((resolve) => setTimeout(resolve, probe.loadDelayMs))
      if (probe.failLoads) throw new Error('disk on fire')
      return real.boards.loadBoardState(id)
    },
  }
  const storage: Storage = {
    kind: 'sqlite',
    boards,
    ideas: real.ideas,
    templates: real.templates,
    digests: real.digests,
    webhooks: real.webhooks,
    lifecycle: real.lifecycle,
    accounts: real.accounts,
    ping: () => real.ping(),
    close: () => real.close(),
  }
  return { storage, probe, real }
}

describe('board lifecycle: load, idle unload, reload', () => {
  const { use } = closedAfterEach()

  it('unloads an idle board, compacts its log, and reloads it on the next connection', async () => {
    const dataDir = tempDataDir()
    const { storage, probe, real } = instrumentedStorage(dataDir)
    const server = use(await startServer({ IDLE_UNLOAD_MS: '100' }, { dataDir, storage }))
    const board = await server.createBoard()
    const client = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await client.synced()
    for (let i = 0; i < 20; i++) createNote(client.doc, { ...author, x: i, y: 0, text: `n${i}` })
    await eventually(async () =>
      expect((await real.boards.loadBoardState(board.id))?.updates.length).toBeGreaterThan(0),
    )
    client.destroy()

    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(0))
    const stored = await real.boards.loadBoardState(board.id)
    expect(stored?.updates).toHaveLength(0) // folded into the snapshot on unload
    expect(probe.loads).toBe(1)

    const again = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await again.synced()
    await eventually(() => expect(listNotes(again.doc)).toHaveLength(20))
    expect(probe.loads).toBe(2)
  })

  it('concurrent connects to a loading board load it once', async () => {
    const dataDir = tempDataDir()
    const { storage, probe } = instrumentedStorage(dataDir)
    const server = use(await startServer({}, { dataDir, storage }))
    const board = await server.createBoard()
    probe.loadDelayMs = 200
    const clients = Array.from({ length: 8 }, () =>
      use(connectClient(server.syncUrl, board.id, board.tokens.participant)),
    )
    await Promise.all(clients.map((client) => client.synced()))
    expect(probe.loads).toBe(1)
    createNote(clients[0]!.doc, { ...author, x: 0, y: 0, text: 'hello all' })
    await eventually(() => {
      for (const client of clients) expect(listNotes(client.doc)).toHaveLength(1)
    })
  })

  it('a failed load closes with 1011, writes nothing, and a later load finds the board intact', async () => {
    const dataDir = tempDataDir()
    const { storage, probe, real } = instrumentedStorage(dataDir)
    const server = use(await startServer({ IDLE_UNLOAD_MS: '50' }, { dataDir, storage }))
    const board = await server.createBoard()
    const writer = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await writer.synced()
    createNote(writer.doc, { ...author, x: 0, y: 0, text: 'precious' })
    await eventually(async () => expect((await real.boards.loadBoardState(board.id))?.updates.length).toBe(1))
    writer.destroy()
    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(0))
    const before = await real.boards.loadBoardState(board.id)

    probe.failLoads = true
    const refused = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    expect((await refused.closed).code).toBe(CloseCode.InternalError)
    expect(await real.boards.loadBoardState(board.id)).toEqual(before)

    probe.failLoads = false
    const reader = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    await eventually(() => expect(listNotes(reader.doc).map((note) => note.text)).toEqual(['precious']))
  })

  it('a connection arriving while the board unloads waits and gets the reloaded board', async () => {
    const dataDir = tempDataDir()
    const { storage } = instrumentedStorage(dataDir)
    const server = use(await startServer({ IDLE_UNLOAD_MS: '0' }, { dataDir, storage }))
    const board = await server.createBoard()
    for (let round = 0; round < 5; round++) {
      const client = connectClient(server.syncUrl, board.id, board.tokens.participant)
      await client.synced()
      createNote(client.doc, { ...author, x: round, y: 0, text: `round ${round}` })
      await eventually(() => expect(server.app.sync.writer.healthy).toBe(true))
      client.destroy()
    }
    const reader = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    await eventually(() => expect(listNotes(reader.doc)).toHaveLength(5))
  })

  it('compacts a busy board into a snapshot while it stays in use, losing nothing', async () => {
    const dataDir = tempDataDir()
    const { storage, real } = instrumentedStorage(dataDir)
    const server = use(await startServer({ COMPACT_AFTER_UPDATES: '10' }, { dataDir, storage }))
    const board = await server.createBoard()
    const writer = use(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await writer.synced()
    for (let i = 0; i < 60; i++) {
      createNote(writer.doc, { ...author, x: i, y: 0, text: `busy ${i}` })
      if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    const reader = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    await eventually(() => expect(listNotes(reader.doc)).toHaveLength(60))
    const stored = await real.boards.loadBoardState(board.id)
    expect(stored!.updates.length).toBeLessThan(60)
    // What is stored (snapshot plus the remaining log) is the whole board.
    const { docFromState } = await import('../../server/sync/board-state.ts')
    expect(listNotes(docFromState(stored!))).toHaveLength(60)
  })

  it('a snapshot folded from the live document keeps what was accepted and none of what was refused', async () => {
    const dataDir = tempDataDir()
    const { storage, real } = instrumentedStorage(dataDir)
    const server = use(await startServer({ IDLE_UNLOAD_MS: '50' }, { dataDir, storage }))
    const board = await server.createBoard()
    const facilitator = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
    const participant = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await Promise.all([facilitator.synced(), participant.synced()])
    createNote(facilitator.doc, { ...author, x: 0, y: 0, text: 'kept' })
    writeSession(facilitator.doc, { locked: true })
    await eventually(() => expect(readSession(participant.doc).locked).toBe(true))
    createNote(participant.doc, { ...author, x: 5, y: 5, text: 'refused while locked' })
    await eventually(() => expect(listNotes(participant.doc).map((note) => note.text)).toEqual(['kept']))
    writeSession(facilitator.doc, { locked: false })
    await eventually(() => expect(readSession(participant.doc).locked).toBe(false))
    createNote(participant.doc, { ...author, x: 9, y: 9, text: 'accepted later' })
    await eventually(() => expect(listNotes(facilitator.doc)).toHaveLength(2))
    facilitator.destroy()
    participant.destroy()

    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(0))
    const stored = (await real.boards.loadBoardState(board.id))!
    expect(stored.updates).toHaveLength(0)
    expect(new TextDecoder().decode(stored.snapshot!)).not.toContain('refused while locked')
    const reader = use(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await reader.synced()
    await eventually(() =>
      expect(
        listNotes(reader.doc)
          .map((note) => note.text)
          .sort(),
      ).toEqual(['accepted later', 'kept']),
    )
  })
})

describe('server-side writers lease rooms', () => {
  it('keeps a leased board loaded past its idle time, and unloads it once released', async () => {
    const server = await startServer({ IDLE_UNLOAD_MS: '0' })
    try {
      const board = await server.createBoard()
      const lease = await server.app.sync.rooms.lease(board.id)
      if (!lease) throw new Error('the board did not load')
      const client = connectClient(server.syncUrl, board.id, board.tokens.participant)
      await client.synced()
      client.destroy()
      // The last connection left: a 0 ms unload would be due now. A timer set after that fires
      // after it, so the board is still loaded only because of the lease.
      await eventually(() => expect(lease.room.connections.size).toBe(0))
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(await server.app.sync.rooms.peek(board.id)).toBe(lease.room)
      lease.room.transact((doc) => createNote(doc, { ...author, x: 0, y: 0, text: 'written under the lease' }))

      lease.release()
      await eventually(async () => expect(await server.app.sync.rooms.peek(board.id)).toBeNull())
      const check = connectClient(server.syncUrl, board.id, board.tokens.viewer)
      await check.synced()
      expect(listNotes(check.doc).map((n) => n.text)).toEqual(['written under the lease'])
      check.destroy()
    } finally {
      await server.close()
    }
  })

  it('runs one board’s server-side writes one at a time; a failed one does not stop the next', async () => {
    const server = await startServer()
    try {
      const order: string[] = []
      const rooms = server.app.sync.rooms
      const slow = rooms.serverWrite('b', async () => {
        await new Promise((resolve) => setTimeout(resolve, 30))
        order.push('slow')
      })
      const failing = rooms.serverWrite('b', async () => {
        order.push('failing')
        throw new Error('boom')
      })
      const other = rooms.serverWrite('c', async () => order.push('other board'))
      const last = rooms.serverWrite('b', async () => order.push('last'))
      await Promise.all([slow, failing.catch(() => undefined), other, last])
      expect(order).toEqual(['other board', 'slow', 'failing', 'last'])
      await expect(failing).rejects.toThrow('boom')
    } finally {
      await server.close()
    }
  })
})
