import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { afterEach, describe, expect, it } from 'vitest'
import { createNote } from '@shared/board/index.ts'
import { MessageType, SyncMessageType } from '@shared/protocol.ts'
import { trackConnection } from '../../../client/src/board/data/connection.ts'
import { SaveLedger } from '../../../client/src/board/data/save-ledger.ts'
import {
  SaveTracker,
  shouldWarnBeforeUnload,
  UNSAVED_WARNING_AFTER_MS,
} from '../../../client/src/board/data/save-status.ts'
import { eventually } from '../../helpers/poll.ts'

const author = { authorId: 'p', authorName: 'Aino', color: '#fde68a', zone: null }

describe('SaveLedger', () => {
  it('confirms the edits sent before the k-th request once k replies arrived', () => {
    const ledger = new SaveLedger()
    ledger.socketOpened() // the provider's own step 1
    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(false)

    ledger.edit(1000)
    ledger.edit(1001)
    expect(ledger.hasUnsaved).toBe(true)
    expect(ledger.needsRequest).toBe(true)
    ledger.requestSent()
    expect(ledger.needsRequest).toBe(false)
    ledger.edit(2000)
    ledger.requestSent()
    expect(ledger.unsavedSince).toBe(1000)

    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(true) // the edit at 2000 came after the first request
    expect(ledger.unsavedSince).toBe(2000)
    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(false)
    expect(ledger.unsavedSince).toBeNull()
  })

  it("counts the provider's own step 1 but lets it confirm nothing", () => {
    const ledger = new SaveLedger()
    ledger.edit(1) // made while disconnected
    ledger.socketOpened()
    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(true)
  })

  it('forgets requests of a closed socket and distrusts those sent before the server asked for our state', () => {
    const ledger = new SaveLedger()
    ledger.socketOpened()
    ledger.replyReceived()
    ledger.edit(1)
    ledger.requestSent()
    ledger.socketClosed()
    ledger.socketOpened()
    ledger.replyReceived() // the new socket's first reply answers the provider's step 1, not ours
    expect(ledger.hasUnsaved).toBe(true)

    ledger.requestSent()
    ledger.serverAskedForState() // the server lacked something: our earlier request proves nothing
    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(true)
    expect(ledger.needsRequest).toBe(true)
    ledger.requestSent()
    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(false)
  })

  it('ignores replies it did not ask for', () => {
    const ledger = new SaveLedger()
    ledger.edit(1)
    ledger.replyReceived()
    expect(ledger.hasUnsaved).toBe(true)
  })
})

/** A WebSocket stand-in the test drives: it plays the server's side of the socket. */
class FakeSocket {
  static latest: FakeSocket | null = null
  readonly OPEN = 1
  readyState = 0
  binaryType = 'arraybuffer'
  sent: Uint8Array[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: (() => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.latest = this
  }

  send(data: Uint8Array): void {
    this.sent.push(data)
  }

  close(): void {
    this.readyState = 3
  }

  open(): void {
    this.readyState = 1
    this.onopen?.()
  }

  deliver(message: Uint8Array): void {
    this.onmessage?.({ data: message.slice().buffer })
  }

  drop(): void {
    this.readyState = 3
    this.onclose?.({ code: 1006, reason: '' })
  }

  /** The sync sub-types of the sync messages the client sent, in order. */
  syncSent(): number[] {
    return this.sent.flatMap((message) => {
      const decoder = decoding.createDecoder(message)
      return decoding.readVarUint(decoder) === MessageType.Sync ? [decoding.readVarUint(decoder)] : []
    })
  }
}

function serverStep1(serverDoc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep1(encoder, serverDoc)
  return encoding.toUint8Array(encoder)
}

function serverStep2(serverDoc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep2(encoder, serverDoc)
  return encoding.toUint8Array(encoder)
}

describe('SaveTracker with a real provider over a scripted socket', () => {
  const cleanups: Array<() => void> = []
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup()
  })

  function setup() {
    const doc = new Y.Doc()
    const serverDoc = new Y.Doc()
    const provider = new WebsocketProvider('ws://test/sync', 'board', doc, {
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
      disableBc: true,
      maxBackoffTime: 10,
    })
    const connection = trackConnection(provider, { isOnline: () => true, subscribe: () => () => undefined })
    let clock = 5000
    const tracker = new SaveTracker(doc, provider, connection.state, { debounceMs: 5, maxWaitMs: 50, now: () => clock })
    cleanups.push(() => {
      tracker.destroy()
      connection.stop()
      provider.destroy()
    })
    /** Opens the current socket and plays the server's side of the handshake. */
    const handshake = () => {
      const socket = FakeSocket.latest!
      socket.open()
      socket.deliver(serverStep1(serverDoc)) // the server's step 1, sent on join
      socket.deliver(serverStep2(serverDoc)) // its reply to the provider's own step 1
      return socket
    }
    return { doc, provider, tracker, handshake, connection: connection.state, setClock: (ms: number) => (clock = ms) }
  }

