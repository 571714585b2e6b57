import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { encodeSyncStep2Messages } from './messages.ts'
import { visitUpdate, type UpdateVisitor } from './update-bytes.ts'

/** Per client, sorted and disjoint ranges of deleted clocks, as the update lists them. */
type DeleteRanges = Map<number, Array<{ clock: number; len: number }>>

/** What one pass over an update's bytes tells (see scanUpdate). */
export interface UpdateScan {
  /** Per client, the clock after its last struct in the update. */
  readonly ends: Map<number, number>
  /** Per client, the clock its structs start at. */
  readonly starts: Map<number, number>
  /** Where the delete set begins: the update's bytes from there on are its delete set. */
  readonly deleteSetOffset: number
  readonly deletions: DeleteRanges
  /**
   * True when the update is a whole document: every client's structs start at clock 0 with no
   * gap, and every struct it depends on and every deletion it lists is in it. Such an update
   * is what Y.encodeStateAsUpdate gives for a document with nothing pending; applied to an
   * empty document it leaves nothing pending either.
   */
  readonly whole: boolean
}

/** Collects an UpdateScan from a pass over an update (visitUpdate, or splitUpdate's). */
class ScanBuilder implements UpdateVisitor {
  readonly #ends = new Map<number, number>()
  readonly #starts = new Map<number, number>()
  /** The highest clock of each client some struct depends on. */
  readonly #needed = new Map<number, number>()
  readonly #deletions: DeleteRanges = new Map()
  #deleteSetOffset = 0
  #whole = true

