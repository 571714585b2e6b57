/**
 * lib0's variable-length unsigned integers (7 bits a byte, low bits first), written straight
 * into a buffer whose size is known beforehand: a message or an update piece is then made
 * in one allocation and one copy of its payload, instead of growing a lib0 encoder's buffers
 * and concatenating them (a 50,000-note board's answer is 15 MB).
 */

/** How many bytes `value` takes. */
export function varUintLength(value: number): number {
  let length = 1
  while (value > 0x7f) {
    value = Math.floor(value / 128)
    length++
  }
  return length
}

/** Writes `value` at `offset`; returns the offset after it. */
export function putVarUint(target: Uint8Array, offset: number, value: number): number {
  while (value > 0x7f) {
    target[offset++] = 0x80 | (value & 0x7f)
    value = Math.floor(value / 128)
  }
  target[offset++] = value
  return offset
}