  it('goes saving → saved when the reply to its request arrives, not before', async () => {
    const { doc, tracker, handshake } = setup()
    const socket = handshake()
    expect(tracker.status.get()).toBe('saved')

    createNote(doc, { ...author, x: 0, y: 0, text: 'idea' })
    expect(tracker.status.get()).toBe('saving')
    expect(tracker.unsavedSince).toBe(5000)
    await eventually(() => expect(socket.syncSent().at(-1)).toBe(SyncMessageType.Step1))
    expect(tracker.status.get()).toBe('saving')
    socket.deliver(serverStep2(new Y.Doc()))
    expect(tracker.status.get()).toBe('saved')
    expect(tracker.unsavedSince).toBeNull()
  })

  it('keeps offline edits as offline-unsaved, and asks again only after handing them over on reconnect', async () => {
    const { doc, tracker, handshake } = setup()
    const first = handshake()
    first.drop()
    expect(tracker.status.get()).toBe('saved')
    createNote(doc, { ...author, x: 0, y: 0, text: 'written offline' })
    expect(tracker.status.get()).toBe('offline-unsaved')

    await eventually(() => expect(FakeSocket.latest).not.toBe(first))
    const second = FakeSocket.latest!
    second.open()
    second.deliver(serverStep1(new Y.Doc()))
    second.deliver(serverStep2(new Y.Doc())) // answers the provider's own step 1: proves nothing
    expect(tracker.status.get()).toBe('saving')
    // The client's answer to the server's step 1 (with the offline note) goes out first, then
    // the request that covers it.
    await eventually(() =>
      expect(second.syncSent()).toEqual([SyncMessageType.Step1, SyncMessageType.Step2, SyncMessageType.Step1]),
    )
    second.deliver(serverStep2(new Y.Doc()))
    expect(tracker.status.get()).toBe('saved')
  })

  it('says the server is unreachable, and keeps edits as offline-unsaved, when the first connection fails', async () => {
    const { doc, tracker, connection, handshake } = setup()
    expect(connection.get().kind).toBe('connecting')
    const first = FakeSocket.latest!
    first.drop() // refused before it ever opened: the server is down, or a proxy drops upgrades
    expect(connection.get().kind).toBe('unreachable')
    createNote(doc, { ...author, x: 0, y: 0, text: 'written before any connection' })
    expect(tracker.status.get()).toBe('offline-unsaved')

    await eventually(() => expect(FakeSocket.latest).not.toBe(first))
    handshake()
    expect(connection.get().kind).toBe('connected')
    expect(tracker.status.get()).toBe('saving')
  })

  it('does not count edits the server sent', () => {
    const { doc, tracker, handshake } = setup()
    const socket = handshake()
    const other = new Y.Doc()
    createNote(other, { ...author, x: 0, y: 0, text: 'from someone else' })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(other))
    socket.deliver(encoding.toUint8Array(encoder))
    expect(doc.getMap('notes').size).toBe(1)
    expect(tracker.status.get()).toBe('saved')
  })
})

describe('shouldWarnBeforeUnload', () => {
  it('warns for unsaved edits kept nowhere else, or unsaved for too long', () => {
    expect(shouldWarnBeforeUnload('saved', 'failed', null, 0)).toBe(false)
    expect(shouldWarnBeforeUnload('saving', 'failed', 1000, 1001)).toBe(true)
    expect(shouldWarnBeforeUnload('saving', 'none', 1000, 1001)).toBe(true)
    expect(shouldWarnBeforeUnload('saving', 'ready', 1000, 1001)).toBe(false)
    expect(shouldWarnBeforeUnload('offline-unsaved', 'ready', 1000, 1000 + UNSAVED_WARNING_AFTER_MS + 1)).toBe(true)
    // Still writing the last edits to this device's store: leaving now could abort that.
    expect(shouldWarnBeforeUnload('offline-unsaved', 'ready', 1000, 1001, true)).toBe(true)
    expect(shouldWarnBeforeUnload('saved', 'ready', null, 0, true)).toBe(false)
    expect(shouldWarnBeforeUnload('saving', 'ready', 1000, 1001, true)).toBe(false)
  })
})
