import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, listNotes, updateNote } from '@shared/board/index.ts'
import { encodeUpdateMessage } from '../../server/sync/messages.ts'
import { splitUpdate } from '../../server/sync/split-update.ts'
import { docJson } from '../helpers/clients.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

/** A board written by three clients, with edits, moves and deleted notes. */
function busyBoard(): Y.Doc {
  const board = new Y.Doc()
  const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  writers.forEach((writer, w) => {
    for (let i = 0; i < 40; i++) {
      const id = createNote(writer, { ...author, x: i, y: w, text: `${w}/${i} `.padEnd(300, 'xyz ') })
      if (i % 3 === 0) updateNote(writer, id, { x: i * 10, y: w * 10 })
      if (i % 7 === 0) writer.getMap('notes').delete(id)
    }
    Y.applyUpdate(board, Y.encodeStateAsUpdate(writer))
  })
  return board
}

function rebuilt(pieces: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const piece of pieces) Y.applyUpdate(doc, piece)
  return doc
}

describe('splitUpdate', () => {
  it('cuts an update into pieces within the limit that together are the same document', () => {
    const board = busyBoard()
    const update = Y.encodeStateAsUpdate(board)
    const limit = 4096
    const pieces = splitUpdate(update, limit)
    expect(pieces.length).toBeGreaterThan(update.byteLength / limit)
    for (const piece of pieces) expect(encodeUpdateMessage(piece).byteLength).toBeLessThanOrEqual(limit)
    const doc = rebuilt(pieces)
    expect(docJson(doc)).toEqual(docJson(board))
    expect(doc.store.pendingStructs).toBeNull()
    expect(doc.store.pendingDs).toBeNull()
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(board))
  })

  it('gives the same document whatever order the pieces arrive in', () => {
    const board = busyBoard()
    const pieces = splitUpdate(Y.encodeStateAsUpdate(board), 2048)
    const doc = rebuilt([...pieces].reverse())
    expect(docJson(doc)).toEqual(docJson(board))
    expect(doc.store.pendingStructs).toBeNull()
  })

  it('splits a diff against a state vector and a merged update with gaps', () => {
    const board = busyBoard()
    const earlier = new Y.Doc()
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(board))
    // One client writes three times; the middle update is delivered separately.
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 30; i++) createNote(writer, { ...author, x: i, y: 9, text: 'n'.repeat(200) })
    const gapped = Y.mergeUpdates([...updates.slice(0, 10), ...updates.slice(20)])
    const pieces = splitUpdate(gapped, 1500)
    expect(pieces.length).toBeGreaterThan(1)
    const doc = new Y.Doc()
    for (const piece of pieces) Y.applyUpdate(doc, piece)
    Y.applyUpdate(doc, Y.mergeUpdates(updates.slice(10, 20)))
    expect(docJson(doc)).toEqual(docJson(writer))

    const diff = Y.encodeStateAsUpdate(board, Y.encodeStateVector(earlier))
    expect(docJson(rebuilt([Y.encodeStateAsUpdate(earlier), ...splitUpdate(diff, 1024)]))).toEqual(docJson(board))
  })

  it('sends a single struct larger than the limit alone', () => {
    const doc = new Y.Doc()
    createNote(doc, { ...author, x: 0, y: 0, text: 'big '.repeat(1000) })
    createNote(doc, { ...author, x: 1, y: 1, text: 'small' })
    const pieces = splitUpdate(Y.encodeStateAsUpdate(doc), 1024)
    expect(pieces.filter((piece) => encodeUpdateMessage(piece).byteLength > 1024)).toHaveLength(1)
    expect(
      listNotes(rebuilt(pieces))
        .map((note) => note.text.length)
        .sort((a, b) => a - b),
    ).toEqual([5, 4000])
  })
})

describe('splitUpdate, every kind of content', () => {
  it('reads past strings of any script, formats, binaries, embedded JSON, XML and subdocuments', () => {
    const board = new Y.Doc()
    const text = board.getText('text')
    const list = board.getArray<unknown>('list')
    const xml = board.getXmlFragment('xml')
    for (let i = 0; i < 60; i++) {
      text.insert(text.length, `Äiti 👩‍👧 ${i} 漢字 `.repeat(4), i % 2 ? { bold: true } : {})
      text.insertEmbed(text.length, { image: `pic-${i}` })
      list.push([new Uint8Array([i, 1, 2, 3]), { n: i, nested: ['ö', null] }, `🙂${i}`])
      xml.push([new Y.XmlElement(`p${i}`), new Y.XmlText(`x${i}`)])
      list.push([new Y.Doc({ guid: `sub-${i}` })])
    }
    text.delete(3, 40)
    list.delete(5, 10)
    const update = Y.encodeStateAsUpdate(board)
    const pieces = splitUpdate(update, 1024)
    expect(pieces.length).toBeGreaterThan(update.byteLength / 1024)
    for (const piece of pieces) expect(encodeUpdateMessage(piece).byteLength).toBeLessThanOrEqual(1024)
    const doc = rebuilt(pieces)
    expect(doc.getText('text').toDelta()).toEqual(text.toDelta())
    expect(doc.getArray('list').length).toBe(list.length)
    expect(doc.getXmlFragment('xml').toJSON()).toBe(xml.toJSON())
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(board))
    expect(doc.store.pendingStructs).toBeNull()
  })
})