  run(client: number, from: number, to: number, gap: boolean): void {
    // A client may appear only once in an update Yjs writes; a second run would be a gap.
    if (from !== 0 || gap || this.#starts.has(client)) this.#whole = false
    if (!this.#starts.has(client)) this.#starts.set(client, from)
    this.#ends.set(client, Math.max(to, this.#ends.get(client) ?? 0))
  }

  readonly reference = (client: number, clock: number): void => {
    if ((this.#needed.get(client) ?? -1) < clock) this.#needed.set(client, clock)
  }

  deleteSet(offset: number): void {
    this.#deleteSetOffset = offset
  }

  deletion(client: number, clock: number, len: number): void {
    let ranges = this.#deletions.get(client)
    if (!ranges) this.#deletions.set(client, (ranges = []))
    ranges.push({ clock, len })
  }

  result(): UpdateScan {
    const ends = this.#ends
    let whole = this.#whole
    for (const [client, clock] of this.#needed) if (clock >= (ends.get(client) ?? 0)) whole = false
    for (const [client, ranges] of this.#deletions) {
      for (const { clock, len } of ranges) if (clock + len > (ends.get(client) ?? 0)) whole = false
    }
    return { ends, starts: this.#starts, deleteSetOffset: this.#deleteSetOffset, deletions: this.#deletions, whole }
  }
}

/** Reads an update's bytes once, without building Yjs structs (update-bytes.ts). */
export function scanUpdate(update: Uint8Array): UpdateScan {
  const builder = new ScanBuilder()
  visitUpdate(update, builder)
  return builder.result()
}

/** A state vector as Y.encodeStateVector writes it (clients in descending order). */
function encodeStateVector(stateVector: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder()
  const entries = [...stateVector].sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(encoder, entries.length)
  for (const [client, clock] of entries) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
  }
  return encoding.toUint8Array(encoder)
}

/** True when `ranges` (sorted, disjoint, maximal) cover clocks [clock, clock + len). */
function covered(ranges: ReadonlyArray<{ clock: number; len: number }>, clock: number, len: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const range = ranges[mid] as { clock: number; len: number }
    if (range.clock + range.len <= clock) low = mid + 1
    else if (range.clock > clock) high = mid - 1
    else return clock + len <= range.clock + range.len
  }
  return false
}

/**
 * A board held as its encoded state (one update, v1) instead of a built Y.Doc: what a room
 * keeps while nobody writes (room.ts). A y-websocket joiner's first sync is answered from the
 * bytes as they are, a returning client's from a diff of them; the document is built only when
 * a write needs it. At a few bytes per struct it takes a tenth of a Y.Doc's memory or less.
 *
 * Only an update that is a whole document (scanUpdate's `whole`) may be held so; the bytes
 * are never changed.
 */
export class StoredState {
  readonly bytes: Uint8Array
  #scan: UpdateScan | null
  #stateVector: Uint8Array | null = null
  /** The answer to a joiner with nothing, once made (encodeSyncStep2Messages of the bytes). */
  #wholeBoard: Uint8Array[] | null

  /**
   * `scan`: the bytes' scan when it was made already; `wholeBoard`: their sync messages when
   * they were made already (the room's cache of them, when its document goes back to bytes).
   */
  constructor(bytes: Uint8Array, options: { scan?: UpdateScan | null; wholeBoard?: Uint8Array[] | null } = {}) {
    this.bytes = bytes
    this.#scan = options.scan ?? null
    this.#wholeBoard = options.wholeBoard ?? null
  }

  /**
   * Holds a stored board: its bytes read once, for the scan and for the joiners' answer split
   * to `maxMessageBytes` at the same time (both are needed for the first joiner).
   */
  static prepare(bytes: Uint8Array, maxMessageBytes: number): StoredState {
    const builder = new ScanBuilder()
    const wholeBoard = encodeSyncStep2Messages(bytes, maxMessageBytes, builder)
    // One message: nothing was split, so nothing was read yet.
    if (wholeBoard.length === 1) return new StoredState(bytes, { wholeBoard })
    return new StoredState(bytes, { scan: builder.result(), wholeBoard })
  }

  get scan(): UpdateScan {
    return (this.#scan ??= scanUpdate(this.bytes))
  }

  /** The encoded state vector, for the server's sync step 1. */
  encodedStateVector(): Uint8Array {
    return (this.#stateVector ??= encodeStateVector(this.scan.ends))
  }

  /** The sync messages a joiner with nothing is sent: the bytes themselves, split to the limit. */
  wholeBoardMessages(maxMessageBytes: number): Uint8Array[] {
    return (this.#wholeBoard ??= encodeSyncStep2Messages(this.bytes, maxMessageBytes))
  }

  /** The whole board's sync messages if they were made (for the room's cache). */
  get cachedWholeBoard(): Uint8Array[] | null {
    return this.#wholeBoard
  }

  /**
   * What the board has beyond a client's state vector, as an update. A client that has every
   * struct already gets only the delete set, copied from the bytes; otherwise Y.diffUpdate
   * reads the bytes (still without building a document).
   */
  diff(encodedStateVector: Uint8Array): Uint8Array {
    const theirs = Y.decodeStateVector(encodedStateVector)
    const { ends, deleteSetOffset } = this.scan
    for (const [client, clock] of ends) {
      if ((theirs.get(client) ?? 0) < clock) return Y.diffUpdate(this.bytes, encodedStateVector)
    }
    const update = new Uint8Array(1 + this.bytes.byteLength - deleteSetOffset)
    update[0] = 0 // no struct groups
    update.set(this.bytes.subarray(deleteSetOffset), 1)
    return update
  }

  /**
   * True when applying `update` to the board would change nothing: each of its structs is in
   * the bytes already and each deletion it lists is among theirs. A returning client's sync
   * step 2 is usually such an update (Yjs sends a client's whole delete set with it), and
   * needs no document built.
   */
  contains(update: Uint8Array): boolean {
    let theirs: UpdateScan
    try {
      theirs = scanUpdate(update)
    } catch {
      // Not readable here: the document will judge it (and close the sender if it is broken).
      return false
    }
    const ours = this.scan
    for (const [client, end] of theirs.ends) {
      if (end > (ours.ends.get(client) ?? 0)) return false
    }
    for (const [client, ranges] of theirs.deletions) {
      const deleted = ours.deletions.get(client)
      if (ranges.length === 0) continue
      if (!deleted) return false
      for (const { clock, len } of ranges) if (len > 0 && !covered(deleted, clock, len)) return false
    }
    return true
  }
}
