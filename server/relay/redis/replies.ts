import { STREAM_START_ID } from './keys.ts'

/**
 * Parsers for the raw replies of the stream commands, checked at run time: the relay reads
 * them through ioredis's untyped call() so that binary payloads stay Buffers.
 */

export interface StreamRead {
  key: string
  entries: Array<{ id: string; fields: Buffer[] }>
}

/** XREAD's reply: null on timeout, else [[key, [[id, [field, value, …]], …]], …]. */
export function parseXRead(reply: unknown): StreamRead[] {
  if (reply === null) return []
  if (!Array.isArray(reply)) throw new Error('unexpected XREAD reply')
  return reply.map((stream: unknown) => {
    if (!Array.isArray(stream) || stream.length !== 2 || !Array.isArray(stream[1]))
      throw new Error('unexpected XREAD stream')
    return {
      key: String(stream[0]),
      entries: (stream[1] as unknown[]).map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2) throw new Error('unexpected XREAD entry')
        const fields = Array.isArray(entry[1]) ? (entry[1] as unknown[]) : []
        return {
          id: String(entry[0]),
          fields: fields.map((field) => (Buffer.isBuffer(field) ? field : Buffer.from(String(field)))),
        }
      }),
    }
  })
}

/** XREVRANGE key + - COUNT 1: the newest entry's id, or the start when the stream is empty. */
export function parseXRevRangeId(reply: unknown): string {
  if (!Array.isArray(reply)) throw new Error('unexpected XREVRANGE reply')
  const newest: unknown = reply[0]
  if (newest === undefined) return STREAM_START_ID
  if (!Array.isArray(newest)) throw new Error('unexpected XREVRANGE entry')
  return String(newest[0])
}

export interface StreamExtent {
  /** The oldest entry still in the stream (Redis 7: recorded-first-entry-id). */
  firstId: string
  length: number
  /** Entries ever added, trimmed ones included. */
  entriesAdded: number
}

/** The fields of XINFO STREAM (Redis 7+) that tell whether entries were trimmed. */
export function parseXInfoExtent(reply: unknown): StreamExtent | null {
  if (!Array.isArray(reply)) return null
  const fields = new Map<string, unknown>()
  for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), reply[i + 1])
  const firstId = fields.get('recorded-first-entry-id')
  const length = Number(fields.get('length'))
  const entriesAdded = Number(fields.get('entries-added'))
  if (typeof firstId !== 'string' || !Number.isFinite(length) || !Number.isFinite(entriesAdded)) return null
  return { firstId, length, entriesAdded }
}
