import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNote, listNotes } from '@shared/board/index.ts'
import { SyncMessageType } from '@shared/protocol.ts'
import { connectClient } from '../helpers/clients.ts'
import { CLIENT_VERSIONS, connectVersionedClient, countSync, serverRoundTrip } from '../helpers/client-versions.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { MAX_RESYNCS_PER_GAP } from '../../server/sync/missing-dependencies.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

describe('a client whose document holds an update with a missing dependency', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })

  for (const version of CLIENT_VERSIONS) {
    it(`y-websocket ${version}: the server asks for the missing part a few times, then stops; the connection stays usable`, async () => {
      const board = await server.createBoard()
      // A note written elsewhere in two steps; this client got only the second (a lost message).
      const elsewhere = new Y.Doc()
      const updates: Uint8Array[] = []
      elsewhere.on('update', (update: Uint8Array) => updates.push(update))
      createNote(elsewhere, { ...author, x: 0, y: 0, text: 'first' })
      createNote(elsewhere, { ...author, x: 1, y: 1, text: 'second' })
      const doc = new Y.Doc()
      Y.applyUpdate(doc, updates[updates.length - 1]!)
      expect(doc.store.pendingStructs).not.toBeNull()

      const client = connectVersionedClient(
        version,
        server.syncUrl,
        board.id,
        { token: board.tokens.participant },
        { doc },
      )
      await client.synced()
      // Every client step 2 still carries the pending update; a looping server asks again each time.
      let requests = countSync(client.received, SyncMessageType.Step1)
      for (let stable = 0, trips = 0; stable < 2; trips++) {
        expect(trips, `resync requests kept coming: ${requests}`).toBeLessThan(12)
        await serverRoundTrip(client, client.received)
        const now = countSync(client.received, SyncMessageType.Step1)
        stable = now === requests ? stable + 1 : 0
        requests = now
      }
      // The join's sync step 1 plus at most MAX_RESYNCS_PER_GAP requests for the same gap.
      expect(requests - 1).toBeGreaterThanOrEqual(1)
      expect(requests - 1).toBeLessThanOrEqual(MAX_RESYNCS_PER_GAP)

      // Still a working connection both ways.
      const other = connectClient(server.syncUrl, board.id, board.tokens.participant)
      await other.synced()
      createNote(other.doc, { ...author, x: 5, y: 5, text: 'from the other' })
      createNote(client.doc, { ...author, x: 6, y: 6, text: 'from the stuck one' })
      await eventually(() => {
        expect(listNotes(client.doc).map((note) => note.text)).toContain('from the other')
        expect(listNotes(other.doc).map((note) => note.text)).toContain('from the stuck one')
      })
      other.destroy()
      client.destroy()
    })
  }
})
