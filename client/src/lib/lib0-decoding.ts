import { readAny as lib0ReadAny, readVarUint, type Decoder } from 'lib0/decoding.js'
import { decodeUtf8 } from 'lib0/string'

/**
 * What the client's build uses in place of lib0's decoding module (client/vite.config.ts):
 * lib0's own, with its string reading made cheaper for the short strings a board is full of.
 *
 * Yjs reads every map key ("x", "color", a note's id), every text and every string value
 * through `readVarString`, which hands each one, however short, to TextDecoder. That call's
 * own cost, not the bytes, was 47 ms of the 270 ms the browser took to take in a board of
 * 10,000 notes (100,000 strings, most under 16 bytes). Here a short string that is plain
 * ASCII is read in JavaScript; anything else goes to lib0's own UTF-8 decoding as before, so
 * the result is the same in every case (malformed UTF-8 refused, a byte-order mark kept).
 */
export * from 'lib0/decoding.js'

/** Up to this many bytes, a string is tried as ASCII in JavaScript first. */
const SHORT_STRING_BYTES = 32

export const readVarString = (decoder: Decoder): string => {
  const length = readVarUint(decoder)
  const start = decoder.pos
  const end = start + length
  const bytes = decoder.arr
  if (end > bytes.length) throw new RangeError('Unexpected end of array')
  decoder.pos = end
  if (length <= SHORT_STRING_BYTES) {
    let text = ''
    let index = start
    for (; index < end; index++) {
      const byte = bytes[index] as number
      if (byte >= 0x80) break
      text += String.fromCharCode(byte)
    }
    if (index === end) return text
  }
  return decodeUtf8(bytes.subarray(start, end))
}

/** lib0's type tag for a string in `writeAny`'s encoding. */
const ANY_STRING = 119

/** lib0's readAny, its strings read as above (the values Yjs keeps in maps: colours, names). */
export const readAny = (decoder: Decoder): unknown => {
  if (decoder.arr[decoder.pos] !== ANY_STRING) return lib0ReadAny(decoder)
  decoder.pos++
  return readVarString(decoder)
}
