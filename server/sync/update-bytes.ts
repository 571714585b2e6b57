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
  LAST_TYPE_REF,
} from './update-format.ts'

/** A v1 update Yjs could not read: the message is undecodable. */
export class MalformedUpdateError extends Error {
  override name = 'MalformedUpdateError'
}

/**
 * Reading a Yjs update (v1 encoding) at the byte level: struct by struct, without building
 * Yjs structs or decoding their contents. The v1 format writes each struct whole and
 * independent of its neighbours, so a reader only has to know how long each one is. Used to
 * check a client's update before it is applied (updateShapeProblem, with the contents decoded
 * as Yjs decodes them), to split an update into messages (split-update.ts) and to answer
 * questions about a stored board without building its document (stored-state.ts).
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
      if (isSkipNext(decoder)) gap = true
      clock += structLength(decoder, visitor.reference, false)
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

/**
 * Checks a client's update before it is applied, with the same reader in its checking mode:
 * the bytes are read once, without building Yjs structs (Y.decodeUpdate did, and
 * Y.applyUpdate then decoded the same bytes a second time: about 14 µs of a small move's
 * cost, mostly garbage).
 *
 * Throws MalformedUpdateError (or lib0's end-of-array error) where Yjs's own reader would
 * throw: a truncated update, an unknown struct or content kind, an unknown type, malformed
 * JSON content. So nothing that fails to decode reaches the document: Yjs reads the delete set
 * only after integrating the structs, and a garbled tail would otherwise leave half an update
 * applied.
 *
 * Returns, as a sentence, what Yjs decodes without complaint but must not enter a board, or
 * null for a sound update: a struct or a deleted range of length zero. Integrated, it stays in
 * the document, and every later encoding of the board (its snapshot, a new client's sync)
 * carries a zero-length range that Yjs cannot read back: the board would fail to load, and
 * clients receiving it would fail to apply it.
 *
 * Like Y.decodeUpdate, it reads the update's own structure and ignores bytes after its delete
 * set (the message around it has no trailing bytes: messages.ts checks that).
 */
export function updateShapeProblem(update: Uint8Array): string | null {
  const decoder = decoding.createDecoder(update)
  const groups = decoding.readVarUint(decoder)
  for (let g = 0; g < groups; g++) {
    const structs = decoding.readVarUint(decoder)
    const client = decoding.readVarUint(decoder)
    decoding.readVarUint(decoder) // the group's first clock
    for (let s = 0; s < structs; s++) {
      const length = structLength(decoder, undefined, true)
      if (!(length >= 1)) return `a struct of length ${length} (client ${client})`
    }
  }
  const deleteClients = decoding.readVarUint(decoder)
  for (let c = 0; c < deleteClients; c++) {
    const client = decoding.readVarUint(decoder)
    const ranges = decoding.readVarUint(decoder)
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(decoder) // clock
      const len = decoding.readVarUint(decoder)
      if (!(len >= 1)) return `a deleted range of length ${len} (client ${client})`
    }
  }
  return null
}

/** Reads past one struct; returns its length in clock ticks and whether it is a Skip. */
export function readStruct(decoder: decoding.Decoder, onReference?: OnReference): { length: number; skip: boolean } {
  const skip = isSkipNext(decoder)
  return { length: structLength(decoder, onReference, false), skip }
}

/** Whether the struct at the decoder's position is a Skip (a gap in a merged update). */
function isSkipNext(decoder: decoding.Decoder): boolean {
  return ((decoder.arr[decoder.pos] ?? 0) & 31) === SKIP_REF
}

/**
 * Reads past one struct (as Yjs's readClientsStructRefs does); returns its length in clock
 * ticks. `check` decodes what Yjs decodes (strings as UTF-8, JSON, values) so that it throws
 * where Yjs would; without it the contents are skipped by their length prefixes, which is
 * enough for updates that were checked when they came in (a stored board).
 */
