import { CloseCode } from '@shared/protocol.ts'
import { PERMISSIONS, type Role } from '@shared/roles.ts'
import { ResyncBudget } from './missing-dependencies.ts'
import type { Logger, SyncSocket } from './socket.ts'
import type { SharedMessage } from './ws-frame.ts'

let nextConnectionId = 1

/** A signed-in person on a connection (AUTH=oidc): their id is also their participant id. */
export interface SignedInPerson {
  readonly id: string
  readonly name: string
}

/** One client's connection to one board, with the role its token granted. */
export class BoardConnection {
  readonly id = nextConnectionId++
  readonly role: Role
  readonly log: Logger
  /** The awareness client id this connection speaks for, bound on its first own entry (PresenceBinding). */
  awarenessClientId: number | null = null
  /**
   * Whether the client has answered the server's sync step 1. Until then it has read nothing
   * from this connection, so any presence it sends is its own, not an echo.
   */
  answeredSync = false
  /**
   * The participant id (chosen in the browser) this connection speaks for in votes and in
   * silent mode: from ?participant= at connect, else bound by the write policy on first use.
   */
  participantId: string | null
  /** The signed-in person on this connection, or null (a guest, or AUTH=links). */
  readonly user: SignedInPerson | null
  /** How often this connection was asked to resend parts the server lacks. */
  readonly resyncs = new ResyncBudget()
  /** Messages of a type this server does not know, ignored (forward compatibility). */
  unknownMessages = 0
  #closed = false
  /** Whether the peer answered (a pong or any message) since the last heartbeat ping. */
  #heard = true
  /** Probes waiting for the peer to answer. */
  #probes: Array<(answered: boolean) => void> = []
  readonly #socket: SyncSocket
  readonly #sendBufferLimitBytes: number
  #closedListeners: Array<() => void> = []

  constructor(
    socket: SyncSocket,
    role: Role,
    log: Logger,
    sendBufferLimitBytes: number,
    participantId: string | null = null,
    user: SignedInPerson | null = null,
  ) {
    this.#socket = socket
    this.role = role
    this.participantId = participantId
    this.user = user
    this.log = log.child({ connId: this.id, role })
    this.#sendBufferLimitBytes = sendBufferLimitBytes
  }

  get canWrite(): boolean {
    return PERMISSIONS[this.role].writeContent
  }

  get isClosed(): boolean {
    return this.#closed || !this.#socket.isOpen
  }

  /** Listeners called once when the connection ends, whoever ended it. */
  onClosed(listener: () => void): void {
    this.#closedListeners.push(listener)
  }

  /**
   * Sends unless the client has stopped reading: past the send-buffer cap the connection is
   * closed (1013) instead of buffering without bound or silently skipping its updates.
   */
  send(message: Uint8Array): void {
    if (this.#mustNotSend()) return
    this.#socket.send(message)
  }

  /** As send(), for a message sent to many connections: framed once for all of them (ws-frame.ts). */
  sendShared(shared: SharedMessage): void {
    if (this.#mustNotSend()) return
    const socket = this.#socket
    if (socket.sendFrame) socket.sendFrame(shared.frame)
    else socket.send(shared.message)
  }

  /** Closed, or closed now because the client stopped reading. */
  #mustNotSend(): boolean {
    if (this.isClosed) return true
    const buffered = this.#socket.bufferedAmount
    if (buffered <= this.#sendBufferLimitBytes) return false
    this.log.warn({ bufferedBytes: buffered }, 'client stopped reading; closing')
    this.close(CloseCode.TryAgainLater, 'send buffer full')
    return true
  }

  /** The peer answered a ping or sent a message: it is alive. */
  heard(): void {
    this.#heard = true
    this.#settleProbes(true)
  }

  /** Pings the peer: true when it answers (a pong or any message) within timeoutMs. */
  probe(timeoutMs: number): Promise<boolean> {
    if (this.isClosed) return Promise.resolve(false)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#probes = this.#probes.filter((probe) => probe !== settle)
        resolve(false)
      }, timeoutMs)
      const settle = (answered: boolean) => {
        clearTimeout(timer)
        resolve(answered)
      }
      this.#probes.push(settle)
      this.#socket.ping()
    })
  }

  #settleProbes(answered: boolean): void {
    const probes = this.#probes
    this.#probes = []
    for (const settle of probes) settle(answered)
  }

  /**
   * One heartbeat: a peer that has not been heard from since the previous ping is terminated
   * (its slot, send buffer and room released), otherwise it is pinged again.
   */
  heartbeat(): void {
    if (this.isClosed) return
    if (!this.#heard) {
      this.log.info({}, 'no answer to the last ping; terminating the connection')
      this.terminate()
      return
    }
    this.#heard = false
    this.#socket.ping()
  }

  /** Drops the connection without a closing handshake. */
  terminate(): void {
    if (this.#closed) return
    this.#socket.terminate()
    this.markClosed()
  }

  close(code: number, reason: string): void {
    if (this.#closed) return
    this.#socket.close(code, reason)
    this.markClosed()
  }

  /** Counts a message of an unknown type; the first is logged, the count when the connection ends. */
  ignoredUnknownMessage(messageType: number, syncType: number | undefined): void {
    if (this.unknownMessages++ === 0) {
      this.log.info({ messageType, syncType }, 'ignored a message of an unknown type; further ones are only counted')
    }
  }

  /** The transport reports the socket closed (by the peer or by us). */
  markClosed(): void {
    if (this.#closed) return
    this.#closed = true
    this.#settleProbes(false)
    if (this.unknownMessages > 1) this.log.info({ unknownMessages: this.unknownMessages }, 'ignored unknown messages')
    const listeners = this.#closedListeners
    this.#closedListeners = []
    for (const listener of listeners) listener()
  }
}
