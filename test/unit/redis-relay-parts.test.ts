import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AwarenessBatcher } from '../../server/relay/redis/awareness-batcher.ts'
import {
  decodeAwarenessMessage,
  encodeAwarenessMessage,
  parseEntryFields,
  resyncFields,
  updateFields,
} from '../../server/relay/redis/entries.ts'
import { compareStreamIds } from '../../server/relay/redis/keys.ts'
import { trimmedPast } from '../../server/relay/redis/stream-reader.ts'
import { parseXInfoExtent, parseXRead, parseXRevRangeId } from '../../server/relay/redis/replies.ts'
import { decodeAwarenessUpdate, encodeAwarenessEntries } from '../../server/sync/messages.ts'

const asBuffers = (fields: Array<string | Buffer>) =>
  fields.map((field) => (Buffer.isBuffer(field) ? field : Buffer.from(field)))

describe('stream ids', () => {
  it('compare by milliseconds, then by sequence, as numbers', () => {
    expect(compareStreamIds('1-0', '1-0')).toBe(0)
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0)
    expect(compareStreamIds('10-2', '10-11')).toBeLessThan(0)
    expect(compareStreamIds('1795805959307-10', '1795805959307-9')).toBeGreaterThan(0)
    expect(() => compareStreamIds('nonsense', '1-0')).toThrow()
  })

  it('tell a trimmed position from a live one', () => {
    const extent = { firstId: '100-0', length: 50, entriesAdded: 300 }
    expect(trimmedPast(extent, '99-5')).toBe(true)
    expect(trimmedPast(extent, '100-0')).toBe(false)
    expect(trimmedPast(extent, '150-0')).toBe(false)
    // From the start of a stream: only complete if nothing was ever trimmed.
    expect(trimmedPast({ firstId: '1-0', length: 5, entriesAdded: 5 }, '0-0')).toBe(false)
    expect(trimmedPast({ firstId: '7-0', length: 5, entriesAdded: 9 }, '0-0')).toBe(true)
  })
})

describe('stream entries', () => {
  it('carry the node id and the update bytes, or a resync marker', () => {
    const update = new Uint8Array([0, 1, 2, 255])
    expect(parseEntryFields(asBuffers(updateFields('node1', update)))).toEqual({
      kind: 'update',
      nodeId: 'node1',
      update,
    })
    expect(parseEntryFields(asBuffers(resyncFields('node2')))).toEqual({ kind: 'resync', nodeId: 'node2' })
    expect(parseEntryFields(asBuffers(['x', 'y']))).toBeNull()
    expect(parseEntryFields(asBuffers(['n', 'node3']))).toBeNull()
  })

  it('awareness messages round-trip with their sender', () => {
    const update = encodeAwarenessEntries([{ clientId: 3, clock: 4, json: '{"a":1}' }])
    expect(decodeAwarenessMessage(encodeAwarenessMessage('abc', update))).toEqual({ nodeId: 'abc', update })
    expect(decodeAwarenessMessage(Buffer.from([9, 1]))).toBeNull()
  })
})

describe('stream replies', () => {
  it('parse XREAD, XREVRANGE and XINFO STREAM', () => {
    const reply = [[Buffer.from('k1'), [[Buffer.from('5-1'), [Buffer.from('n'), Buffer.from('x')]]]]]
    expect(parseXRead(reply)).toEqual([
      { key: 'k1', entries: [{ id: '5-1', fields: [Buffer.from('n'), Buffer.from('x')] }] },
    ])
    expect(parseXRead(null)).toEqual([])
    expect(() => parseXRead('OK')).toThrow()
    expect(parseXRevRangeId([])).toBe('0-0')
    expect(parseXRevRangeId([['7-3', ['n', 'x']]])).toBe('7-3')
    expect(
      parseXInfoExtent([
        'length',
        100,
        'entries-added',
        400,
        'recorded-first-entry-id',
        '1795-7',
        'first-entry',
        ['1795-7', []],
      ]),
    ).toEqual({ firstId: '1795-7', length: 100, entriesAdded: 400 })
    expect(parseXInfoExtent(['length', 1])).toBeNull()
  })
})

describe('AwarenessBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const entry = (clientId: number, clock: number, json = '{}') => encodeAwarenessEntries([{ clientId, clock, json }])

  it('publishes at most once per interval, the newest state per client, removals included', () => {
    const sent: Uint8Array[] = []
    const batcher = new AwarenessBatcher(
      { flushIntervalMs: 50, maxMessageBytes: 10_000, maxPendingClients: 100 },
      (u) => sent.push(u),
      () => undefined,
    )
    batcher.push(entry(1, 1))
    vi.advanceTimersByTime(0)
    expect(sent).toHaveLength(1)
    for (let clock = 2; clock <= 30; clock++) batcher.push(entry(1, clock))
    batcher.push(entry(2, 5, 'null'))
    batcher.push(entry(1, 3)) // older than what is pending: ignored
    vi.advanceTimersByTime(49)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent).toHaveLength(2)
    expect(decodeAwarenessUpdate(sent[1]!)).toEqual([
      { clientId: 1, clock: 30, json: '{}' },
      { clientId: 2, clock: 5, json: 'null' },
    ])
    batcher.close()
  })

  it('splits large batches and drops a state larger than a message', () => {
    const sent: Uint8Array[] = []
    let dropped = 0
    const batcher = new AwarenessBatcher(
      { flushIntervalMs: 50, maxMessageBytes: 300, maxPendingClients: 3 },
      (u) => sent.push(u),
      (n) => {
        dropped += n
      },
    )
    const state = JSON.stringify({ name: 'x'.repeat(150) })
    batcher.push(entry(1, 1, state))
    batcher.push(entry(2, 1, state))
    batcher.push(entry(3, 1, JSON.stringify({ name: 'y'.repeat(400) })))
    batcher.push(entry(4, 1)) // a fourth client while three are pending: over the cap
    batcher.flush()
    expect(sent.map((u) => decodeAwarenessUpdate(u).map((e) => e.clientId))).toEqual([[1], [2]])
    expect(sent.every((u) => u.byteLength <= 300)).toBe(true)
    expect(dropped).toBe(2)
    batcher.close()
  })
})
