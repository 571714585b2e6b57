import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode } from '@shared/protocol.ts'
import type { Role } from '@shared/roles.ts'
import type { RelaySubscription } from '../relay/types.ts'
import type { BoardConnection } from './connection.ts'
import {
  decodeClientMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  MessageDecodeError,
  type AwarenessEntry,
} from './messages.ts'
import { AwarenessBatch } from './awareness-batch.ts'
import { DraftPolicy } from './draft-policy.ts'
import { roomKeyOf } from './draft-id.ts'
import { WriteGuard } from './write-guard.ts'
import type { Logger } from './socket.ts'
import type { FlushBatch, FlushSource } from './update-writer.ts'

/** Transaction origins of writes that do not come from a connected client. */
export const LoadOrigin = Symbol('load')
export const RelayOrigin = Symbol('relay')
export const ServerOrigin = Symbol('server')

export interface RoomOptions {
  maxClients: number
  /** Largest awareness state (JSON characters) one client may publish. */
  awarenessStateMaxChars: number
}

export interface RoomHooks {
  /** Asks the writer to flush this room's updates soon. */
  scheduleFlush(room: BoardRoom): void
  /** After a flush was delivered (compaction bookkeeping). */
  afterFlush(room: BoardRoom, appended: number): void
  /** The last connection left. */
  onEmpty(room: BoardRoom): void
  /**
   * A client's write was accepted; `endedSilence` when it turned the session's silent mode
   * off (a board's facilitator revealing). Runs after the write is enqueued for storage.
   */
  clientWrote?(room: BoardRoom, writer: Role, endedSilence: boolean): void
  /** A connection joined (after the sync handshake started). */
  joined?(room: BoardRoom, role: Role): void
  /**
   * The room's document as storage holds it (one update), for sync replies while the room's
   * own writes are failing.
   */
  storedState?(room: BoardRoom): Promise<Uint8Array>
}

interface PendingUpdate {
  update: Uint8Array
  /** The connection the update came from: it has it already. */
  from: BoardConnection | null
}

interface SyncRequest {
  conn: BoardConnection
  stateVector: Uint8Array
}

/**
 * One loaded board: its Y.Doc, awareness and connections. Framework-free; it sees sockets
 * only through BoardConnection.
 *
 * Durability: an update from a client is applied to the document at once but sent to other
 * clients only after the writer made it durable. A sync reply (the whole board for a joiner)
 * is likewise computed when a flush starts and sent when it ends, so nobody ever receives
 * data that a crash could take back.
 */
export class BoardRoom implements FlushSource {
  /** The board; for a draft room, the board the draft belongs to. */
  readonly boardId: string
  /** Set for a participant's private draft of the board (silent mode); null for the board. */
  readonly draftId: string | null
  /** The registry's and the relay's name for this room (roomKeyOf). */
  readonly key: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<BoardConnection>()
  readonly log: Logger
  /** Log entries this process appended since the board's last compaction (approximate). */
  updatesSinceCompaction: number
  compacting = false
  unloading = false
  idleTimer: NodeJS.Timeout | null = null

  readonly #options: RoomOptions
  readonly #hooks: RoomHooks
  readonly #relay: RelaySubscription
  readonly #guard: WriteGuard
  /** Which connection speaks for each awareness client id. */
  readonly #awarenessOwners = new Map<number, BoardConnection>()
  readonly #localAwareness: AwarenessBatch
  readonly #relayedAwareness: AwarenessBatch
  #unflushed: PendingUpdate[] = []
  #syncRequests: SyncRequest[] = []
  #inFlight = false
  /** The updates and sync requests of the flush in flight, until they are stored. */
  #inFlightUpdates: readonly PendingUpdate[] = []
  #inFlightRequests: readonly SyncRequest[] = []
  /** Set while the writer cannot store this room's updates and retries. */
  #storageFailing = false
  /** While a client message is applied, the document's update events are collected here. */
  #captured: Uint8Array[] | null = null
  #drainWaiters: Array<() => void> = []

