import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('heartbeat', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ HEARTBEAT_MS: '300', IDLE_UNLOAD_MS: '50' })
  })
  afterAll(async () => {
    await server.close()
  })

  it('terminates a connection that stopped answering pings, releasing its slot and its board', async () => {
    const board = await server.createBoard()
    // A peer behind a dead NAT mapping: the TCP connection stays open, nothing comes back.
    const silent = new WebSocket(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`, { autoPong: false })
    silent.on('error', () => undefined)
    let pings = 0
    silent.on('ping', () => pings++)
    await eventually(() => expect(server.app.sync.connectionCount).toBe(1))
    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(1))
    await eventually(() => expect(silent.readyState).toBe(WebSocket.CLOSED))
    expect(pings).toBeGreaterThanOrEqual(1)
    expect(server.app.sync.connectionCount).toBe(0)
    await eventually(() => expect(server.app.sync.rooms.loadedCount).toBe(0))
  })

  it('keeps a connection that answers, across many pings', async () => {
    const board = await server.createBoard()
    const client = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await client.synced()
    const socket = client.provider.ws as unknown as WebSocket
    let pings = 0
    socket.on('ping', () => pings++)
    await eventually(() => expect(pings).toBeGreaterThanOrEqual(4), { timeoutMs: 20_000 })
    expect(client.provider.ws).toBe(socket)
    expect(socket.readyState).toBe(WebSocket.OPEN)
    expect(server.app.sync.connectionCount).toBe(1)
    client.destroy()
  })
})
