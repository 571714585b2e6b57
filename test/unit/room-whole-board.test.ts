import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, listNotes, updateNote } from '@shared/board/index.ts'
import { encodeSyncStep1Of, encodeUpdateMessage } from '../../server/sync/messages.ts'
import type { BoardRoom } from '../../server/sync/room.ts'
import { boardPayloadsIn, clientUpdate, joinRoom, roomWithClients } from '../helpers/board-room.ts'

const note = { x: 1, y: 2, color: '#fde68a', zone: null, authorId: 'a', authorName: 'A' }
const EMPTY_STATE_VECTOR = new Uint8Array([0])

/** A new client with nothing asks for the board; returns what it was sent and its document. */
function joinWithNothing(room: BoardRoom): { sent: Uint8Array[]; doc: Y.Doc } {
  const { socket, conn } = joinRoom(room, 'participant')
  room.receive(conn, encodeSyncStep1Of(EMPTY_STATE_VECTOR))
  room.beginFlush()?.complete()
  const doc = new Y.Doc()
  for (const payload of boardPayloadsIn(socket.sent)) Y.applyUpdate(doc, payload)
  return { sent: [...socket.sent], doc }
}

/** A writer's document and the room connection it writes through, every edit stored at once. */
function writerIn(room: BoardRoom, conn: Parameters<BoardRoom['receive']>[0]) {
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => {
    room.receive(conn, encodeUpdateMessage(update))
    room.beginFlush()?.complete()
  })
  return doc
}

function sameBoard(a: Y.Doc, b: Y.Doc): void {
  expect(listNotes(a)).toEqual(listNotes(b))
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
}

const bytesOf = (messages: readonly Uint8Array[]) => Buffer.concat(messages.map((message) => Buffer.from(message)))

/**
 * The answer to a joiner with nothing (server/sync/room.ts, #wholeBoard): made once, and kept
 * across clients' edits as the board then plus the edits since, so that joiners of a busy big
 * board do not each cost an encoding of the whole board.
 */
describe('BoardRoom answers a joiner with nothing from the board it encoded before', () => {
  it('sends the same encoded board after clients’ edits, then the edits, and the joiner has the room’s board', async () => {
    const { room, conns } = await roomWithClients(['participant'])
    const writer = writerIn(room, conns[0]!)
    for (let i = 0; i < 40; i++) createNote(writer, { ...note, id: `n-${i}`, text: `note ${i} with a few words` })
    const first = joinWithNothing(room)
    sameBoard(first.doc, room.doc)

    updateNote(writer, 'n-3', { x: 300 })
    updateNote(writer, 'n-7', { y: 700 })
    createNote(writer, { ...note, id: 'n-new', text: 'written after the first joiner' })
    const second = joinWithNothing(room)
    // Not encoded again: the very same message leads the answer.
    expect(second.sent[0]).toBe(first.sent[0])
    expect(second.sent.length).toBeGreaterThan(first.sent.length)
    sameBoard(second.doc, room.doc)
    expect(listNotes(second.doc).find((n) => n.id === 'n-3')?.x).toBe(300)

    // A third joiner gets the edits merged once, the same bytes as the second.
    const third = joinWithNothing(room)
    expect(third.sent).toEqual(second.sent)
    sameBoard(third.doc, room.doc)
  })

  it('sends a refused write on only as its reversal, never the refused content', async () => {
    const { room, conns } = await roomWithClients(['participant', 'viewer'])
    const writer = writerIn(room, conns[0]!)
    for (let i = 0; i < 20; i++) createNote(writer, { ...note, id: `n-${i}`, text: `note ${i}` })
    const first = joinWithNothing(room)
    // A viewer may not write: the room integrates, refuses and reverts it.
    const refused = clientUpdate((doc) => createNote(doc, { ...note, id: 'n-viewer', text: 'SECRET-VIEWER-TEXT' }))
    room.receive(conns[1]!, encodeUpdateMessage(refused))
    room.beginFlush()?.complete()
    createNote(writer, { ...note, id: 'n-after', text: 'after the refusal' })

    const second = joinWithNothing(room)
    expect(second.sent[0]).toBe(first.sent[0])
    expect(bytesOf(second.sent).includes('SECRET-VIEWER-TEXT')).toBe(false)
    expect(listNotes(second.doc).map((n) => n.id)).not.toContain('n-viewer')
    sameBoard(second.doc, room.doc)
  })

  it('makes the answer anew after a write of the server’s own (an erasure must not send the old text on)', async () => {
    const { room, conns } = await roomWithClients(['participant'])
    const writer = writerIn(room, conns[0]!)
    for (let i = 0; i < 20; i++)
      createNote(writer, { ...note, id: `n-${i}`, text: i === 5 ? 'Ask Kuusjärvi' : `n ${i}` })
    const first = joinWithNothing(room)
    expect(bytesOf(first.sent).includes('Kuusjärvi')).toBe(true)
    room.transact((doc) => {
      const text = (doc.getMap('notes').get('n-5') as Y.Map<unknown>).get('text') as Y.Text
      text.delete(0, text.length)
      text.insert(0, 'Ask [erased]')
    })
    room.beginFlush()?.complete()

    const second = joinWithNothing(room)
    expect(second.sent[0]).not.toBe(first.sent[0])
    expect(bytesOf(second.sent).includes('Kuusjärvi')).toBe(false)
    sameBoard(second.doc, room.doc)
  })

  it('makes the answer anew once the edits since outgrow a quarter of the board', async () => {
    const { room, conns } = await roomWithClients(['participant'])
    const writer = writerIn(room, conns[0]!)
    for (let i = 0; i < 10; i++) createNote(writer, { ...note, id: `n-${i}` })
    const first = joinWithNothing(room)
    const boardBytes = bytesOf(first.sent).byteLength
    // Moves of about 30 bytes each, well past a quarter of the board's bytes.
    for (let i = 0; boardBytes / 4 > i * 10; i++) updateNote(writer, `n-${i % 10}`, { x: i })
    const second = joinWithNothing(room)
    expect(second.sent[0]).not.toBe(first.sent[0])
    // One message again: the board as it is, with no edits after it.
    expect(second.sent).toHaveLength(1)
    sameBoard(second.doc, room.doc)
  })

  it('prepares the answer ahead of its joiner: one coming after an edit gets the board made before it, then the edit', async () => {
    const { room, conns } = await roomWithClients(['participant'])
    const writer = writerIn(room, conns[0]!)
    for (let i = 0; i < 20; i++) createNote(writer, { ...note, id: `n-${i}`, text: `note ${i}` })
    // A ticket was issued (RoomRegistry.preload): the room makes the answer now.
    room.prepareWholeBoard()
    updateNote(writer, 'n-4', { x: 444 })

    const joiner = joinWithNothing(room)
    // Made before the edit: the edit follows the board as an update of its own, which an
    // answer made when the joiner asked would not have needed.
    expect(joiner.sent.length).toBeGreaterThan(1)
    expect(listNotes(joiner.doc).find((n) => n.id === 'n-4')?.x).toBe(444)
    sameBoard(joiner.doc, room.doc)
    // Prepared again, it is kept as it is.
    room.prepareWholeBoard()
    expect(joinWithNothing(room).sent[0]).toBe(joiner.sent[0])
  })
})
