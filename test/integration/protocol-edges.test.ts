import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, listNotes } from '@shared/board/index.ts'
import { CloseCode, SyncMessageType } from '@shared/protocol.ts'
import { connectClient, openRaw } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { awarenessMessage, decodeServerMessage, step2Message, updateMessage } from '../helpers/protocol.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('protocol edge cases', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ MAX_CLIENTS_PER_BOARD: '3', SEND_BUFFER_LIMIT_BYTES: '65536' })
  })
  afterAll(async () => {
    await server.close()
  })

  it('asks a client to resync instead of keeping an update with missing dependencies', async () => {
    const board = await server.createBoard()
    const local = new Y.Doc()
    const updates: Uint8Array[] = []
    local.on('update', (update: Uint8Array) => updates.push(update))
    createNote(local, { ...author, x: 0, y: 0, text: 'first' })
    createNote(local, { ...author, x: 1, y: 1, text: 'second' })

    const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await raw.opened
    await eventually(() => expect(raw.messages.length).toBeGreaterThan(0))
    const before = raw.messages.length
    raw.socket.send(updateMessage(updates[1]!)) // depends on updates[0], which the server lacks
    const resync = await eventually(() => {
      const step1 = raw.messages
        .slice(before)
        .map(decodeServerMessage)
        .find((m) => m.type === 'sync' && m.syncType === SyncMessageType.Step1)
      expect(step1).toBeDefined()
      return step1!
    })
    // Answer the request the way a y-websocket client does: everything the server lacks.
    if (resync.type !== 'sync') throw new Error('unreachable')
    raw.socket.send(step2Message(Y.encodeStateAsUpdate(local, resync.payload)))
    const reader = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    await reader.synced()
    await eventually(() =>
      expect(
        listNotes(reader.doc)
          .map((n) => n.text)
          .sort(),
      ).toEqual(['first', 'second']),
    )
    reader.destroy()
    raw.socket.close()
  })

  it('binds one awareness client id per connection: nobody can change or remove another client', async () => {
    const board = await server.createBoard()
    const honest = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await honest.synced()
    honest.provider.awareness.setLocalStateField('user', { name: 'Honest' })
    const honestId = honest.doc.clientID

    const spoofer = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await spoofer.opened
    spoofer.socket.send(awarenessMessage([{ clientId: 777, clock: 1, state: { user: { name: 'Spoofer' } } }]))
    spoofer.socket.send(awarenessMessage([{ clientId: honestId, clock: 9999, state: null }]))
    spoofer.socket.send(awarenessMessage([{ clientId: honestId, clock: 10000, state: { user: { name: 'Fake' } } }]))

    const watcher = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    await watcher.synced()
    await eventually(() => {
      const states = watcher.provider.awareness.getStates()
      expect(states.get(777)).toEqual({ user: { name: 'Spoofer' } })
      expect(states.get(honestId)).toEqual({ user: { name: 'Honest' } })
    })
    spoofer.socket.close()
    await eventually(() => expect(watcher.provider.awareness.getStates().has(777)).toBe(false))
    honest.destroy()
    watcher.destroy()
  })

  it('closes 4429 when a board is full, and the others stay connected', async () => {
    const board = await server.createBoard()
    const members = [0, 1, 2].map(() => connectClient(server.syncUrl, board.id, board.tokens.participant))
    await Promise.all(members.map((member) => member.synced()))
    const extra = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    expect((await extra.closed).code).toBe(CloseCode.BoardFull)
    createNote(members[0]!.doc, { ...author, x: 0, y: 0, text: 'still fine' })
    await eventually(() => expect(listNotes(members[2]!.doc)).toHaveLength(1))
    for (const member of members) member.destroy()
  })

  it('closes a client that stopped reading once its send buffer passes the cap, others unaffected', async () => {
    const board = await server.createBoard()
    const writer = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await writer.synced()
    const stalled = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.viewer}`)
    await stalled.opened
    stalled.socket.pause()
    const big = 'x'.repeat(4000)
    let written = 0
    await eventually(
      () => {
        for (let i = 0; i < 50; i++) createNote(writer.doc, { ...author, x: written++, y: 0, text: big })
        expect(server.app.sync.connectionCount).toBe(1)
      },
      { timeoutMs: 20_000, intervalMs: 5 },
    )
    stalled.socket.resume()
    expect((await stalled.closed).code).toBe(CloseCode.TryAgainLater)
    const reader = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    await reader.synced()
    await eventually(() => expect(listNotes(reader.doc)).toHaveLength(written))
    writer.destroy()
    reader.destroy()
  })

  it('closes 1003 for a text frame', async () => {
    const board = await server.createBoard()
    const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await raw.opened
    raw.socket.send('hello')
    expect((await raw.closed).code).toBe(CloseCode.Unsupported)
  })
})
