import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { afterEach, describe, expect, it } from 'vitest'
import { createNote, listNotes } from '@shared/board/index.ts'
import { CloseCode, MessageType, SyncMessageType } from '@shared/protocol.ts'
import {
  boardSocketUrl,
  openEarly,
  resetEarlyForTests,
  takeEarly,
} from '../../../client/src/board/data/early-connection.ts'
import { TicketRefused, ticketedWebSocket } from '../../../client/src/board/data/ticket-socket.ts'

/** A WebSocket the test drives: it records what is sent and opens, speaks and closes on request. */
class FakeSocket {
  static made: FakeSocket[] = []
  binaryType = 'blob'
  readyState = 0
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  readonly sent: Uint8Array[] = []
  closedWith: number | null = null
  constructor(readonly url: string) {
    FakeSocket.made.push(this)
  }
  send(data: Uint8Array): void {
    this.sent.push(new Uint8Array(data))
  }
  close(code = 1000): void {
    this.closedWith = code
    this.readyState = 3
  }
  open(): void {
    this.readyState = 1
    this.onopen?.({} as Event)
  }
  receive(bytes: Uint8Array): void {
    this.onmessage?.({ data: bytes.slice().buffer } as MessageEvent)
  }
}
const Fake = FakeSocket as unknown as typeof WebSocket

const SYNC_URL = 'ws://host/sync'
const BOARD = 'board1'
const url = boardSocketUrl(SYNC_URL, BOARD, 'p1')

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

function open(options: { askForAll: boolean; ticket?: () => Promise<string>; participantReady?: Promise<unknown> }) {
  openEarly({
    boardId: BOARD,
    token: 'tok',
    syncUrl: SYNC_URL,
    participant: () => 'p1',
    participantReady: options.participantReady ?? Promise.resolve(),
    askForAll: options.askForAll,
    WebSocketImpl: Fake,
    ticket: options.ticket ?? (() => Promise.resolve('t1')),
  })
}

async function madeSocket(): Promise<FakeSocket> {
  await expect.poll(() => FakeSocket.made.length).toBe(1)
  return FakeSocket.made[0] as FakeSocket
}

const isStep1 = (bytes: Uint8Array) => bytes[0] === MessageType.Sync && bytes[1] === SyncMessageType.Step1

/** The server's side of a sync: its answer to a step 1, as y-websocket's server sends it. */
function step2For(server: Y.Doc, step1: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(step1)
  decoding.readVarUint(decoder) // Sync
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.readSyncMessage(decoder, encoder, server, null)
  return encoding.toUint8Array(encoder)
}

afterEach(() => {
  resetEarlyForTests()
  FakeSocket.made = []
})

