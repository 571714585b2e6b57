import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, getNote, listNotes, updateNote } from '@shared/board/index.ts'
import { applyUpdateAsReceived } from '../../../client/src/board/data/received-updates.ts'

const author = { authorId: 'p', authorName: 'Aino', color: '#fde68a', zone: null }
const SERVER = { name: 'server' }

function boardWith(notes: number): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (let i = 0; i < notes; i++) createNote(doc, { ...author, id: `n${i}`, text: `note ${i}`, x: i, y: 0 })
  })
  return doc
}

/** Records every 'update' a document emits. */
function recordUpdates(doc: Y.Doc): { update: Uint8Array; origin: unknown }[] {
  const seen: { update: Uint8Array; origin: unknown }[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ update, origin }))
  return seen
}

describe('applyUpdateAsReceived', () => {
  it('gives the update listeners the received bytes, which rebuild the same board', () => {
    const server = boardWith(20)
    const received = Y.encodeStateAsUpdate(server)
    const client = new Y.Doc()
    const seen = recordUpdates(client)

    applyUpdateAsReceived(client, received, SERVER)

    expect(seen).toHaveLength(1)
    expect(seen[0]?.update).toBe(received) // the bytes themselves: Yjs did not encode them again
    expect(seen[0]?.origin).toBe(SERVER)
    const copy = new Y.Doc()
    for (const { update } of seen) Y.applyUpdate(copy, update)
    expect(listNotes(copy)).toEqual(listNotes(server))
    expect(listNotes(client)).toEqual(listNotes(server))
  })

  it('emits nothing for an update that brings nothing new, as Yjs would', () => {
    const server = boardWith(3)
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const seen = recordUpdates(client)

    applyUpdateAsReceived(client, Y.encodeStateAsUpdate(server), SERVER)

    expect(seen).toHaveLength(0)
  })

  it('still encodes and emits a write an observer makes while the update is taken in', () => {
    const server = boardWith(2)
    const client = new Y.Doc()
    // Reacts to the board's arrival with a local write (as publishing one's name does).
    client.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === SERVER) updateNote(client, 'n0', { x: 500 })
    })
    const seen = recordUpdates(client)

    applyUpdateAsReceived(client, Y.encodeStateAsUpdate(server), SERVER)

    expect(seen.map(({ origin }) => origin)).toEqual([SERVER, null])
    // The local write's update is Yjs's own: on the server it moves the note.
    Y.applyUpdate(server, seen[1]?.update as Uint8Array)
    expect(getNote(server, 'n0')?.x).toBe(500)
  })

  it('leaves the update listeners in place afterwards, also when the update is malformed', () => {
    const client = new Y.Doc()
    const seen = recordUpdates(client)

    expect(() => applyUpdateAsReceived(client, new Uint8Array([9, 9, 9]), SERVER)).toThrow()
    applyUpdateAsReceived(client, Y.encodeStateAsUpdate(boardWith(1)), SERVER)
    updateNote(client, 'n0', { x: 7 })

    expect(seen.map(({ origin }) => origin)).toEqual([SERVER, null])
  })
})
