import { MessageType, SyncMessageType } from '@shared/protocol.ts'
import { SocketLike } from './socket-like.ts'
import { requestTicket, TicketRefused } from './ticket-socket.ts'
import { dropWarmSocketWorker, socketWorkersAvailable, warmSocketWorker, WorkerWebSocket } from './worker-socket.ts'

/**
 * The board's first connection, opened by the app's entry (main.tsx) while the board's code
 * and the UI strings still load, rather than after them: the ticket request, the WebSocket
 * handshake and, on a board this device has not opened before, the server's whole board
 * (sync step 2) arrive meanwhile (issue 17, target 4: the first render of a 10,000-note board
 * used to wait for all of these one after the other). The board's provider then takes this
 * socket as its first one (ticket-socket.ts: `adopt`) and receives what came meanwhile, in
 * order, as if it had just arrived.
 *
 * Nothing on the wire changes: the socket sends what y-websocket would, a sync step 1. On a
 * board new to this device it sends that step 1 at once, for an empty document (the one the
 * board will start with, nothing being stored locally), and the provider's own step 1 on this
 * socket is then not sent again: the server's answer to the first already holds everything
 * the second would ask for. (The provider's answer to the server's step 1, which carries what
 * this device has and the server has not, goes out as always.)
 *
 * Kept small and free of Yjs: it is part of the app's entry chunk.
 */

/** A sync step 1 for an empty document: [Sync, Step1, length 1, state vector of 0 clients]. */
const EMPTY_SYNC_STEP1 = new Uint8Array([MessageType.Sync, SyncMessageType.Step1, 1, 0])
/** A connection not taken by then is closed: the page showed something other than the board. */
const UNCLAIMED_MS = 30_000
/** The longest the server's messages wait for the local copy to load (adopt). */
const HOLD_MAX_MS = 2000
/** Not a close code the server sends: the ticket request did not get through (as ticket-socket.ts). */
const NETWORK_FAILURE = 4000

type Entry =
  | { type: 'open'; event: Event }
  | { type: 'message'; event: MessageEvent }
  | { type: 'error'; event: Event }
  | { type: 'close'; event: CloseEvent }

/** What y-websocket's provider would connect to: `<syncUrl>/<boardId>?participant=<id>`. */
export function boardSocketUrl(syncUrl: string, boardId: string, participant: string): string {
  return `${syncUrl}/${boardId}?${encodeURIComponent('participant')}=${encodeURIComponent(participant)}`
}

/**
 * A WebSocket, as y-websocket uses one, whose events until it is adopted are kept and then
 * delivered one task each, in order; after that it passes everything straight through.
 */
export class EarlySocket extends SocketLike {
  readonly #entries: Entry[] = []
  #socket: WebSocket | null = null
  #adopted = false
  #draining = false
  /** Messages wait (adopt's `holdMessagesUntil`); the open and a close do not. */
  #held = false
  /** Whether the adopter has been told of the open (until then it sees CONNECTING). */
  #openDelivered = false
  /** Whether the adopter has been told the socket closed (until then it sees its state). */
  #closeDelivered = false
  #closedByUs = false
  /** Whether this socket asked for the whole board: the adopter's own step 1 is then not sent. */
  readonly #askForAll: boolean
  #step1Skipped = false

