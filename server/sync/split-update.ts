import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** Room for the message header (type, sync type, length) and a group's header in a piece. */
const MESSAGE_OVERHEAD_BYTES = 16
const GROUP_HEADER_BYTES = 16
/** An encoded delete-set item: two varUints, usually far below this. */
const DELETION_BYTES = 20

type Struct = Y.Item | Y.GC | Y.Skip

/** A run of one client's consecutive structs, as one entry of an update. */
interface Group {
  client: number
  clock: number
  structs: Struct[]
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
 * Only used for updates that do not fit: the board of a joiner, a client's large offline
 * work (its sync step 2 may be up to MAX_SYNC_MESSAGE_BYTES) being passed on.
 */
export function splitUpdate(update: Uint8Array, maxMessageBytes: number): Uint8Array[] {
  const budget = Math.max(1, maxMessageBytes - MESSAGE_OVERHEAD_BYTES)
  const { structs, ds } = Y.decodeUpdate(update)
  const pieces: Piece[] = []
  let piece: Piece = { groups: [], deletions: [], bytes: 0 }
  const startPiece = () => {
    if (piece.groups.length > 0 || piece.deletions.length > 0) pieces.push(piece)
    piece = { groups: [], deletions: [], bytes: 0 }
  }

  let group: Group | null = null
  for (const struct of structs as Struct[]) {
    const { client, clock } = struct.id
    const continues = group !== null && group.client === client && nextClock(group) === clock
    if (struct instanceof Y.Skip) {
      // A gap in a merged update: kept inside a run (a client may appear only once per
      // update), but a run never starts with one; one at the end is left out when encoding.
      if (continues) group!.structs.push(struct)
      continue
    }
    const size = structBytes(struct)
    if (piece.bytes + size + (continues ? 0 : GROUP_HEADER_BYTES) > budget && piece.groups.length > 0) {
      startPiece()
      group = null
    }
    // A client may appear only once per update: a gap within one client's run starts a new piece.
    if (group === null || group.client !== client || nextClock(group) !== clock) {
      if (piece.groups.some((g) => g.client === client)) {
        startPiece()
      }
      group = { client, clock, structs: [] }
      piece.groups.push(group)
      piece.bytes += GROUP_HEADER_BYTES
    }
    group.structs.push(struct)
    piece.bytes += size
  }

  for (const [client, items] of ds.clients) {
    let run: Array<{ clock: number; len: number }> = []
    piece.deletions.push([client, run])
    piece.bytes += GROUP_HEADER_BYTES
    for (const { clock, len } of items) {
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
  return pieces.map(encodePiece)
}

function nextClock(group: Group): number {
  const last = group.structs[group.structs.length - 1]
  return last ? last.id.clock + last.length : group.clock
}

function structBytes(struct: Struct): number {
  const encoder = new Y.UpdateEncoderV1()
  struct.write(encoder, 0)
  return encoding.length(encoder.restEncoder)
}

/** The v1 update format: the struct groups, then the delete set (as Yjs writes them). */
function encodePiece(piece: Piece): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const rest = encoder.restEncoder
  encoding.writeVarUint(rest, piece.groups.length)
  for (const group of piece.groups) {
    let end = group.structs.length
    while (end > 0 && group.structs[end - 1] instanceof Y.Skip) end--
    encoding.writeVarUint(rest, end)
    encoder.writeClient(group.client)
    encoding.writeVarUint(rest, group.clock)
    for (const struct of group.structs.slice(0, end)) struct.write(encoder, 0)
  }
  encoding.writeVarUint(rest, piece.deletions.length)
  for (const [client, items] of piece.deletions) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(rest, client)
    encoding.writeVarUint(rest, items.length)
    for (const item of items) {
      encoder.writeDsClock(item.clock)
      encoder.writeDsLen(item.len)
    }
  }
  return encoder.toUint8Array()
}
