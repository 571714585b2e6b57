import * as Y from 'yjs'
import {
  createNote,
  createZone,
  deleteNotes,
  noteText,
  setVotes,
  updateNote,
  writeMeta,
  writeSession,
} from '@shared/board/index.ts'
import { awarenessMessage, step1Message, step2Message, updateMessage } from '../helpers/protocol.ts'
import type { SeededRandom } from './random.ts'

/**
 * The seeds the fuzzer mutates: real y-websocket messages a client of this board could send,
 * built on the board's current state by a document of the fuzzer's own (never sent as such
 * by an honest client). Notes created, edited, moved, resized, put in a zone, voted on and
 * deleted; a zone, the title and the session changed (refused for a participant); whole states,
 * merged and obfuscated updates, V2 updates in V1 frames; state vectors; awareness; the small
 * messages.
 */
export function buildCorpus(boardState: Uint8Array, random: SeededRandom): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 1 + random.int(0x7ffffff0)
  Y.applyUpdate(doc, boardState)
  const baseVector = Y.encodeStateVector(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))

  const author = { authorId: `fz${random.int(1e6)}`, authorName: 'Fuzz', color: '#fde68a', zone: null }
  const ids: string[] = []
  for (let i = 0; i < 6; i++) {
    ids.push(createNote(doc, { ...author, id: `fuzz${random.int(1e9)}n${i}`, x: i * 10, y: 0, text: `seed ${i}` }))
  }
  for (const id of ids.slice(0, 3)) {
    const text = noteText(doc, id)
    doc.transact(() => text?.insert(Math.min(2, text.length), 'ääkköset ✓ '))
    doc.transact(() => text?.delete(0, 1))
    updateNote(doc, id, { x: random.int(2000) - 1000, y: random.int(2000) - 1000 })
  }
  // Notes are created without width, height and zone at their defaults: written here, so that
  // the mutated seeds reach those fields too.
  updateNote(doc, ids[3]!, { width: 240, height: 200, zone: 'fuzz-zone' })
  updateNote(doc, ids[4]!, { zone: null })
  setVotes(doc, ids[1]!, author.authorId, 2)
  deleteNotes(doc, [ids[5]!])
  createZone(doc, { title: 'Fuzz', x: 0, y: 0, width: 300, height: 200, color: '#bfdbfe', kind: 'frame', prompt: '' })
  writeMeta(doc, { title: 'Fuzzed title' })
  writeSession(doc, { locked: true })

  const whole = Y.encodeStateAsUpdate(doc)
  const messages: Uint8Array[] = []
  for (const update of updates) messages.push(updateMessage(update), step2Message(update))
  messages.push(
    step2Message(whole),
    updateMessage(Y.mergeUpdates(updates.slice(0, 4))),
    updateMessage(Y.diffUpdate(whole, baseVector)),
    updateMessage(Y.encodeStateAsUpdateV2(doc, baseVector)),
    updateMessage(Y.obfuscateUpdate(updates[0]!)),
    updateMessage(Y.obfuscateUpdate(Y.diffUpdate(whole, baseVector))),
    step1Message(baseVector),
    step1Message(Y.encodeStateVector(doc)),
    step1Message(new Uint8Array([0])),
    awarenessMessage([{ clientId: doc.clientID, clock: 1, state: { user: { name: 'Fuzz', color: '#f00' } } }]),
    awarenessMessage([
      { clientId: doc.clientID, clock: 2, state: { cursor: { x: 1, y: 2 } } },
      { clientId: doc.clientID + 1, clock: 1, state: null },
    ]),
    new Uint8Array([3]),
    new Uint8Array([2, 0, 1, 120]),
  )
  doc.destroy()
  return messages
}
