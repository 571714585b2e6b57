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
 * Checks a client's update (v1 encoding) before it is applied, reading its bytes once
 * without building Yjs structs (Y.decodeUpdate did, and Y.applyUpdate then decoded the same
 * bytes a second time: about 14 µs of a small move's cost, mostly garbage).
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
      const length = structLength(decoder)
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

/** Reads past one struct (as Yjs's readClientsStructRefs does); returns its length in clock ticks. */
function structLength(decoder: decoding.Decoder): number {
  if (decoder.pos >= decoder.arr.length) throw new MalformedUpdateError('unexpected end of update')
  const info = decoding.readUint8(decoder)
  const ref = info & 31
  if (ref === GC_REF || ref === SKIP_REF) return decoding.readVarUint(decoder)
  if (info & ORIGIN_BIT) skipVarUints(decoder, 2)
  if (info & RIGHT_ORIGIN_BIT) skipVarUints(decoder, 2)
  if ((info & (ORIGIN_BIT | RIGHT_ORIGIN_BIT)) === 0) {
    // The parent: a root type's name, or the id of the item holding the type.
    if (decoding.readVarUint(decoder) === 1) readString(decoder)
    else skipVarUints(decoder, 2)
    if (info & BIT6) readString(decoder) // the key in a map
  }
  return contentLength(decoder, ref)
}

/** Reads past an item's content; returns how many clock ticks it spans. */
function contentLength(decoder: decoding.Decoder, ref: number): number {
  switch (ref) {
    case Content.Deleted:
      return decoding.readVarUint(decoder)
    case Content.Json: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) {
        const json = decoding.readVarString(decoder)
        // Yjs writes undefined as the string "undefined"; anything else must parse.
        if (json !== 'undefined') JSON.parse(json)
      }
      return len
    }
    case Content.Binary:
      decoding.readVarUint8Array(decoder)
      return 1
    case Content.String:
      // Yjs counts a string's length in UTF-16 code units, of the string as it decodes it.
      return decoding.readVarString(decoder).length
    case Content.Embed:
      JSON.parse(decoding.readVarString(decoder))
      return 1
    case Content.Format:
      readString(decoder)
      JSON.parse(decoding.readVarString(decoder))
      return 1
    case Content.Type: {
      const typeRef = decoding.readVarUint(decoder)
      if (typeRef > LAST_TYPE_REF) throw new MalformedUpdateError(`unknown type ${typeRef}`)
      if (typeRef === XML_ELEMENT_REF || typeRef === XML_HOOK_REF) readString(decoder)
      return 1
    }
    case Content.Any: {
      const len = decoding.readVarUint(decoder)
      for (let i = 0; i < len; i++) decoding.readAny(decoder)
      return len
    }
    case Content.Doc:
      readString(decoder)
      decoding.readAny(decoder)
      return 1
    default:
      throw new MalformedUpdateError(`unknown struct content ${ref}`)
  }
}

function skipVarUints(decoder: decoding.Decoder, count: number): void {
  for (let i = 0; i < count; i++) decoding.readVarUint(decoder)
}

/** Reads past a string: decoded, as Yjs does, since its decoder refuses bytes that are not UTF-8. */
function readString(decoder: decoding.Decoder): void {
  decoding.readVarString(decoder)
}
