import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardRoots, createNote, deleteNotes, listNotes, noteText, updateNote } from '@shared/board/index.ts'
import { encodeSyncStep2Messages } from '../../server/sync/messages.ts'
import { scanUpdate, StoredState } from '../../server/sync/stored-state.ts'

const note = { x: 1, y: 2, color: '#fde68a', zone: null, authorId: 'a', authorName: 'A' }

/** A board written by several clients, with edits, deletions and text beyond the BMP. */
function board(): Y.Doc {
  const doc = new Y.Doc()
  for (let i = 0; i < 40; i++) createNote(doc, { ...note, id: `n${i}`, text: `note ${i} ✓ 😀 ${'x'.repeat(i)}` })
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  updateNote(other, 'n3', { x: 99 })
  noteText(other, 'n3')?.insert(2, 'changed 🎉')
  deleteNotes(other, ['n5', 'n6'])
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
  other.destroy()
  return doc
}

function json(doc: Y.Doc) {
  return Object.fromEntries(Object.keys(boardRoots(doc)).map((name) => [name, doc.getMap(name).toJSON()]))
}

function docOf(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

describe('StoredState: a board as bytes', () => {
  it("reads a document's encoding as a whole document, with the document's own state vector", () => {
    const doc = board()
    const stored = new StoredState(Y.encodeStateAsUpdate(doc))
    expect(stored.scan.whole).toBe(true)
    expect(Y.decodeStateVector(stored.encodedStateVector())).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
    expect(stored.encodedStateVector()).toEqual(Y.encodeStateVector(doc))
  })

  it('finds an update that is not a whole document: a gap, or a struct whose origin is missing', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 3; i++) createNote(doc, { ...note, id: `n${i}`, text: `t${i}` })
    // Without the first update: the rest starts past clock 0 and depends on what is missing.
    expect(scanUpdate(Y.mergeUpdates(updates.slice(1))).whole).toBe(false)
    // Without the middle one: a gap (a Skip) inside the client's run.
    expect(scanUpdate(Y.mergeUpdates([updates[0]!, updates[2]!])).whole).toBe(false)
    expect(scanUpdate(Y.mergeUpdates(updates)).whole).toBe(true)
  })

  it('reads a board that is split for its joiners in the same pass, to the same scan', () => {
    const doc = board()
    const bytes = Y.encodeStateAsUpdate(doc)
    const prepared = StoredState.prepare(bytes, 2048)
    const messages = prepared.cachedWholeBoard ?? []
    expect(messages.length).toBeGreaterThan(1)
    expect(messages).toEqual(encodeSyncStep2Messages(bytes, 2048))
    expect(prepared.scan).toEqual(scanUpdate(bytes))
    expect(prepared.scan.whole).toBe(true)
    expect(prepared.encodedStateVector()).toEqual(Y.encodeStateVector(doc))
    // A board that fits in one message is not split; its scan is made when first needed.
    expect(StoredState.prepare(bytes, 1 << 20).scan).toEqual(scanUpdate(bytes))
  })

  it('a joiner with nothing is sent the bytes themselves', () => {
    const bytes = Y.encodeStateAsUpdate(board())
    const [message, ...more] = new StoredState(bytes).wholeBoardMessages(1 << 20)
    expect(more).toHaveLength(0)
    // y-websocket's sync step 2: message type 0, sync type 1, then the update, length-prefixed.
    expect(message!.subarray(message!.byteLength - bytes.byteLength)).toEqual(bytes)
  })

  it("answers a returning client with exactly what it lacks: the same board as the document's own answer", () => {
    const doc = board()
    // A client that synced before the last note and the last deletion.
    const behind = docOf(Y.encodeStateAsUpdate(doc))
    createNote(doc, { ...note, id: 'late', text: 'late note' })
    deleteNotes(doc, ['n9'])
    const stored = new StoredState(Y.encodeStateAsUpdate(doc))
    const answer = stored.diff(Y.encodeStateVector(behind))
    expect(Y.decodeUpdate(answer).structs.length).toBeGreaterThan(0)
    Y.applyUpdate(behind, answer)
    expect(json(behind)).toEqual(json(doc))
    expect(listNotes(behind).map((n) => n.id)).toContain('late')
    // A client that has every struct gets the delete set alone, and ends equal too.
    const current = docOf(Y.encodeStateAsUpdate(doc))
    const deletesOnly = stored.diff(Y.encodeStateVector(current))
    expect(Y.decodeUpdate(deletesOnly).structs).toHaveLength(0)
    expect(Y.decodeUpdate(deletesOnly).ds.clients.size).toBeGreaterThan(0)
    Y.applyUpdate(current, deletesOnly)
    expect(json(current)).toEqual(json(doc))
  })

  it('knows an update that brings nothing new from one that does', () => {
    const doc = board()
    const stored = new StoredState(Y.encodeStateAsUpdate(doc))
    const client = docOf(Y.encodeStateAsUpdate(doc))
    // What a returning y-websocket client answers the server's sync step 1 with: nothing new
    // but its whole delete set.
    const nothingNew = Y.encodeStateAsUpdate(client, stored.encodedStateVector())
    expect(Y.decodeUpdate(nothingNew).ds.clients.size).toBeGreaterThan(0)
    expect(stored.contains(nothingNew)).toBe(true)
    expect(stored.contains(Y.encodeStateAsUpdate(doc))).toBe(true)
    expect(stored.contains(new Uint8Array([0, 0]))).toBe(true)

    const updates: Uint8Array[] = []
    client.on('update', (update: Uint8Array) => updates.push(update))
    updateNote(client, 'n2', { x: 5 })
    expect(stored.contains(updates.at(-1)!)).toBe(false)
    // A deletion of something the stored board still has is new too.
    deleteNotes(client, ['n7'])
    const deletion = updates.at(-1)!
    expect(stored.contains(deletion)).toBe(false)
    expect(stored.contains(new Uint8Array([1, 2, 3]))).toBe(false)
    expect(listNotes(client).some((n) => n.id === 'n7')).toBe(false)
  })
})
