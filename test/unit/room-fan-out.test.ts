import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, listNotes, updateNote } from '@shared/board/index.ts'
import { encodeSyncStep2, encodeUpdateMessage } from '../../server/sync/messages.ts'
import { clientUpdate, roomWithClients, updatesIn } from '../helpers/board-room.ts'

const note = { x: 1, y: 2, color: '#fde68a', zone: null, authorId: 'a', authorName: 'A' }

describe('BoardRoom fan-out', () => {
  it('sends nothing before the flush is durable, then one merged message per connection', async () => {
    const { room, sockets, conns } = await roomWithClients(['participant', 'participant', 'participant'])
    const fromA = clientUpdate((doc) => createNote(doc, { ...note, id: 'n-a' }))
    const fromB = clientUpdate((doc) => createNote(doc, { ...note, id: 'n-b' }))
    room.receive(conns[0]!, encodeUpdateMessage(fromA))
    room.receive(conns[1]!, encodeSyncStep2(fromB))
    expect(sockets.map((s) => updatesIn(s.sent).length)).toEqual([0, 0, 0])

    const batch = room.beginFlush()
    expect(batch?.updates).toHaveLength(2)
    expect(sockets.map((s) => updatesIn(s.sent).length)).toEqual([0, 0, 0])
    batch?.complete()
    // One message each, the two writers included, carrying both notes.
    expect(sockets.map((s) => updatesIn(s.sent).length)).toEqual([1, 1, 1])
    for (const socket of sockets) {
      const replica = new Y.Doc()
      Y.applyUpdate(replica, updatesIn(socket.sent)[0]!)
      expect(
        listNotes(replica)
          .map((n) => n.id)
          .sort(),
      ).toEqual(['n-a', 'n-b'])
    }
  })

  it('sends a lone update to everyone but its writer', async () => {
    const { room, sockets, conns } = await roomWithClients(['participant', 'participant', 'viewer'])
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    createNote(doc, { ...note, id: 'n-a' })
    updateNote(doc, 'n-a', { x: 50 })
    room.receive(conns[0]!, encodeUpdateMessage(updates[0]!))
    room.beginFlush()?.complete()
    room.receive(conns[0]!, encodeUpdateMessage(updates[1]!))
    room.beginFlush()?.complete()
    expect(sockets.map((s) => updatesIn(s.sent).length)).toEqual([0, 2, 2])
    const replica = new Y.Doc()
    for (const update of updatesIn(sockets[2]!.sent)) Y.applyUpdate(replica, update)
    expect(listNotes(replica)[0]?.x).toBe(50)
  })
})

describe('BoardRoom stores a client update message as it was sent', () => {
  /** The room's document as the stored updates give it. */
  function storedDoc(stored: readonly Uint8Array[]): Y.Doc {
    const doc = new Y.Doc()
    for (const update of stored) Y.applyUpdate(doc, update)
    return doc
  }

  it('stores and passes on the same bytes, without Yjs encoding the change again', async () => {
    const { room, sockets, conns } = await roomWithClients(['participant', 'viewer'])
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    createNote(writer, { ...note, id: 'n-a' })
    room.receive(conns[0]!, encodeUpdateMessage(updates[0]!))
    room.beginFlush()?.complete()
    // A message that repeats what the room has: Yjs would encode only the move; the bytes as
    // sent carry both (the repeat is a no-op wherever it is applied).
    updateNote(writer, 'n-a', { x: 50 })
    const sent = Y.mergeUpdates(updates)
    room.receive(conns[0]!, encodeUpdateMessage(sent))
    const batch = room.beginFlush()
    expect(batch?.updates).toEqual([sent])
    batch?.complete()
    expect(updatesIn(sockets[1]!.sent)).toEqual([updates[0], sent])
  })

  it('stores only what integrated when part of an update waits for a missing dependency', async () => {
    const { room, conns } = await roomWithClients(['participant', 'participant'])
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    createNote(writer, { ...note, id: 'n-a' })
    updateNote(writer, 'n-a', { x: 50 })
    const [created, moved] = updates as [Uint8Array, Uint8Array]
    // Another note (which integrates) and the move of a note the room has not seen (which waits).
    const other = clientUpdate((doc) => createNote(doc, { ...note, id: 'n-b' }))
    room.receive(conns[1]!, encodeUpdateMessage(Y.mergeUpdates([other, moved])))
    const first = room.beginFlush()
    expect(first?.updates).toHaveLength(1)
    first?.complete()
    const partial = storedDoc(first!.updates)
    expect(listNotes(partial).map((n) => n.id)).toEqual(['n-b'])
    expect(partial.store.pendingStructs).toBeNull()
    expect(partial.store.pendingDs).toBeNull()

    // The waiting part is not kept (missing-dependencies.ts): the client sends it again when
    // asked, and once its dependency has arrived it integrates and is stored as sent.
    room.receive(conns[0]!, encodeUpdateMessage(created))
    const second = room.beginFlush()
    second?.complete()
    room.receive(conns[1]!, encodeUpdateMessage(moved))
    const third = room.beginFlush()
    expect(third?.updates).toEqual([moved])
    third?.complete()
    const whole = storedDoc([...first!.updates, ...second!.updates, ...third!.updates])
    expect(
      listNotes(whole)
        .map((n) => `${n.id}@${n.x}`)
        .sort(),
    ).toEqual(['n-a@50', 'n-b@1'])
  })

  it('stores nothing for an update the room already has', async () => {
    const { room, sockets, conns } = await roomWithClients(['participant', 'viewer'])
    const update = clientUpdate((doc) => createNote(doc, { ...note, id: 'n-a' }))
    room.receive(conns[0]!, encodeUpdateMessage(update))
    room.beginFlush()?.complete()
    room.receive(conns[0]!, encodeUpdateMessage(update))
    expect(room.beginFlush()).toBeNull()
    expect(updatesIn(sockets[1]!.sent)).toHaveLength(1)
  })
})

describe('BoardRoom stores a large update message as Yjs encodes what it changed', () => {
  it('stores only the new part of a large message that repeats what the board has', async () => {
    const { room, conns } = await roomWithClients(['participant', 'viewer'])
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.transact(() => {
      for (let i = 0; i < 40; i++) createNote(writer, { ...note, id: `n-${i}`, text: `${i} ${'x'.repeat(100)}` })
    })
    room.receive(conns[0]!, encodeUpdateMessage(updates[0]!))
    room.beginFlush()?.complete()
    // The client's whole copy (as an offline copy loaded after connecting is sent) plus a move.
    updateNote(writer, 'n-0', { x: 50 })
    const whole = Y.encodeStateAsUpdate(writer)
    expect(whole.byteLength).toBeGreaterThan(4096)
    room.receive(conns[0]!, encodeUpdateMessage(whole))
    const batch = room.beginFlush()
    expect(batch?.updates).toHaveLength(1)
    expect(batch!.updates[0]!.byteLength).toBeLessThan(1000)
    batch?.complete()
  })
})
