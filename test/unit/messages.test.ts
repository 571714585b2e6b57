import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessChunks,
  encodeAwarenessMessage,
  encodeSyncStep1Of,
  encodeSyncStep2,
  encodeSyncStep2Messages,
  encodeUpdateMessage,
  MessageDecodeError,
} from '../../server/sync/messages.ts'
import { addNotes } from '../helpers/seed-notes.ts'
import { awarenessMessage, step1Message, step2Message, updateMessage } from '../helpers/protocol.ts'

describe('client message decoding', () => {
  const doc = new Y.Doc()
  doc.getMap('notes').set('a', 1)
  const update = Y.encodeStateAsUpdate(doc)

  it('decodes the standard messages', () => {
    expect(decodeClientMessage(step1Message(Y.encodeStateVector(doc)))).toMatchObject({ type: 'sync-step1' })
    expect(decodeClientMessage(updateMessage(update))).toEqual({ type: 'update', update })
    expect(decodeClientMessage(awarenessMessage([{ clientId: 5, clock: 2, state: { a: 1 } }]))).toEqual({
      type: 'awareness',
      entries: [{ clientId: 5, clock: 2, json: '{"a":1}' }],
    })
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' })
  })

  it('reports unknown message types and sync message types without reading their content', () => {
    expect(decodeClientMessage(new Uint8Array([9]))).toEqual({ type: 'unknown', messageType: 9 })
    expect(decodeClientMessage(new Uint8Array([200, 1, 0xff, 0xff]))).toEqual({ type: 'unknown', messageType: 200 })
    expect(decodeClientMessage(new Uint8Array([0, 7, 0xff]))).toEqual({ type: 'unknown', messageType: 0, syncType: 7 })
  })

  it('rejects garbage, truncation and trailing bytes in known messages', () => {
    const truncated = updateMessage(update).slice(0, -2)
    const trailing = new Uint8Array([...updateMessage(update), 0])
    const brokenUpdate = updateMessage(new Uint8Array([1, 1, 200, 7]))
    for (const bad of [
      new Uint8Array([]),
      new Uint8Array([0xff]),
      new Uint8Array([0, 0]),
      new Uint8Array([1, 5, 1]),
      truncated,
      trailing,
      brokenUpdate,
    ]) {
      expect(() => decodeClientMessage(bad)).toThrow(MessageDecodeError)
    }
  })

  it('rejects awareness states that are not JSON', () => {
    const message = awarenessMessage([{ clientId: 1, clock: 1, state: null }])
    const tampered = new Uint8Array(message)
    tampered[tampered.length - 1] = '{'.charCodeAt(0)
    expect(() => decodeClientMessage(tampered)).toThrow(MessageDecodeError)
  })
})

describe('awareness chunks', () => {
  it('splits many states into updates that each fit the limit, losing none', () => {
    const entries = Array.from({ length: 200 }, (_, i) => ({
      clientId: i + 1,
      clock: i,
      json: JSON.stringify({ user: { name: `Käyttäjä ${i}`.padEnd(300, 'ä') } }),
    }))
    const chunks = encodeAwarenessChunks(entries, 8192)
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) expect(encodeAwarenessMessage(chunk).byteLength).toBeLessThanOrEqual(8192)
    expect(chunks.flatMap((chunk) => decodeAwarenessUpdate(chunk))).toEqual(entries)
  })
})

describe('sync messages sent to clients', () => {
  it('are framed as y-websocket frames them, at every payload length', () => {
    for (const length of [0, 1, 127, 128, 16_383, 16_384, 70_000]) {
      const payload = Uint8Array.from({ length }, (_, i) => (i * 31) & 0xff)
      expect(encodeSyncStep1Of(payload), `step 1, ${length} bytes`).toEqual(step1Message(payload))
      expect(encodeSyncStep2(payload), `step 2, ${length} bytes`).toEqual(step2Message(payload))
      expect(encodeUpdateMessage(payload), `update, ${length} bytes`).toEqual(updateMessage(payload))
    }
  })

  it('answer with one step 2 up to the limit and split one byte past it', () => {
    const doc = new Y.Doc()
    addNotes(doc, 40)
    const update = Y.encodeStateAsUpdate(doc)
    const size = step2Message(update).byteLength
    expect(encodeSyncStep2Messages(update, size)).toEqual([step2Message(update)])
    const split = encodeSyncStep2Messages(update, size - 1)
    expect(split.length).toBeGreaterThan(1)
    const rebuilt = new Y.Doc()
    split.forEach((message, i) => {
      expect(message.byteLength).toBeLessThanOrEqual(size - 1)
      // Updates first, the step 2 last: the client counts itself synced only then.
      const decoded = decodeClientMessage(message)
      expect(decoded.type).toBe(i === split.length - 1 ? 'sync-step2' : 'update')
      if (decoded.type === 'update' || decoded.type === 'sync-step2') Y.applyUpdate(rebuilt, decoded.update)
    })
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc))
    expect(rebuilt.getMap('notes').size).toBe(40)
  })
})
