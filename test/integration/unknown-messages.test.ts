import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, listNotes } from '@shared/board/index.ts'
import { CloseCode, SyncMessageType } from '@shared/protocol.ts'
import { connectClient, openRaw } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { decodeServerMessage, step1Message, updateMessage } from '../helpers/protocol.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('messages the server does not know', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('ignores unknown message types and sync message types; the connection goes on', async () => {
    const board = await server.createBoard()
    const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await raw.opened
    raw.socket.send(new Uint8Array([9]))
    raw.socket.send(new Uint8Array([100, 3, 1, 2, 3]))
    raw.socket.send(new Uint8Array([0, 7, 0xff, 0xff]))
    // A known message after them still works: an update, and a sync step 1 answered.
    const doc = new Y.Doc()
    createNote(doc, { ...author, x: 0, y: 0, text: 'after the unknown ones' })
    raw.socket.send(updateMessage(Y.encodeStateAsUpdate(doc)))
    raw.socket.send(step1Message(Y.encodeStateVector(new Y.Doc())))
    await eventually(() =>
      expect(
        raw.messages.map(decodeServerMessage).some((m) => m.type === 'sync' && m.syncType === SyncMessageType.Step2),
      ).toBe(true),
    )
    const reader = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    await eventually(() => expect(listNotes(reader.doc).map((note) => note.text)).toEqual(['after the unknown ones']))
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)
    reader.destroy()
    raw.socket.close()
  })

  it('closes 1003 for a malformed message of a known type', async () => {
    const board = await server.createBoard()
    const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
    await raw.opened
    raw.socket.send(updateMessage(new Uint8Array([1, 1, 200, 7])))
    expect((await raw.closed).code).toBe(CloseCode.Unsupported)
  })
})
