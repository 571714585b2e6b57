import * as decoding from 'lib0/decoding'
import {
  GC_REF,
  SKIP_REF,
  BIT6,
  ORIGIN_BIT,
  RIGHT_ORIGIN_BIT,
  Content,
  XML_ELEMENT_REF,
  XML_HOOK_REF,
} from './update-format.ts'

/**
 * Reading a Yjs update (v1 encoding) at the byte level: struct by struct, without building
 * Yjs structs or decoding their contents. The v1 format writes each struct whole and
 * independent of its neighbours, so a reader only has to know how long each one is. Used to
 * split an update into messages (split-update.ts) and to answer questions about a stored
 * board without building its document (stored-state.ts).
 */

/** lib0's `any` encoding: the tag byte of each kind of value. */
const Any = {
  Undefined: 127,
  Null: 126,
  Integer: 125,
  Float32: 124,
  Float64: 123,
  BigInt: 122,
  False: 121,
  True: 120,
  String: 119,
  Object: 118,
  Array: 117,
  Bytes: 116,
} as const

/**
 * Called with the id of every struct a struct depends on (its left and right origins, or the
 * item holding the type it is in): the update is whole only if each of them is in it too.
 */
export type OnReference = (client: number, clock: number) => void

/** What a pass over an update's bytes reports to whoever reads along (stored-state.ts's scan). */
export interface UpdateVisitor {
  /** One client's structs: clocks [from, to); `gap` when a Skip was among them. */
  run(client: number, from: number, to: number, gap: boolean): void
  readonly reference: OnReference
  /** The delete set starts at this offset of the update. */
  deleteSet(offset: number): void
  deletion(client: number, clock: number, len: number): void
}

/** Reads an update's bytes once, telling `visitor` what is in them. */
export function visitUpdate(update: Uint8Array, visitor: UpdateVisitor): void {
  const decoder = decoding.createDecoder(update)
  const groups = decoding.readVarUint(decoder)
  for (let g = 0; g < groups; g++) {
    const structs = decoding.readVarUint(decoder)
    const client = decoding.readVarUint(decoder)
    const from = decoding.readVarUint(decoder)
    let clock = from
    let gap = false
    for (let s = 0; s < structs; s++) {
      const { length, skip } = readStruct(decoder, visitor.reference)
      if (skip) gap = true
      clock += length
    }
    visitor.run(client, from, clock, gap)
  }
  visitor.deleteSet(decoder.pos)
  const clients = decoding.readVarUint(decoder)
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clock = decoding.readVarUint(decoder)
      visitor.deletion(client, clock, decoding.readVarUint(decoder))
    }
  }
}

/** Reads past one struct; returns its length in clock ticks and whether it is a Skip. */
export function readStruct(decoder: decoding.Decoder, onReference?: OnReference): { length: number; skip: boolean } {
  const info = decoding.readUint8(decoder)
  const ref = info & 31
  if (ref === GC_REF) return { length: decoding.readVarUint(decoder), skip: false }
  if (ref === SKIP_REF) return { length: decoding.readVarUint(decoder), skip: true }
  if (info & ORIGIN_BIT) readId(decoder, onReference)
  if (info & RIGHT_ORIGIN_BIT) readId(decoder, onReference)
  if ((info & (ORIGIN_BIT | RIGHT_ORIGIN_BIT)) === 0) {
    // The parent: a root type's name, or the id of the item holding the type.
    if (decoding.readVarUint(decoder) === 1) skipString(decoder)
    else readId(decoder, onReference)
    if (info & BIT6) skipString(decoder) // the key in a map
  }
  return { length: contentLength(decoder, ref), skip: false }
}

function readId(decoder: decoding.Decoder, onReference: OnReference | undefined): void {
  const client = decoding.readVarUint(decoder)
  const clock = decoding.readVarUint(decoder)
  onReference?.(client, clock)
}

/** Reads past an item's content; returns how many clock ticks it spans. */
function contentLength(decoder: decoding.Decoder, ref: number): number {
  switch (ref) {
    case Content.Deleted:
      return decoding.readVarUint(decoder)
    case Content.Json: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) skipString(decoder)
      return len
    }
    case Content.Binary:
      skipString(decoder)
      return 1
    case Content.String:
      return skipStringCountingUtf16(decoder)
    case Content.Embed:
      skipString(decoder)
      return 1
    case Content.Format:
      skipString(decoder)
      skipString(decoder)
      return 1
    case Content.Type: {
      const typeRef = decoding.readVarUint(decoder)
      if (typeRef === XML_ELEMENT_REF || typeRef === XML_HOOK_REF) skipString(decoder)
      return 1
    }
    case Content.Any: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) skipAny(decoder)
      return len
    }
    case Content.Doc:
      skipString(decoder)
      skipAny(decoder)
      return 1
    default:
      throw new Error(`unknown struct content ${ref}`)
  }
}

/** Reads past a length-prefixed byte string (a string's UTF-8, or binary content). */
export function skipString(decoder: decoding.Decoder): void {
  const bytes = decoding.readVarUint(decoder)
  decoder.pos += bytes
  if (decoder.pos > decoder.arr.length) throw new Error('unexpected end of update')
}

/**
 * Reads past a string; returns its length in UTF-16 code units (how Yjs counts a string's
 * clock ticks), counted from its UTF-8 bytes without decoding it: every byte that does not
 * continue a character starts one, and a four-byte character is two code units.
 */
function skipStringCountingUtf16(decoder: decoding.Decoder): number {
  const bytes = decoding.readVarUint(decoder)
  const start = decoder.pos
  const end = start + bytes
  if (end > decoder.arr.length) throw new Error('unexpected end of update')
  const arr = decoder.arr
  let units = 0
  for (let i = start; i < end; i++) {
    const byte = arr[i] as number
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1
  }
  decoder.pos = end
  return units
}

/** Reads past one value of lib0's `any` encoding without building it. */
function skipAny(decoder: decoding.Decoder): void {
  const tag = decoding.readUint8(decoder)
  switch (tag) {
    case Any.Undefined:
    case Any.Null:
    case Any.False:
    case Any.True:
      return
    case Any.Integer:
      decoding.readVarInt(decoder)
      return
    case Any.Float32:
      skipBytes(decoder, 4)
      return
    case Any.Float64:
    case Any.BigInt:
      skipBytes(decoder, 8)
      return
    case Any.String:
    case Any.Bytes:
      skipString(decoder)
      return
    case Any.Object: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) {
        skipString(decoder)
        skipAny(decoder)
      }
      return
    }
    case Any.Array: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) skipAny(decoder)
      return
    }
    default:
      throw new Error(`unknown value type ${tag}`)
  }
}

function skipBytes(decoder: decoding.Decoder, count: number): void {
  decoder.pos += count
  if (decoder.pos > decoder.arr.length) throw new Error('unexpected end of update')
}
