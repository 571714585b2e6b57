import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, updateNote } from '@shared/board/index.ts'
import { updateShapeProblem } from '../../server/sync/update-bytes.ts'

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

/** Every update a document emits while `edit` runs. */
function updatesOf(edit: (doc: Y.Doc) => void): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  edit(doc)
  return updates
}

/** What Y.decodeUpdate makes of an update: whether it throws, and whether any length is zero. */
function yjsVerdict(update: Uint8Array): 'throws' | 'zero' | 'sound' {
  let decoded
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return 'throws'
  }
  if (decoded.structs.some((struct) => !(struct.length >= 1))) return 'zero'
  for (const ranges of decoded.ds.clients.values()) if (ranges.some((range) => !(range.len >= 1))) return 'zero'
  return 'sound'
}

function scannerVerdict(update: Uint8Array): 'throws' | 'zero' | 'sound' {
  try {
    return updateShapeProblem(update) === null ? 'sound' : 'zero'
  } catch {
    return 'throws'
  }
}

/** A v1 update of one struct of the given kind and length (GC 0, Skip 10) and an empty delete set. */
function oneStruct(ref: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const n of [1, 1, 4242, 0]) encoding.writeVarUint(encoder, n)
  encoding.writeUint8(encoder, ref)
  encoding.writeVarUint(encoder, length)
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

function deletion(len: number): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const n of [0, 1, 4242, 1, 3, len]) encoding.writeVarUint(encoder, n)
  return encoding.toUint8Array(encoder)
}

describe('updateShapeProblem (reads the bytes once, without building structs)', () => {
  const real = updatesOf((doc) => {
    createNote(doc, { ...author, id: 'n1', x: 1, y: 2, text: 'Hei maailma – ääkköset 👋' })
    updateNote(doc, 'n1', { x: 3, y: 4 })
    doc.getText('t').insert(0, 'abc')
    doc.getText('t').delete(1, 1)
    doc.getArray<unknown>('a').insert(0, [1, 'two', { three: [3] }, new Uint8Array([4]), null, true])
    doc.getMap('m').set('bin', new Uint8Array([1, 2, 3]))
    doc.getMap('m').set('sub', new Y.Map())
    doc.getXmlFragment('x').insert(0, [new Y.XmlElement('p'), new Y.XmlText('text')])
    doc.getText('rich').insert(0, 'bold', { bold: true })
    doc.getText('rich').insertEmbed(4, { image: 'x.png' })
    doc.getMap('m').delete('bin')
  })

  it('passes every update a real document makes, merged or not', () => {
    for (const update of [...real, Y.mergeUpdates(real)]) expect(updateShapeProblem(update)).toBeNull()
  })

  it('names zero-length structs and deleted ranges', () => {
    expect(updateShapeProblem(oneStruct(0, 0))).toBe('a struct of length 0 (client 4242)')
    expect(updateShapeProblem(oneStruct(10, 0))).toBe('a struct of length 0 (client 4242)')
    expect(updateShapeProblem(oneStruct(0, 3))).toBeNull()
    expect(updateShapeProblem(deletion(0))).toBe('a deleted range of length 0 (client 4242)')
    expect(updateShapeProblem(deletion(2))).toBeNull()
  })

  it('throws where Y.decodeUpdate throws: truncated updates, unknown kinds', () => {
    expect(() => updateShapeProblem(oneStruct(11, 1))).toThrow()
    expect(() => updateShapeProblem(new Uint8Array([1, 1, 1, 0]))).toThrow()
    for (const update of real) {
      for (let cut = 0; cut < update.length; cut++) {
        const truncated = update.subarray(0, cut)
        expect(scannerVerdict(truncated), `cut at ${cut} of ${update.length}`).toBe(yjsVerdict(truncated))
      }
    }
  })

  it('agrees with Y.decodeUpdate on corrupted updates', () => {
    // A fixed pseudo-random sequence (mulberry32), so that a failure repeats.
    let seed = 17
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    let compared = 0
    for (let round = 0; round < 3000; round++) {
      const update = new Uint8Array(real[Math.floor(random() * real.length)]!)
      const flips = 1 + Math.floor(random() * 3)
      for (let i = 0; i < flips; i++) update[Math.floor(random() * update.length)] = Math.floor(random() * 256)
      const yjs = yjsVerdict(update)
      const ours = scannerVerdict(update)
      // What Yjs reads as sound passes, what it decodes with a zero length is named, and what
      // it cannot decode is refused too: as undecodable, or by the first zero length on the way
      // (the scanner stops there; Yjs reads on and meets the damage after it).
      if (yjs === 'throws') expect(ours, `round ${round}`).not.toBe('sound')
      else expect(ours, `round ${round}`).toBe(yjs)
      compared++
    }
    expect(compared).toBe(3000)
  })
})
