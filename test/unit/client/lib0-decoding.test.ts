import * as lib0 from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readAny, readVarString } from '../../../client/src/lib/lib0-decoding.ts'
import { createNote } from '@shared/board/index.ts'

/** The bytes lib0 writes for these strings, one after another. */
function encoded(strings: readonly string[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const text of strings) encoding.writeVarString(encoder, text)
  return encoding.toUint8Array(encoder)
}

const readAll = (read: (decoder: lib0.Decoder) => unknown, bytes: Uint8Array, count: number) => {
  const decoder = lib0.createDecoder(bytes)
  const out = Array.from({ length: count }, () => read(decoder))
  return { out, pos: decoder.pos }
}

/**
 * The client's build reads Yjs's strings with client/src/lib/lib0-decoding.ts instead of
 * lib0's (a TextDecoder call per short string cost a quarter of taking a big board in): it must
 * read exactly what lib0 reads, and leave the decoder where lib0 would.
 */
describe('the client’s string reading for Yjs', () => {
  it('reads what lib0 reads: short and long, ASCII and not, empty', () => {
    const strings = [
      '',
      'x',
      'color',
      'EizAblkXZHsu',
      '#fde68a',
      'Kuusjärvi',
      'Ideoita 💡',
      'å',
      'a'.repeat(32),
      'b'.repeat(33),
      'Idea '.repeat(100),
    ]
    const bytes = encoded(strings)
    expect(readAll(readVarString, bytes, strings.length)).toEqual(readAll(lib0.readVarString, bytes, strings.length))
    expect(readAll(readVarString, bytes, strings.length).out).toEqual(strings)
  })

  it('refuses malformed UTF-8 as lib0 does, keeps a byte-order mark, and refuses a string past the end', () => {
    // A length of 3, then a lone continuation byte and two ASCII letters.
    const malformed = new Uint8Array([3, 0x80, 0x61, 0x62])
    expect(() => lib0.readVarString(lib0.createDecoder(malformed))).toThrow()
    expect(() => readVarString(lib0.createDecoder(malformed))).toThrow()
    const marked = encoded(['\uFEFFnote'])
    expect(readVarString(lib0.createDecoder(marked))).toBe('\uFEFFnote')
    expect(() => readVarString(lib0.createDecoder(new Uint8Array([5, 0x61])))).toThrow(RangeError)
  })

  it('reads every kind of value lib0 writes with writeAny, strings through its own reading', () => {
    const values = [
      'short',
      'Kuusjärvi',
      42,
      -1.5,
      true,
      false,
      null,
      undefined,
      { x: 1, name: 'n' },
      [1, 'two'],
      2n ** 40n,
    ]
    const encoder = encoding.createEncoder()
    for (const value of values) encoding.writeAny(encoder, value)
    const bytes = encoding.toUint8Array(encoder)
    expect(readAll(readAny, bytes, values.length)).toEqual(readAll(lib0.readAny, bytes, values.length))
  })

  it('reads a whole board’s update the same, string by string', () => {
    const doc = new Y.Doc()
    for (let i = 0; i < 50; i++)
      createNote(doc, {
        x: i,
        y: i,
        color: '#fde68a',
        text: `Idea ${i}: kirjasto`,
        zone: null,
        authorId: 'a',
        authorName: 'Åsa',
      })
    const update = Y.encodeStateAsUpdate(doc)
    // Every string the update holds, wherever it starts: both readers agree on each.
    let compared = 0
    for (let start = 0; start < update.length; start++) {
      const ours = lib0.createDecoder(update.subarray(start))
      const theirs = lib0.createDecoder(update.subarray(start))
      let expected: unknown
      try {
        expected = lib0.readVarString(theirs)
      } catch {
        expect(() => readVarString(ours)).toThrow()
        continue
      }
      expect(readVarString(ours)).toBe(expected)
      expect(ours.pos).toBe(theirs.pos)
      compared++
    }
    // Each note alone holds ten strings: the walk met them all, and more.
    expect(compared).toBeGreaterThan(500)
  })
})