  constructor(connect: Promise<string>, askForAll: boolean, Base: typeof WebSocket = WebSocket) {
    super()
    this.#askForAll = askForAll
    connect.then(
      (address) => {
        if (this.#closedByUs) return
        const socket = new Base(address)
        socket.binaryType = 'arraybuffer'
        // A worker's socket sends it itself, as it opens, whatever the page is doing then.
        const stepOneOnOpen = this.#askForAll && socket instanceof WorkerWebSocket
        if (stepOneOnOpen) socket.sendOnOpen(EMPTY_SYNC_STEP1)
        socket.onopen = (event) => {
          if (this.#askForAll && !stepOneOnOpen) socket.send(EMPTY_SYNC_STEP1)
          performance.mark('kokeileva:early-socket-open')
          this.#push({ type: 'open', event })
        }
        socket.onmessage = (event: MessageEvent) => this.#push({ type: 'message', event })
        socket.onerror = (event) => this.#push({ type: 'error', event })
        socket.onclose = (event) => this.#push({ type: 'close', event })
        this.#socket = socket
      },
      (error: unknown) => {
        dropWarmSocketWorker() // no socket will be made
        const code = error instanceof TicketRefused ? error.code : NETWORK_FAILURE
        const reason = error instanceof TicketRefused ? error.reason : 'no ticket'
        this.#push({ type: 'close', event: { code, reason, wasClean: false } as CloseEvent })
      },
    )
  }

  /** Whether it can still be taken: not closed, by either side. */
  get usable(): boolean {
    return !this.#closedByUs && !this.#entries.some((entry) => entry.type === 'close') && !this.#closeDelivered
  }

  /**
   * From now on its events go to the handlers set on it; what came before follows first. The
   * server's messages wait for `holdMessagesUntil` (the local copy's loading: y-indexeddb
   * writes out the whole document when it opens after content has arrived), at most
   * HOLD_MAX_MS.
   */
  adopt(holdMessagesUntil: Promise<unknown> = Promise.resolve()): void {
    this.#adopted = true
    this.#held = true
    const release = () => {
      if (!this.#held) return
      this.#held = false
      this.#drain()
    }
    holdMessagesUntil.then(release, release)
    setTimeout(release, HOLD_MAX_MS)
    this.#drain()
  }

  get readyState(): number {
    if (this.#closeDelivered) return this.CLOSED
    if (!this.#openDelivered) return this.#closedByUs ? this.CLOSED : this.CONNECTING
    return this.#socket?.readyState ?? this.CLOSED
  }

  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.#askForAll && !this.#step1Skipped && isSyncStep1(data)) {
      this.#step1Skipped = true // asked for everything already (see above)
      return
    }
    this.#socket?.send(data)
  }

  close(code?: number, reason?: string): void {
    this.#closedByUs = true
    if (!this.#socket) dropWarmSocketWorker() // closed before its socket was made
    if (this.#socket) this.#socket.close(code, reason)
    else if (this.#adopted) this.#push({ type: 'close', event: { code: code ?? 1000, reason: reason ?? '', wasClean: true } as CloseEvent })
  }

  #push(entry: Entry): void {
    this.#entries.push(entry)
    if (this.#adopted) this.#drain()
  }

  /**
   * In a task of its own, as a socket's events arrive; but the messages that came before the
   * board was there all in one task: the server sends a big board as several messages, and
   * the board is drawn once, with all of them, rather than once after each.
   */
  #drain(): void {
    const next = this.#entries[0]
    if (this.#draining || !next || (this.#held && next.type === 'message')) return
    this.#draining = true
    setTimeout(() => {
      this.#draining = false
      const entry = this.#entries[0]
      if (!entry || (this.#held && entry.type === 'message')) return
      this.#entries.shift()
      this.#deliver(entry)
      while (entry.type === 'message' && this.#entries[0]?.type === 'message') this.#deliver(this.#entries.shift() as Entry)
      this.#drain()
    }, 0)
  }

  #deliver(entry: Entry): void {
    switch (entry.type) {
      case 'open':
        this.#openDelivered = true
        this.onopen?.(entry.event)
        break
      case 'message':
        this.onmessage?.(entry.event)
        break
      case 'error':
        this.onerror?.(entry.event)
        break
      case 'close':
        this.#closeDelivered = true
        this.onclose?.(entry.event)
        break
    }
  }
}

function isSyncStep1(data: string | ArrayBufferLike | Blob | ArrayBufferView): boolean {
  if (typeof data === 'string' || data instanceof Blob) return false
  const bytes = ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, Math.min(2, data.byteLength))
    : new Uint8Array(data, 0, Math.min(2, data.byteLength))
  return bytes[0] === MessageType.Sync && bytes[1] === SyncMessageType.Step1
}

/**
 * The early socket is held by a worker where the browser has workers (worker-socket.ts: a
 * big board's bytes arrive while the page's code loads and the board mounts); the worker
 * starts now, while the ticket is asked for.
 */
function defaultEarlySocket(): typeof WebSocket {
  if (!socketWorkersAvailable()) return WebSocket
  warmSocketWorker()
  return WorkerWebSocket as unknown as typeof WebSocket
}

interface Pending {
  boardId: string
  token: string
  /** The provider's address for this connection, once the participant id is known. */
  url: string | null
  socket: EarlySocket
}

let pending: Pending | null = null
/** The board has made its first socket already: an early one now would be nobody's. */
let tooLate = false

/**
 * Opens the board's first connection now: asks for a ticket at once, and opens the socket
 * when `participantReady` has settled (the participant id is in the socket's address, and a
 * signed-in person's is their account's: /api/me decides it). `askForAll`: send the sync step
 * 1 of an empty document at once (a board this device keeps no copy of).
 */
export function openEarly(options: {
  boardId: string
  token: string
  syncUrl: string
  participant: () => string
  participantReady: Promise<unknown>
  askForAll: boolean
  WebSocketImpl?: typeof WebSocket
  ticket?: (boardId: string, token: string) => Promise<string>
}): void {
  if (tooLate) return
  // Opened already for this board and token (by the board's early entry, then the app's entry).
  if (pending?.boardId === options.boardId && pending.token === options.token && pending.socket.usable) return
  pending?.socket.close()
  const ticket = (options.ticket ?? requestTicket)(options.boardId, options.token)
  const entry: Pending = { boardId: options.boardId, token: options.token, url: null, socket: null as never }
  // Known as soon as the participant is (the board may be taking it before the ticket is here).
  const providerUrl = options.participantReady
    .catch(() => undefined)
    .then(() => (entry.url = boardSocketUrl(options.syncUrl, options.boardId, options.participant())))
  const address = Promise.all([ticket, providerUrl]).then(([issued, provider]) => {
    const url = new URL(provider)
    url.searchParams.set('ticket', issued)
    return url.toString()
  })
  entry.socket = new EarlySocket(address, options.askForAll, options.WebSocketImpl ?? defaultEarlySocket())
  pending = entry
  setTimeout(() => {
    if (pending === entry) discardEarly()
  }, UNCLAIMED_MS)
}

/**
 * The early connection for this address and token, taken (only once), or null: none was
 * opened, it was for another board, participant or token, or it has closed already. One
 * that does not fit is closed, and none opens after this (the board connects on its own). `holdMessagesUntil`: see EarlySocket.adopt.
 */
export function takeEarly(url: string, token: string, holdMessagesUntil?: Promise<unknown>): EarlySocket | null {
  const entry = pending
  tooLate = true
  if (!entry) return null
  pending = null
  if (entry.url === url && entry.token === token && entry.socket.usable) {
    entry.socket.adopt(holdMessagesUntil)
    return entry.socket
  }
  entry.socket.close()
  return null
}

/** Closes an early connection nobody took. */
export function discardEarly(): void {
  pending?.socket.close()
  pending = null
}

/** For tests: as a page that has opened no board yet. */
export function resetEarlyForTests(): void {
  discardEarly()
  tooLate = false
}
