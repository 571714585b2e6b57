import { describe, expect, it } from 'vitest'
import { boardRoots, getNote } from '@shared/board/index.ts'
import { eventually } from '../helpers/poll.ts'
import { connectClient } from '../helpers/clients.ts'
import { addNotes } from '../helpers/seed-notes.ts'
import { useSessionServer } from '../helpers/sessions.ts'

/** Over the server's 1 MiB message limit (about 340 bytes a note), so the board comes in several messages. */
const NOTES = 4500

/**
 * A board's first sync in the web app's data layer (received-updates.ts): the document's
 * 'update' listeners get the bytes the server sent, not Yjs's encoding of them again, and
 * they are all in place afterwards (the provider sends the next edit).
 */
describe('first sync of a big board', () => {
  const suite = useSessionServer()

  it('takes the board in as received, in several messages, and sends the first edit after it', async () => {
    const board = await suite.server.createBoard('Big board')
    const seeder = connectClient(suite.server.syncUrl, board.id, board.tokens.facilitator)
    try {
      await seeder.synced()
      addNotes(seeder.doc, NOTES)

      // The whole board on the server before the session joins: its sync step 2 is then the board.
      const checker = connectClient(suite.server.syncUrl, board.id, board.tokens.participant)
      await eventually(() => expect(boardRoots(checker.doc).notes.size).toBe(NOTES), { timeoutMs: 30_000 })
      checker.destroy()

      const session = suite.open(board.id, board.tokens.participant, 'Pia')
      const fromServer: Uint8Array[] = []
      session.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === session.provider) fromServer.push(update)
      })
      await eventually(() => expect(session.stores.notes.size).toBe(NOTES), { timeoutMs: 30_000 })
      await suite.connected(session)

      expect(fromServer.length).toBeGreaterThan(1)
      // Received bytes are a view into the message they came in (after its header); an update
      // Yjs encoded would be an array of its own.
      for (const update of fromServer) expect(update.byteOffset).toBeGreaterThan(0)

      const id = session.writer.createNoteAt({ x: 50, y: 50 }, '#bfdbfe')
      await eventually(() => expect(getNote(seeder.doc, id)).not.toBeNull())
    } finally {
      seeder.destroy()
    }
  })
})
