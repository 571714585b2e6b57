import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createNote, listNotes, writeMeta } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import { connectClient, docJson, openRaw, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { step1Message, updateMessage } from '../helpers/protocol.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/** Minimal reproductions of what the fuzz campaign (test/fuzz/) found, each fixed. */
const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

/** A Yjs (v1) update holding one garbage-collected struct of length zero: it decodes. */
function zeroLengthStructUpdate(client: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // clients with structs
  encoding.writeVarUint(encoder, 1) // structs of this client
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 0) // first clock
  encoding.writeUint8(encoder, 0) // GC
  encoding.writeVarUint(encoder, 0) // of length 0
  encoding.writeVarUint(encoder, 0) // an empty delete set
  return encoding.toUint8Array(encoder)
}

describe('what the fuzzer found', () => {
  let server: TestServer
  const clients: TestClient[] = []
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })
  afterAll(async () => {
    await server.close()
  })

  async function storedDoc(boardId: string): Promise<Y.Doc> {
    await server.app.sync.writer.drain()
    return docFromState((await server.app.storage.boards.loadBoardState(boardId))!)
  }

  it('an update with a zero-length struct is refused (1003) and never reaches storage or other clients', async () => {
    const board = await server.createBoard()
    const watcher = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    clients.push(watcher)
    await watcher.synced()
    expect(Y.decodeUpdate(zeroLengthStructUpdate(4242)).structs).toHaveLength(1)

    const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await raw.opened
    raw.socket.send(updateMessage(zeroLengthStructUpdate(4242)))
    expect((await raw.closed).code).toBe(CloseCode.Unsupported)

    const stored = await storedDoc(board.id)
    expect(stored.store.clients.has(4242)).toBe(false)
    // A client joining now gets a board it can read back.
    const joiner = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    clients.push(joiner)
    await joiner.synced()
    expect(() => Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(joiner.doc))).not.toThrow()
    expect(docJson(joiner.doc)).toEqual(docJson(stored))
    stored.destroy()
  })

  it('a refused write that carries structs with missing dependencies stores nothing the board cannot load', async () => {
    const board = await server.createBoard('Alkuperäinen')
    const writer = connectClient(server.syncUrl, board.id, board.tokens.participant)
    clients.push(writer)
    await writer.synced()
    const state = Y.encodeStateAsUpdate(writer.doc)

    // A participant may not retitle the board: this part is refused and reverted…
    const retitler = new Y.Doc()
    Y.applyUpdate(retitler, state)
    const retitles: Uint8Array[] = []
    retitler.on('update', (update: Uint8Array) => retitles.push(update))
    writeMeta(retitler, { title: 'Kaapattu' })
    // …and this part depends on a note the server never got: it cannot be integrated.
    const other = new Y.Doc()
    Y.applyUpdate(other, state)
    const notes: Uint8Array[] = []
    other.on('update', (update: Uint8Array) => notes.push(update))
    createNote(other, { ...author, x: 0, y: 0, text: 'never sent' })
    createNote(other, { ...author, x: 1, y: 0, text: 'depends on it' })

    const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await raw.opened
    raw.socket.send(updateMessage(Y.mergeUpdates([retitles[0]!, notes[1]!])))
    raw.socket.send(step1Message(Y.encodeStateVector(writer.doc)))
    await eventually(() => expect(raw.messages.length).toBeGreaterThan(2))
    createNote(writer.doc, { ...author, x: 2, y: 0, text: 'after' })
    await eventually(async () => {
      const stored = await storedDoc(board.id)
      try {
        expect(listNotes(stored).map((note) => note.text)).toEqual(['after'])
        expect(stored.getMap('meta').get('title')).toBe('Alkuperäinen')
        expect(stored.store.pendingStructs).toBeNull()
        expect(stored.store.pendingDs).toBeNull()
      } finally {
        stored.destroy()
      }
    })
    raw.socket.close()
  })
})