describe('early connection: the board’s first socket, opened while its code loads', () => {
  it('asks for the whole board at once, and the provider takes it with the answer: synced, step 1 not sent twice', async () => {
    const server = new Y.Doc()
    server.transact(() => {
      for (let i = 0; i < 30; i++)
        createNote(server, {
          id: `n${i}`,
          text: `note ${i}`,
          x: i,
          y: 0,
          color: '#fde68a',
          zone: null,
          authorId: 'a',
          authorName: 'A',
        })
    })
    open({ askForAll: true })
    const socket = await madeSocket()
    expect(socket.url).toBe(`${url}&ticket=t1`)
    socket.open()
    // The empty document's step 1 went out on open, before any board code ran.
    expect(socket.sent).toHaveLength(1)
    const early = socket.sent[0] as Uint8Array
    expect(isStep1(early)).toBe(true)
    socket.receive(step2For(server, early))

    const doc = new Y.Doc()
    let fetched = 0
    const Polyfill = ticketedWebSocket(
      () => {
        fetched++
        return Promise.resolve('t2')
      },
      Fake,
      (address) => takeEarly(address, 'tok') as unknown as WebSocket | null,
    )
    const provider = new WebsocketProvider(SYNC_URL, BOARD, doc, {
      params: { participant: 'p1' },
      disableBc: true,
      WebSocketPolyfill: Polyfill,
    })
    try {
      await expect.poll(() => provider.synced).toBe(true)
      expect(fetched).toBe(0) // no ticket of its own: it took the early socket
      expect(FakeSocket.made).toHaveLength(1)
      expect(listNotes(doc)).toEqual(listNotes(server))
      // The provider's own step 1 was not sent again; what else it sends goes out.
      expect(socket.sent.filter(isStep1)).toHaveLength(1)
      provider.awareness.setLocalState({ name: 'A' })
      expect(socket.sent.at(-1)?.[0]).toBe(MessageType.Awareness)
    } finally {
      provider.destroy()
    }
  })

  it('holds the server’s messages until the local copy has loaded, but not the open', async () => {
    open({ askForAll: false })
    const socket = await madeSocket()
    socket.open()
    expect(socket.sent).toHaveLength(0) // a board this device knows: the provider asks itself
    socket.receive(new Uint8Array([MessageType.Awareness, 0]))
    const local = deferred<void>()
    const taken = takeEarly(url, 'tok', local.promise)
    expect(taken).not.toBeNull()
    const events: string[] = []
    if (!taken) return
    taken.onopen = () => events.push('open')
    taken.onmessage = () => events.push('message')
    await expect.poll(() => events).toEqual(['open'])
    expect(taken.readyState).toBe(1)
    taken.send(new Uint8Array([MessageType.Sync, SyncMessageType.Step1, 1, 0]))
    expect(socket.sent).toHaveLength(1) // not asked early: the provider's step 1 goes out
    local.resolve()
    await expect.poll(() => events).toEqual(['open', 'message'])
  })

  it('is closed, not taken, for another participant or token; taken only once', async () => {
    open({ askForAll: true })
    const socket = await madeSocket()
    expect(takeEarly(boardSocketUrl(SYNC_URL, BOARD, 'someone-else'), 'tok')).toBeNull()
    expect(socket.closedWith).toBe(1000)
    expect(takeEarly(url, 'tok')).toBeNull()
    // Once the board has made its socket, an early one would be nobody's: none opens.
    open({ askForAll: true })
    await Promise.resolve()
    expect(FakeSocket.made).toHaveLength(1)

    resetEarlyForTests()
    open({ askForAll: true })
    await expect.poll(() => FakeSocket.made.length).toBe(2)
    expect(takeEarly(url, 'another-token')).toBeNull()
    expect(FakeSocket.made[1]?.closedWith).toBe(1000)
  })

  it('is not taken once the ticket was refused or the socket closed: the board connects as before', async () => {
    const refused = Promise.reject(new TicketRefused(CloseCode.NotFound))
    open({ askForAll: true, ticket: () => refused })
    await refused.catch(() => undefined)
    // The refusal has reached the connection once the tasks queued before this one have run.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(takeEarly(url, 'tok')).toBeNull()
    expect(FakeSocket.made).toHaveLength(0)

    resetEarlyForTests()
    open({ askForAll: true })
    const socket = await madeSocket()
    socket.open()
    socket.onclose?.({ code: 1006, reason: '' } as CloseEvent)
    expect(takeEarly(url, 'tok')).toBeNull()
  })

  it('waits for the participant id (from /api/me) before it opens the socket', async () => {
    const me = deferred<void>()
    let participant = 'device-id'
    openEarly({
      boardId: BOARD,
      token: 'tok',
      syncUrl: SYNC_URL,
      participant: () => participant,
      participantReady: me.promise,
      askForAll: true,
      WebSocketImpl: Fake,
      ticket: () => Promise.resolve('t1'),
    })
    await Promise.resolve()
    expect(FakeSocket.made).toHaveLength(0)
    participant = 'account-id'
    me.resolve()
    const socket = await madeSocket()
    expect(socket.url).toBe(`${boardSocketUrl(SYNC_URL, BOARD, 'account-id')}&ticket=t1`)
  })
})