  constructor(
    boardId: string,
    doc: Y.Doc,
    storedUpdates: number,
    relay: RelaySubscription,
    options: RoomOptions,
    hooks: RoomHooks,
    log: Logger,
    draftId: string | null = null,
  ) {
    this.boardId = boardId
    this.draftId = draftId
    this.key = roomKeyOf(boardId, draftId)
    this.doc = doc
    this.updatesSinceCompaction = storedUpdates
    this.#relay = relay
    this.#options = options
    this.#hooks = hooks
    this.log = log
    this.#guard = draftId === null ? new WriteGuard(doc) : new WriteGuard(doc, new DraftPolicy(doc))
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onAwarenessUpdate)
    // Sent to the origin too: y-websocket clients treat their own echo as a liveness signal.
    // Changes from this process's clients also go to the other processes; relayed ones do not.
    this.#localAwareness = new AwarenessBatch(this.awareness, (update) => {
      this.#broadcast(encodeAwarenessMessage(update), null)
      this.#relay.publishAwareness(update)
    })
    this.#relayedAwareness = new AwarenessBatch(this.awareness, (update) => {
      this.#broadcast(encodeAwarenessMessage(update), null)
    })
    doc.on('update', this.#onDocUpdate)
  }

  // ---- connections ---------------------------------------------------------------------------

  /** Adds a connection and starts the sync handshake; false when the board is full. */
  join(conn: BoardConnection): boolean {
    if (this.connections.size >= this.#options.maxClients) {
      conn.log.warn({ clients: this.connections.size }, 'board is full')
      conn.close(CloseCode.TryAgainLater, 'board is full')
      return false
    }
    if (this.idleTimer) {
      clearTimeout(this.idleTimer)
      this.idleTimer = null
    }
    this.connections.add(conn)
    conn.onClosed(() => this.#leave(conn))
    conn.send(encodeSyncStep1(this.doc))
    if (this.awareness.getStates().size > 0) {
      const clients = [...this.awareness.getStates().keys()]
      conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
    }
    this.#hooks.joined?.(this, conn.role)
    return true
  }

  #leave(conn: BoardConnection): void {
    if (!this.connections.delete(conn)) return
    this.#syncRequests = this.#syncRequests.filter((request) => request.conn !== conn)
    const clientId = conn.awarenessClientId
    if (clientId !== null && this.#awarenessOwners.get(clientId) === conn) {
      this.#awarenessOwners.delete(clientId)
      awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], ServerOrigin)
      // Forget its clock too: the same client reconnecting re-sends its state at the same clock.
      this.awareness.meta.delete(clientId)
    }
    if (this.connections.size === 0) this.#hooks.onEmpty(this)
  }

  // ---- messages ------------------------------------------------------------------------------

  /**
   * Handles one message from a connection. Whatever goes wrong here ends that connection
   * only; the room and every other connection go on.
   */
  receive(conn: BoardConnection, data: Uint8Array): void {
    if (conn.isClosed) return
    let message
    try {
      message = decodeClientMessage(data)
    } catch (error) {
      conn.log.warn({ err: error, bytes: data.byteLength }, 'undecodable message; closing')
      conn.close(CloseCode.Unsupported, 'undecodable message')
      return
    }
    try {
      switch (message.type) {
        case 'sync-step1':
          this.#replyToSync(conn, message.stateVector)
          break
        case 'sync-step2':
        case 'update':
          this.#applyClientUpdate(conn, message.update)
          break
        case 'awareness':
          this.#applyAwareness(conn, message.entries)
          break
        case 'query-awareness':
          conn.send(
            encodeAwarenessMessage(
              awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
            ),
          )
          break
        case 'auth':
          break
      }
    } catch (error) {
      const code = error instanceof MessageDecodeError ? CloseCode.Unsupported : CloseCode.InternalError
      conn.log.error({ err: error }, 'handling a message failed; closing the connection')
      conn.close(code, 'message could not be handled')
    }
  }

  #replyToSync(conn: BoardConnection, stateVector: Uint8Array): void {
    if (!this.#inFlight && this.#unflushed.length === 0) {
      // Everything in the document is durable: answer at once.
      conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)))
      return
    }
    if (this.#storageFailing && !this.#hasUnstoredWrites(conn)) {
      this.#replyFromStorage([{ conn, stateVector }])
      return
    }
    this.#syncRequests.push({ conn, stateVector })
    this.#hooks.scheduleFlush(this)
  }

  /**
   * The writer could not store this room's updates and retries. Rather than wait for the disk,
   * a connection with no unstored writes of its own (one that just joined) is answered with
   * what storage holds; one whose writes are not stored yet still waits: its answer means
   * "saved".
   */
  flushFailed(): void {
    this.#storageFailing = true
    const answerable = (request: SyncRequest) => !this.#hasUnstoredWrites(request.conn)
    // The flush's own requests are answered again when it is stored (a repeat does no harm).
    this.#replyFromStorage([...this.#inFlightRequests, ...this.#syncRequests].filter(answerable))
    this.#syncRequests = this.#syncRequests.filter((request) => !answerable(request))
  }

  #hasUnstoredWrites(conn: BoardConnection): boolean {
    return (
      this.#unflushed.some((entry) => entry.from === conn) || this.#inFlightUpdates.some((entry) => entry.from === conn)
    )
  }

  #replyFromStorage(requests: readonly SyncRequest[]): void {
    const stored = requests.length > 0 ? this.#hooks.storedState?.(this) : undefined
    if (!stored) {
      this.#syncRequests.push(...requests)
      return
    }
    stored.then(
      (state) => {
        for (const { conn, stateVector } of requests) {
          if (this.connections.has(conn)) conn.send(encodeSyncStep2(Y.diffUpdate(state, stateVector)))
        }
      },
      (error: unknown) => {
        // Storage cannot be read either: the replies wait for the write, as they would anyway.
        this.log.warn({ err: error }, 'reading the stored board failed; sync replies wait for storage')
        this.#syncRequests.push(...requests.filter((request) => this.connections.has(request.conn)))
        this.#hooks.scheduleFlush(this)
      },
    )
  }

  #applyClientUpdate(conn: BoardConnection, update: Uint8Array): void {
    if (!conn.canWrite) {
      // A viewer's writes never reach the document, storage or anyone else.
      conn.log.debug({ bytes: update.byteLength }, 'dropped a write from a read-only connection')
      return
    }
    const write = this.#guard.begin(conn)
    const captured: Uint8Array[] = []
    this.#captured = captured
    let applyError: unknown = null
    try {
      Y.applyUpdate(this.doc, update, write)
    } catch (error) {
      applyError = error
    } finally {
      this.#captured = null
    }

    if (write.violation !== null) {
      conn.log.info({ reason: write.violation }, 'refused a write')
      const sanitized = this.#capturing(() => this.#guard.revert(write))
      this.#enqueue(sanitized, null)
      conn.send(encodePermissionDenied(write.violation))
    } else {
      for (const accepted of captured) this.#enqueue(accepted, conn)
      if (captured.length > 0) this.#hooks.clientWrote?.(this, conn.role, write.endedSilence)
    }

    const store = this.doc.store
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // The update depends on data this server does not have. Rather than keep a tail that
      // cannot be integrated, drop it and ask the client for everything we lack.
      store.pendingStructs = null
      store.pendingDs = null
      conn.log.info({}, 'update had missing dependencies; asking the client to resync')
      conn.send(encodeSyncStep1(this.doc))
    }

    if (applyError !== null) {
      // What did integrate was captured above and is stored like any update, so memory and
      // storage agree; the client that sent a broken update is closed.
      conn.log.warn({ err: applyError }, 'update failed to apply; closing')
      conn.close(CloseCode.Unsupported, 'update could not be applied')
    }
  }

  /** Runs fn with the document's update events suppressed (the caller enqueues the result). */
  #capturing<T>(fn: () => T): T {
    this.#captured = []
    try {
      return fn()
    } finally {
      this.#captured = null
    }
  }

  #applyAwareness(conn: BoardConnection, entries: readonly AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = []
    for (const entry of entries) {
      if (entry.json.length > this.#options.awarenessStateMaxChars) continue
      if (conn.awarenessClientId === null && !this.#awarenessOwners.has(entry.clientId)) {
        // Clients echo others' states back; a connection is bound to the first client id that
        // no other connection speaks for, and may only ever update that one.
        conn.awarenessClientId = entry.clientId
        this.#awarenessOwners.set(entry.clientId, conn)
      }
      if (entry.clientId === conn.awarenessClientId) accepted.push(entry)
    }
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn)
    }
  }

  #onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const batch = origin === RelayOrigin ? this.#relayedAwareness : this.#localAwareness
    batch.add([...changes.added, ...changes.updated], changes.removed)
  }

  // ---- document updates and durability -------------------------------------------------------

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.#captured !== null) {
      this.#captured.push(update)
    } else if (origin === RelayOrigin) {
      // Another process stored it before relaying it.
      this.#broadcast(encodeUpdateMessage(update), null)
    } else if (origin !== LoadOrigin) {
      this.#enqueue(update, null)
    }
  }

  #enqueue(update: Uint8Array, from: BoardConnection | null): void {
    this.#unflushed.push({ update, from })
    this.#hooks.scheduleFlush(this)
  }

  beginFlush(): FlushBatch | null {
    if (this.#unflushed.length === 0 && this.#syncRequests.length === 0) return null
    const pending = this.#unflushed
    this.#unflushed = []
    // Sync replies computed now contain exactly what this flush makes durable.
    const replies = this.#syncRequests.map(({ conn, stateVector }) => ({
      conn,
      message: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)),
    }))
    this.#inFlightRequests = this.#syncRequests
    this.#syncRequests = []
    this.#inFlight = true
    this.#inFlightUpdates = pending
    return {
      updates: pending.map((entry) => entry.update),
      complete: () => {
        this.#inFlight = false
        this.#inFlightUpdates = []
        this.#inFlightRequests = []
        this.#storageFailing = false
        this.#fanOut(pending)
        for (const { conn, message } of replies) {
          if (this.connections.has(conn)) conn.send(message)
        }
        this.updatesSinceCompaction += pending.length
        this.#hooks.afterFlush(this, pending.length)
        if (this.isDrained) this.#resolveDrainWaiters()
      },
    }
  }

  /**
   * Sends a flush's updates to the clients and the other processes. Several updates are merged
   * into one message that every connection receives, the senders included (applying one's own
   * structs again is a no-op in Yjs; the reference y-websocket server echoes every update
   * too): on a crowded board this turns updates × connections socket writes into one write
   * per connection.
   */
  #fanOut(pending: readonly PendingUpdate[]): void {
    const only = pending.length === 1 ? pending[0] : undefined
    if (only) {
      this.#broadcast(encodeUpdateMessage(only.update), only.from)
      this.#relay.publishUpdate(only.update)
    } else if (pending.length > 1) {
      // The other processes get the same merged update: one stream entry per flush.
      const merged = Y.mergeUpdates(pending.map((entry) => entry.update))
      this.#broadcast(encodeUpdateMessage(merged), null)
      this.#relay.publishUpdate(merged)
    }
  }

  get isDrained(): boolean {
    return !this.#inFlight && this.#unflushed.length === 0 && this.#syncRequests.length === 0
  }

  /** Resolves once every accepted update is durable and delivered. */
  drained(): Promise<void> {
    if (this.isDrained) return Promise.resolve()
    return new Promise((resolve) => this.#drainWaiters.push(resolve))
  }

  #resolveDrainWaiters(): void {
    const waiters = this.#drainWaiters
    this.#drainWaiters = []
    for (const resolve of waiters) resolve()
  }

  #broadcast(message: Uint8Array, except: BoardConnection | null): void {
    for (const conn of this.connections) {
      if (conn !== except) conn.send(message)
    }
  }

  // ---- other processes -----------------------------------------------------------------------

  /**
   * An update another process made durable and relayed. False when it depended on data this
   * room does not have (the relay lost an entry): that part is dropped, as in the client path,
   * so that no pending tail lingers in the document, and the caller reloads the board from
   * storage, where everything relayed is already durable.
   */
  applyRemoteUpdate(update: Uint8Array): boolean {
    Y.applyUpdate(this.doc, update, RelayOrigin)
    const store = this.doc.store
    if (store.pendingStructs === null && store.pendingDs === null) return true
    store.pendingStructs = null
    store.pendingDs = null
    return false
  }

  /** Publishes the presence of this room's own clients again (another process asked). */
  republishAwareness(): void {
    const states = this.awareness.getStates()
    const own = [...this.#awarenessOwners.keys()].filter((clientId) => states.has(clientId))
    if (own.length > 0) this.#relay.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, own))
  }

  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, RelayOrigin)
  }

  /** A change made by the server itself (for example a promoted note's idea id). */
  transact(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), ServerOrigin)
  }

  /** Closes every connection; used on shutdown. */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) conn.close(code, reason)
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.awareness.off('update', this.#onAwarenessUpdate)
    this.#localAwareness.destroy()
    this.#relayedAwareness.destroy()
    this.awareness.destroy()
    this.#guard.destroy()
    this.doc.off('update', this.#onDocUpdate)
    this.doc.destroy()
    this.#resolveDrainWaiters()
  }
}
