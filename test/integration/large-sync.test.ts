import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, listNotes } from '@shared/board/index.ts'
import { CloseCode } from '@shared/protocol.ts'
import { connectClient, openRaw } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { step2Message, updateMessage } from '../helpers/protocol.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const MAX_MESSAGE_BYTES = 64 * 1024
const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('offline work larger than MAX_MESSAGE_BYTES', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({
      MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      MAX_SYNC_MESSAGE_BYTES: String(1 << 20),
    })
  })
  afterAll(async () => {
    await server.close()
  })

  it('syncs as one sync step 2; every message the server sends stays within MAX_MESSAGE_BYTES', async () => {
    const board = await server.createBoard()
    const watching: Uint8Array[] = []
    const watcher = connectClient(server.syncUrl, board.id, board.tokens.viewer, { received: watching })
    await watcher.synced()

    // 60 notes of 4,000 characters written offline: about 240 KB, sent as the sync step 2.
    const doc = new Y.Doc()
    for (let i = 0; i < 60; i++) createNote(doc, { ...author, x: i, y: 0, text: `${i} `.padEnd(4000, 'abc ') })
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(3 * MAX_MESSAGE_BYTES)
    const offline = connectClient(server.syncUrl, board.id, board.tokens.participant, { doc })
    await offline.synced()
    await eventually(() => expect(listNotes(watcher.doc)).toHaveLength(60))

    // A later small edit goes through too.
    createNote(offline.doc, { ...author, x: 100, y: 100, text: 'later' })
    await eventually(() => expect(listNotes(watcher.doc)).toHaveLength(61))

    // Someone joining now gets the whole board, in messages within the limit.
    const joining: Uint8Array[] = []
    const joiner = connectClient(server.syncUrl, board.id, board.tokens.viewer, { received: joining })
    await joiner.synced()
    expect(listNotes(joiner.doc)).toHaveLength(61)
    for (const message of [...watching, ...joining]) expect(message.byteLength).toBeLessThanOrEqual(MAX_MESSAGE_BYTES)
    for (const client of [watcher, offline, joiner]) client.destroy()
  })

  it('refuses (1009) a sync step 2 over MAX_SYNC_MESSAGE_BYTES, and any other message over MAX_MESSAGE_BYTES', async () => {
    const board = await server.createBoard()
    // The size is checked before anything is decoded: the content does not matter.
    for (const message of [step2Message(new Uint8Array(1 << 20)), updateMessage(new Uint8Array(MAX_MESSAGE_BYTES))]) {
      const raw = openRaw(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`)
      await raw.opened
      raw.socket.send(message)
      expect((await raw.closed).code).toBe(CloseCode.MessageTooBig)
    }
  })
})
