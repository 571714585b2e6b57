import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, listNotes, noteText, readSession, writeSession } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { connectClient, openRaw, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('roles and close codes', () => {
  let server: TestServer
  const clients: TestClient[] = []
  const track = (client: TestClient) => (clients.push(client), client)

  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
  })

  it('closes 4401 without a token, with a malformed one and with a forged one', async () => {
    const board = await server.createBoard()
    const forged = board.tokens.facilitator.slice(0, -4) + 'AAAA'
    for (const query of ['', '?token=nonsense', `?token=${encodeURIComponent(forged)}`]) {
      const raw = openRaw(`${server.syncUrl}/${board.id}${query}`)
      expect((await raw.closed).code).toBe(CloseCode.Unauthorized)
    }
  })

  it('closes 4403 for a token of another board and for a foreign browser origin', async () => {
    const [one, two] = [await server.createBoard(), await server.createBoard()]
    const wrongBoard = openRaw(`${server.syncUrl}/${two.id}?token=${one.tokens.participant}`)
    expect((await wrongBoard.closed).code).toBe(CloseCode.Forbidden)
    const foreign = openRaw(`${server.syncUrl}/${one.id}?token=${one.tokens.participant}`, {
      origin: 'https://evil.example',
    })
    expect((await foreign.closed).code).toBe(CloseCode.Forbidden)
    const sameOrigin = openRaw(`${server.syncUrl}/${one.id}?token=${one.tokens.participant}`, { origin: server.url })
    await sameOrigin.opened
    await eventually(() => expect(sameOrigin.messages.length).toBeGreaterThan(0))
    sameOrigin.socket.close()
  })

  it('closes 4404 for a board that does not exist, with a valid-looking token', async () => {
    const tokens = server.app.tokens
    const raw = openRaw(`${server.syncUrl}/NoSuchBoard1?token=${tokens.sign('NoSuchBoard1', 'participant')}`)
    expect((await raw.closed).code).toBe(CloseCode.NotFound)
  })

  it("never lets a viewer's writes reach others or storage, also after the viewer reconnects", async () => {
    const board = await server.createBoard()
    const participant = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    const viewer = track(connectClient(server.syncUrl, board.id, board.tokens.viewer))
    await Promise.all([participant.synced(), viewer.synced()])
    createNote(viewer.doc, { ...author, x: 0, y: 0, text: 'viewer note' })
    // Reconnect: the viewer's provider re-sends its local state in sync step 2.
    viewer.provider.disconnect()
    viewer.provider.connect()
    await viewer.synced()
    createNote(participant.doc, { ...author, x: 5, y: 5, text: 'participant note' })
    await eventually(() => expect(listNotes(viewer.doc).map((n) => n.text)).toContain('participant note'))
    expect(listNotes(participant.doc).map((n) => n.text)).toEqual(['participant note'])
    const fresh = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
    await fresh.synced()
    await eventually(() => expect(listNotes(fresh.doc).map((n) => n.text)).toEqual(['participant note']))
  })

  it("reverts a participant's session change, and the same client's next note still reaches everyone", async () => {
    const board = await server.createBoard()
    const participant = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    const watcher = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
    await Promise.all([participant.synced(), watcher.synced()])
    const phaseBefore = readSession(watcher.doc).phase
    writeSession(participant.doc, { phase: 'hijacked', locked: true })
    // The participant's own replica is corrected by the server's revert.
    await eventually(() => expect(readSession(participant.doc).phase).toBe(phaseBefore))
    expect(readSession(participant.doc).locked).toBe(false)
    createNote(participant.doc, { ...author, x: 1, y: 1, text: 'after the refusal' })
    await eventually(() => expect(listNotes(watcher.doc).map((n) => n.text)).toEqual(['after the refusal']))
    expect(readSession(watcher.doc).phase).toBe(phaseBefore)
    expect(watcher.doc.store.pendingStructs).toBeNull()
  })

  it('refuses content writes from participants while the board is locked, and restores deletions', async () => {
    const board = await server.createBoard()
    const facilitator = track(connectClient(server.syncUrl, board.id, board.tokens.facilitator))
    const participant = track(connectClient(server.syncUrl, board.id, board.tokens.participant))
    await Promise.all([facilitator.synced(), participant.synced()])
    const keep = createNote(facilitator.doc, { ...author, x: 0, y: 0, text: 'keep me' })
    await eventually(() => expect(noteText(participant.doc, keep)?.toString()).toBe('keep me'))
    writeSession(facilitator.doc, { locked: true })
    await eventually(() => expect(readSession(participant.doc).locked).toBe(true))

    participant.doc.getMap('notes').delete(keep)
    createNote(participant.doc, { ...author, x: 9, y: 9, text: 'secret while locked' })
    await eventually(() => expect(listNotes(participant.doc).map((n) => n.text)).toEqual(['keep me']))
    expect(listNotes(facilitator.doc).map((n) => n.text)).toEqual(['keep me'])

    writeSession(facilitator.doc, { locked: false })
    await eventually(() => expect(readSession(participant.doc).locked).toBe(false))
    createNote(participant.doc, { ...author, x: 2, y: 2, text: 'unlocked again' })
    await eventually(() =>
      expect(
        listNotes(facilitator.doc)
          .map((n) => n.text)
          .sort(),
      ).toEqual(['keep me', 'unlocked again']),
    )
    // The refused text never reached the facilitator, not even as deleted content.
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(facilitator.doc))).not.toContain('secret while locked')
  })

  it('closes 1003 for an undecodable message and 1009 for one over the limit, others unaffected', async () => {
    const small = await startServer({ MAX_MESSAGE_BYTES: '4096' })
    try {
      const board = await small.createBoard()
      const bystander = connectClient(small.syncUrl, board.id, board.tokens.participant)
      await bystander.synced()

      const garbage = openRaw(`${small.syncUrl}/${board.id}?token=${board.tokens.participant}`)
      await garbage.opened
      garbage.socket.send(new Uint8Array([0, 2, 200, 1, 2, 3]))
      expect((await garbage.closed).code).toBe(CloseCode.Unsupported)

      const big = openRaw(`${small.syncUrl}/${board.id}?token=${board.tokens.participant}`)
      await big.opened
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 2)
      encoding.writeVarUint8Array(encoder, new Uint8Array(8000))
      big.socket.send(encoding.toUint8Array(encoder))
      expect((await big.closed).code).toBe(CloseCode.MessageTooBig)

      createNote(bystander.doc, { ...author, x: 0, y: 0, text: 'still here' })
      const check = connectClient(small.syncUrl, board.id, board.tokens.viewer)
      await check.synced()
      await eventually(() => expect(listNotes(check.doc).map((n) => n.text)).toEqual(['still here']))
      bystander.destroy()
      check.destroy()
    } finally {
      await small.close()
    }
  })
})