function structLength(decoder: decoding.Decoder, onReference: OnReference | undefined, check: boolean): number {
  if (decoder.pos >= decoder.arr.length) throw new MalformedUpdateError('unexpected end of update')
  const info = decoding.readUint8(decoder)
  const ref = info & 31
  if (ref === GC_REF || ref === SKIP_REF) return decoding.readVarUint(decoder)
  if (info & ORIGIN_BIT) readId(decoder, onReference)
  if (info & RIGHT_ORIGIN_BIT) readId(decoder, onReference)
  if ((info & (ORIGIN_BIT | RIGHT_ORIGIN_BIT)) === 0) {
    // The parent: a root type's name, or the id of the item holding the type.
    if (decoding.readVarUint(decoder) === 1) readString(decoder, check)
    else readId(decoder, onReference)
    if (info & BIT6) readString(decoder, check) // the key in a map
  }
  return contentLength(decoder, ref, check)
}

function readId(decoder: decoding.Decoder, onReference: OnReference | undefined): void {
  const client = decoding.readVarUint(decoder)
  const clock = decoding.readVarUint(decoder)
  onReference?.(client, clock)
}

/** Reads past an item's content; returns how many clock ticks it spans. */
function contentLength(decoder: decoding.Decoder, ref: number, check: boolean): number {
  switch (ref) {
    case Content.Deleted:
      return decoding.readVarUint(decoder)
    case Content.Json: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) {
        if (!check) skipString(decoder)
        else {
          const json = decoding.readVarString(decoder)
          // Yjs writes undefined as the string "undefined"; anything else must parse.
          if (json !== 'undefined') JSON.parse(json)
        }
      }
      return len
    }
    case Content.Binary:
      skipString(decoder)
      return 1
    case Content.String:
      // Yjs counts a string's length in UTF-16 code units, of the string as it decodes it.
      return check ? decoding.readVarString(decoder).length : skipStringCountingUtf16(decoder)
    case Content.Embed:
      readJson(decoder, check)
      return 1
    case Content.Format:
      readString(decoder, check)
      readJson(decoder, check)
      return 1
    case Content.Type: {
      const typeRef = decoding.readVarUint(decoder)
      if (check && typeRef > LAST_TYPE_REF) throw new MalformedUpdateError(`unknown type ${typeRef}`)
      if (typeRef === XML_ELEMENT_REF || typeRef === XML_HOOK_REF) readString(decoder, check)
      return 1
    }
    case Content.Any: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) readAny(decoder, check)
      return len
    }
    case Content.Doc:
      readString(decoder, check)
      readAny(decoder, check)
      return 1
    default:
      throw new MalformedUpdateError(`unknown struct content ${ref}`)
  }
}

/** Reads past a string: decoded when checking, as Yjs does, since its decoder refuses bytes that are not UTF-8. */
function readString(decoder: decoding.Decoder, check: boolean): void {
  if (check) decoding.readVarString(decoder)
  else skipString(decoder)
}

function readJson(decoder: decoding.Decoder, check: boolean): void {
  if (check) JSON.parse(decoding.readVarString(decoder))
  else skipString(decoder)
}

function readAny(decoder: decoding.Decoder, check: boolean): void {
  if (check) decoding.readAny(decoder)
  else skipAny(decoder)
}

/** Reads past a length-prefixed byte string (a string's UTF-8, or binary content). */
export function skipString(decoder: decoding.Decoder): void {
  const bytes = decoding.readVarUint(decoder)
  decoder.pos += bytes
  if (decoder.pos > decoder.arr.length) throw new MalformedUpdateError('unexpected end of update')
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
  if (end > decoder.arr.length) throw new MalformedUpdateError('unexpected end of update')
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
      throw new MalformedUpdateError(`unknown value type ${tag}`)
  }
}

function skipBytes(decoder: decoding.Decoder, count: number): void {
  decoder.pos += count
  if (decoder.pos > decoder.arr.length) throw new MalformedUpdateError('unexpected end of update')
}
