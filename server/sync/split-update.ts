import * as decoding from 'lib0/decoding'
import { readStruct, type UpdateVisitor } from './update-bytes.ts'
import { putVarUint, varUintLength } from './varuint.ts'

/** Room for the message header (type, sync type, length) and a group's header in a piece. */
const MESSAGE_OVERHEAD_BYTES = 16
const GROUP_HEADER_BYTES = 16
/** An encoded delete-set item: two varUints, usually far below this. */
const DELETION_BYTES = 20

/**
 * A run of one client's consecutive structs inside a piece, as a byte range of the original
 * update: the structs of a group are written back to back, so a run of them is copied as is.
 */
interface Group {
  client: number
  clock: number
  count: number
  start: number
  end: number
}

interface Piece {
  groups: Group[]
  deletions: Array<[client: number, items: Array<{ clock: number; len: number }>]>
  bytes: number
}

/**
 * Splits a Yjs update (v1 encoding) into several whose union is the same update, so that each,
 * wrapped in a y-websocket message, fits in `maxMessageBytes`. It is cut between structs,
 * never inside one: a single struct larger than the limit travels alone. The deletions come
 * last. Applied in order (or in any order: Yjs keeps what arrives early until its
 * dependencies are there) the pieces give exactly the original update.
 *
 * It reads the update's bytes without building Yjs structs and copies each run of structs
 * byte for byte (the v1 format writes every struct whole and independent of its neighbours):
 * the whole board of a joiner is split in one pass, without the garbage of decoding it.
 *
 * Only used for updates that do not fit: the board of a joiner, a client's large offline
 * work (its sync step 2 may be up to MAX_SYNC_MESSAGE_BYTES) being passed on. `visitor` reads
 * along (visitUpdate), so that a board held as bytes is scanned and split in one pass.
 */
export function splitUpdate(update: Uint8Array, maxMessageBytes: number, visitor?: UpdateVisitor): Uint8Array[] {
  const budget = Math.max(1, maxMessageBytes - MESSAGE_OVERHEAD_BYTES)
  const decoder = decoding.createDecoder(update)
  const pieces: Piece[] = []
  let piece: Piece = { groups: [], deletions: [], bytes: 0 }
  const startPiece = () => {
    if (piece.groups.length > 0 || piece.deletions.length > 0) pieces.push(piece)
    piece = { groups: [], deletions: [], bytes: 0 }
  }

  const groupCount = decoding.readVarUint(decoder)
  for (let g = 0; g < groupCount; g++) {
    const structCount = decoding.readVarUint(decoder)
    const client = decoding.readVarUint(decoder)
    const from = decoding.readVarUint(decoder)
    let clock = from
    let gap = false
    let group: Group | null = null
    // Skips seen since the group's last struct: kept only when a struct follows them.
    let skipped = 0
    for (let s = 0; s < structCount; s++) {
      const start = decoder.pos
      const { length, skip } = readStruct(decoder, visitor?.reference)
      const end = decoder.pos
      const structClock = clock
      clock += length
      if (skip) {
        gap = true
        // A gap in a merged update: kept inside a run (a client may appear only once per
        // update), but a run never starts with one, and one at its end is left out.
        if (group !== null) skipped++
        continue
      }
      const size = end - start
      const needed = size + (group === null ? GROUP_HEADER_BYTES : 0)
      if (piece.bytes + needed > budget && piece.groups.length > 0) {
        startPiece()
        group = null
      }
      if (group === null) {
        // A client may appear only once per update.
        if (piece.groups.some((other) => other.client === client)) startPiece()
        group = { client, clock: structClock, count: 0, start, end: start }
        piece.groups.push(group)
        piece.bytes += GROUP_HEADER_BYTES
        skipped = 0
      }
      group.count += skipped + 1
      group.end = end
      piece.bytes += size
      skipped = 0
    }
    visitor?.run(client, from, clock, gap)
  }

  visitor?.deleteSet(decoder.pos)
  const deleteClients = decoding.readVarUint(decoder)
  for (let c = 0; c < deleteClients; c++) {
    const client = decoding.readVarUint(decoder)
    const items = decoding.readVarUint(decoder)
    let run: Array<{ clock: number; len: number }> = []
    piece.deletions.push([client, run])
    piece.bytes += GROUP_HEADER_BYTES
    for (let i = 0; i < items; i++) {
      const clock = decoding.readVarUint(decoder)
      const len = decoding.readVarUint(decoder)
      visitor?.deletion(client, clock, len)
      if (piece.bytes + DELETION_BYTES > budget && run.length > 0) {
        startPiece()
        run = []
        piece.deletions.push([client, run])
        piece.bytes += GROUP_HEADER_BYTES
      }
      run.push({ clock, len })
      piece.bytes += DELETION_BYTES
    }
  }
  startPiece()
  return pieces.map((p) => encodePiece(update, p))
}

/**
 * The v1 update format: the struct groups, then the delete set (as Yjs writes them). Made in
 * one allocation of the exact size: the pieces of a big board add up to megabytes.
 */
function encodePiece(update: Uint8Array, piece: Piece): Uint8Array {
  let length = varUintLength(piece.groups.length) + varUintLength(piece.deletions.length)
  for (const group of piece.groups) {
    length += varUintLength(group.count) + varUintLength(group.client) + varUintLength(group.clock)
    length += group.end - group.start
  }
  for (const [client, items] of piece.deletions) {
    length += varUintLength(client) + varUintLength(items.length)
    for (const item of items) length += varUintLength(item.clock) + varUintLength(item.len)
  }
  const out = new Uint8Array(length)
  let offset = putVarUint(out, 0, piece.groups.length)
  for (const group of piece.groups) {
    offset = putVarUint(out, offset, group.count)
    offset = putVarUint(out, offset, group.client)
    offset = putVarUint(out, offset, group.clock)
    out.set(update.subarray(group.start, group.end), offset)
    offset += group.end - group.start
  }
  offset = putVarUint(out, offset, piece.deletions.length)
  for (const [client, items] of piece.deletions) {
    offset = putVarUint(out, offset, client)
    offset = putVarUint(out, offset, items.length)
    for (const item of items) {
      offset = putVarUint(out, offset, item.clock)
      offset = putVarUint(out, offset, item.len)
    }
  }
  return out
}
