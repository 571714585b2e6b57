import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Relay, RelayHandlers, RelaySubscription } from '../../server/relay/types.ts'
import { createNote, listNotes } from '@shared/board/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/**
 * How a room treats what the relay brings, with an in-memory relay standing for the other
 * processes: a relayed update whose dependencies never arrived (the relay lost an entry)
 * and an explicit resync both end with the room reloading what storage holds.
 */
class FakeRelay implements Relay {
  async publishBoardEvent(): Promise<void> {}
  onBoardEvent(): void {}
  readonly kind = 'redis' as const
  readonly handlers = new Map<string, RelayHandlers>()
  published: Uint8Array[] = []

  async subscribe(boardId: string, handlers: RelayHandlers): Promise<RelaySubscription> {
    this.handlers.set(boardId, handlers)
    return {
      publishUpdate: (update) => this.published.push(update),
      publishAwareness: () => undefined,
      unsubscribe: async () => {
        this.handlers.delete(boardId)
      },
    }
  }
  async ping() {}
  async close() {}
}

const author = { authorId: 'p9', authorName: 'Toinen solmu', color: '#fde68a', zone: null }

/** Two updates written "on another process", the second depending on the first. */
function otherProcessEdits(base: Uint8Array): { first: Uint8Array; second: Uint8Array } {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, base)
  const before = Y.encodeStateVector(doc)
  const id = createNote(doc, { ...author, x: 0, y: 0, text: 'from elsewhere' })
  const first = Y.encodeStateAsUpdate(doc, before)
  const middle = Y.encodeStateVector(doc)
  doc.getMap('notes').get(id) // the text grows in a second transaction on top of the first
  const text = (doc.getMap('notes').get(id) as Y.Map<unknown>).get('text') as Y.Text
  text.insert(text.length, ' and more')
  const second = Y.encodeStateAsUpdate(doc, middle)
  doc.destroy()
  return { first, second }
}

describe('relayed updates and resyncs in a room', () => {
  let server: TestServer
  let relay: FakeRelay
  const clients: TestClient[] = []

  beforeEach(async () => {
    relay = new FakeRelay()
    server = await startServer({}, { relay })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  async function boardWithClient() {
    const board = await server.createBoard()
    const client = connectClient(server.syncUrl, board.id, board.tokens.participant)
    clients.push(client)
    await client.synced()
    const stored = await server.app.storage.boards.loadBoardState(board.id)
    return { board, client, base: stored!.snapshot! }
  }

  it('applies and forwards a relayed update, without storing or relaying it again', async () => {
    const { board, client, base } = await boardWithClient()
    const { first } = otherProcessEdits(base)
    await server.app.storage.boards.appendUpdates([{ boardId: board.id, update: first }])
    relay.handlers.get(board.id)!.onUpdate(first)
    await eventually(() => expect(listNotes(client.doc).map((note) => note.text)).toEqual(['from elsewhere']))
    expect(relay.published).toHaveLength(0)
    expect((await server.app.storage.boards.loadBoardState(board.id))!.updates).toHaveLength(1)
  })

  it('reloads from storage when a relayed update depends on one the relay lost', async () => {
    const { board, client, base } = await boardWithClient()
    const { first, second } = otherProcessEdits(base)
    // Both are stored (the other process stored before relaying); only the second arrives.
    await server.app.storage.boards.appendUpdates([
      { boardId: board.id, update: first },
      { boardId: board.id, update: second },
    ])
    relay.handlers.get(board.id)!.onUpdate(second)
    await eventually(() => expect(listNotes(client.doc).map((note) => note.text)).toEqual(['from elsewhere and more']))
    // And the room holds no half-integrated tail: a local edit afterwards goes through normally.
    const room = await server.app.sync.rooms.peek(board.id)
    expect(room!.doc.store.pendingStructs).toBeNull()
    createNote(client.doc, { ...author, x: 5, y: 5, text: 'local' })
    await eventually(() => expect(relay.published.length).toBeGreaterThanOrEqual(1))
  })

  it('reloads from storage on an explicit resync', async () => {
    const { board, client, base } = await boardWithClient()
    const { first } = otherProcessEdits(base)
    await server.app.storage.boards.appendUpdates([{ boardId: board.id, update: first }])
    relay.handlers.get(board.id)!.onResync()
    await eventually(() => expect(listNotes(client.doc).map((note) => note.text)).toEqual(['from elsewhere']))
  })
})
