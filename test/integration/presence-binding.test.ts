import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, openRaw, type TestClient } from '../helpers/clients.ts'
import { serverRoundTrip } from '../helpers/client-versions.ts'
import { eventually } from '../helpers/poll.ts'
import { awarenessMessage } from '../helpers/protocol.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { TcpProxy } from '../helpers/tcp-proxy.ts'

/** What `watcher` shows of `client`'s presence. */
const seenBy = (watcher: TestClient, client: TestClient) =>
  watcher.provider.awareness.getStates().get(client.doc.clientID)

/**
 * The client loses its link without the server noticing (the proxy goes silent, as a dropped
 * Wi-Fi or NAT mapping does: the old socket lingers on the server until the heartbeat) and
 * opens a new socket straight to the server, with the same awareness client id.
 */
async function reconnectLeavingOldSocket(client: TestClient, proxy: TcpProxy, directUrl: string): Promise<void> {
  proxy.stall()
  client.provider.disconnect()
  client.provider.serverUrl = directUrl
  client.provider.connect()
  await client.synced()
}

describe('presence of reconnecting clients', () => {
  let server: TestServer
  let proxy: TcpProxy
  const clients: TestClient[] = []
  const connect = (url: string, boardId: string, token: string, received?: Uint8Array[]) => {
    const client = connectClient(url, boardId, token, received ? { received } : {})
    clients.push(client)
    return client
  }
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await proxy.close()
  })
  afterAll(async () => {
    await server.close()
  })

  it('a client that reconnects while its old socket lingers is seen moving again at once', async () => {
    proxy = await TcpProxy.start('127.0.0.1', Number(new URL(server.url).port))
    const board = await server.createBoard()
    const watcher = connect(server.syncUrl, board.id, board.tokens.viewer)
    const moving = connect(proxy.rewrite(server.syncUrl), board.id, board.tokens.participant)
    await Promise.all([watcher.synced(), moving.synced()])
    moving.provider.awareness.setLocalStateField('user', { name: 'Veera', cursor: 1 })
    await eventually(() => expect(seenBy(watcher, moving)).toEqual({ user: { name: 'Veera', cursor: 1 } }))

    await reconnectLeavingOldSocket(moving, proxy, server.syncUrl)
    expect(server.app.sync.connectionCount).toBeGreaterThanOrEqual(3) // the old socket is still there
    moving.provider.awareness.setLocalStateField('user', { name: 'Veera', cursor: 2 })
    await eventually(() => expect(seenBy(watcher, moving)).toEqual({ user: { name: 'Veera', cursor: 2 } }))
    moving.provider.awareness.setLocalStateField('user', { name: 'Veera', cursor: 3 })
    await eventually(() => expect(seenBy(watcher, moving)).toEqual({ user: { name: 'Veera', cursor: 3 } }))
  })

  it('a connection that echoes a departed client is not bound to it: both stay visible', async () => {
    proxy = await TcpProxy.start('127.0.0.1', Number(new URL(server.url).port))
    const board = await server.createBoard()
    const watcher = connect(server.syncUrl, board.id, board.tokens.viewer)
    const leaving = connect(server.syncUrl, board.id, board.tokens.participant)
    const echoingReceived: Uint8Array[] = []
    const echoing = connect(proxy.rewrite(server.syncUrl), board.id, board.tokens.participant, echoingReceived)
    await Promise.all([watcher, leaving, echoing].map((client) => client.synced()))
    leaving.provider.awareness.setLocalStateField('user', { name: 'Lauri' })
    echoing.provider.awareness.setLocalStateField('user', { name: 'Eeva' })
    await eventually(() => {
      expect(seenBy(watcher, leaving)).toEqual({ user: { name: 'Lauri' } })
      expect(seenBy(watcher, echoing)).toEqual({ user: { name: 'Eeva' } })
    })

    // Eeva's Wi-Fi drops and she reconnects; then Lauri leaves, and Eeva's client echoes his removal.
    await reconnectLeavingOldSocket(echoing, proxy, server.syncUrl)
    leaving.provider.disconnect()
    await eventually(() => expect(echoing.provider.awareness.getStates().has(leaving.doc.clientID)).toBe(false))
    await serverRoundTrip(echoing, echoingReceived)

    // Lauri comes back: he and Eeva are both seen, and both can still change their presence.
    leaving.provider.connect()
    await leaving.synced()
    leaving.provider.awareness.setLocalStateField('user', { name: 'Lauri', cursor: 1 })
    echoing.provider.awareness.setLocalStateField('user', { name: 'Eeva', cursor: 1 })
    await eventually(() => {
      expect(seenBy(watcher, leaving)).toEqual({ user: { name: 'Lauri', cursor: 1 } })
      expect(seenBy(watcher, echoing)).toEqual({ user: { name: 'Eeva', cursor: 1 } })
    })
  })

  it("a claim on a live client's id is refused: the live client keeps it", async () => {
    proxy = await TcpProxy.start('127.0.0.1', Number(new URL(server.url).port))
    const board = await server.createBoard()
    const watcher = connect(server.syncUrl, board.id, board.tokens.viewer)
    const honest = connect(server.syncUrl, board.id, board.tokens.participant)
    await Promise.all([watcher.synced(), honest.synced()])
    honest.provider.awareness.setLocalStateField('user', { name: 'Honest' })
    await eventually(() => expect(seenBy(watcher, honest)).toEqual({ user: { name: 'Honest' } }))

    // A new socket announces itself with the honest client's id, as a reconnecting client would.
    const spoofer = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await spoofer.opened
    const clock = honest.provider.awareness.meta.get(honest.doc.clientID)!.clock
    spoofer.socket.send(
      awarenessMessage([{ clientId: honest.doc.clientID, clock: clock + 5, state: { user: { name: 'Fake' } } }]),
    )
    // The honest client answers the server's ping; its next change is still its own.
    honest.provider.awareness.setLocalStateField('user', { name: 'Honest', cursor: 7 })
    await eventually(() => expect(seenBy(watcher, honest)).toEqual({ user: { name: 'Honest', cursor: 7 } }))
    expect(honest.provider.awareness.meta.get(honest.doc.clientID)!.clock).toBeLessThan(clock + 5)
    spoofer.socket.close()
  })
})
