import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { SeededRandom } from './random.ts'

/**
 * Mutations of y-websocket messages. Half of them work on the whole message (its framing
 * breaks, which the decoder must reject), half on its payload (a Yjs update, a state vector,
 * an awareness update) re-framed with a correct length, so that the damage reaches Yjs
 * itself rather than stopping at the first varint.
 */

/** Byte values that sit on varint and length boundaries. */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x3f, 0x40, 0xfe]
/** A varint of 2^35 - 1: a length or count no message can hold. */
const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0x7f]

type ByteMutation = (bytes: Uint8Array, random: SeededRandom, corpus: readonly Uint8Array[]) => Uint8Array

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const at = (bytes: Uint8Array, random: SeededRandom) => random.int(bytes.length + 1)

export const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  flipBit(bytes, random) {
    if (bytes.length === 0) return bytes
    const out = bytes.slice()
    const index = random.int(out.length)
    out[index] = out[index]! ^ (1 << random.int(8))
    return out
  },
  setByte(bytes, random) {
    if (bytes.length === 0) return bytes
    const out = bytes.slice()
    out[random.int(out.length)] = random.chance(0.5) ? random.pick(INTERESTING) : random.int(256)
    return out
  },
  insertBytes(bytes, random) {
    const index = at(bytes, random)
    return concat(bytes.subarray(0, index), random.bytes(1 + random.int(8)), bytes.subarray(index))
  },
  deleteRange(bytes, random) {
    if (bytes.length === 0) return bytes
    const start = random.int(bytes.length)
    const end = Math.min(bytes.length, start + 1 + random.int(16))
    return concat(bytes.subarray(0, start), bytes.subarray(end))
  },
  truncate(bytes, random) {
    return bytes.subarray(0, random.int(bytes.length + 1))
  },
  appendGarbage(bytes, random) {
    return concat(bytes, random.bytes(1 + random.int(32)))
  },
  duplicateSlice(bytes, random) {
    if (bytes.length === 0) return bytes
    const start = random.int(bytes.length)
    const slice = bytes.subarray(start, Math.min(bytes.length, start + 1 + random.int(64)))
    const index = at(bytes, random)
    return concat(bytes.subarray(0, index), slice, bytes.subarray(index))
  },
  spliceOther(bytes, random, corpus) {
    const other = random.pick(corpus)
    const cut = at(bytes, random)
    return concat(bytes.subarray(0, cut), other.subarray(random.int(other.length + 1)))
  },
  hugeVarint(bytes, random) {
    const index = at(bytes, random)
    return concat(bytes.subarray(0, index), HUGE_VARINT, bytes.subarray(index))
  },
  zeroRun(bytes, random) {
    if (bytes.length === 0) return bytes
    const out = bytes.slice()
    const start = random.int(out.length)
    out.fill(random.chance(0.5) ? 0 : 0xff, start, Math.min(out.length, start + 1 + random.int(8)))
    return out
  },
}

const BYTE_MUTATION_NAMES = Object.keys(BYTE_MUTATIONS)

/** A y-websocket message split into its frame and its payload, when it has one. */
interface Framed {
  prefix: number[]
  payload: Uint8Array
}

/** Sync messages are type, sync type, payload; awareness messages type, payload. */
function unframe(message: Uint8Array): Framed | null {
  try {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === 0) {
      const syncType = decoding.readVarUint(decoder)
      return { prefix: [type, syncType], payload: decoding.readVarUint8Array(decoder) }
    }
    if (type === 1) return { prefix: [type], payload: decoding.readVarUint8Array(decoder) }
  } catch {
    // Not framed as a sync or awareness message (a seed already broken): mutate it whole.
  }
  return null
}

function frame({ prefix, payload }: Framed): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const value of prefix) encoding.writeVarUint(encoder, value)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** Applies one to three mutations to a seed message; returns the input and what was done to it. */
export function mutate(
  seed: Uint8Array,
  random: SeededRandom,
  corpus: readonly Uint8Array[],
): { message: Uint8Array; operations: string[] } {
  const framed = random.chance(0.5) ? unframe(seed) : null
  let bytes = framed ? framed.payload : seed
  const operations: string[] = framed ? ['payload'] : []
  const rounds = 1 + random.int(3)
  for (let i = 0; i < rounds; i++) {
    const name = random.pick(BYTE_MUTATION_NAMES)
    operations.push(name)
    bytes = BYTE_MUTATIONS[name]!(bytes, random, corpus)
  }
  if (framed && random.chance(0.1)) {
    // Now and then the frame lies about the type too (an update sent as a state vector).
    framed.prefix = framed.prefix.map((value) => (random.chance(0.5) ? random.int(4) : value))
    operations.push('retype')
  }
  return { message: framed ? frame({ ...framed, payload: bytes }) : bytes, operations }
}
