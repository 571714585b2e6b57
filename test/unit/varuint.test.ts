import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { putVarUint, varUintLength } from '../../server/sync/varuint.ts'

/** Around every byte-length boundary, the largest safe integer and Yjs's 32-bit client ids. */
const VALUES = [
  0,
  1,
  127,
  128,
  255,
  16_383,
  16_384,
  2 ** 21 - 1,
  2 ** 21,
  2 ** 28,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32 + 5,
  2 ** 49 + 3,
  Number.MAX_SAFE_INTEGER,
]

describe('varuint (writing into a buffer of known size)', () => {
  it.each(VALUES)('writes %d as lib0 does, in the bytes it says it takes', (value) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, value)
    const expected = encoding.toUint8Array(encoder)
    expect(varUintLength(value)).toBe(expected.byteLength)
    const target = new Uint8Array(expected.byteLength + 2).fill(0xee)
    expect(putVarUint(target, 1, value)).toBe(1 + expected.byteLength)
    expect(target.subarray(1, 1 + expected.byteLength)).toEqual(expected)
    // Nothing written outside its bytes.
    expect(target[0]).toBe(0xee)
    expect(target.at(-1)).toBe(0xee)
  })
})
