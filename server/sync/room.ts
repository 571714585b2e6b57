import { EventEmitter } from 'node:events'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode } from '@shared/protocol.ts'
import type { RelaySubscription } from '../relay/types.ts'
import type { BoardConnection } from './connection.ts'
import {
  awarenessEntriesOf,
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessChunks,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep1Of,
  encodeSyncStep2Messages,
  encodeUpdateMessages,
  MessageDecodeError,
} from './messages.ts'
import { AwarenessBatch } from './awareness-batch.ts'
import { PresenceBinding } from './presence-binding.ts'
import { askForMissingDependencies } from './missing-dependencies.ts'
import { DocSize } from './doc-size.ts'
import { roomKeyOf } from './draft-id.ts'
import type { CreatePolicy, PolicyRoom, RoomPolicy } from './policy.ts'
import { StoredState } from './stored-state.ts'
import { WriteGuard } from './write-guard.ts'
import type { Logger } from './socket.ts'
import { SharedMessage } from './ws-frame.ts'
import type { FlushBatch, FlushSource } from './update-writer.ts'

/** Transaction origins of writes that do not come from a connected client. */
export const LoadOrigin = Symbol('load')
export const RelayOrigin = Symbol('relay')
export const ServerOrigin = Symbol('server')

export interface RoomLimits {
  maxClients: number
  /** Largest awareness state (JSON characters) one client may publish. */
  awarenessStateMaxChars: number
  /** Largest message sent to a client: larger updates and answers are split. */
  maxMessageBytes: number
}

export interface RoomInit {
  boardId: string
  /** A participant's private draft of the board (silent mode), or null for the board itself. */
  draftId?: string | null
  /**
   * The board: its document, built (a board loaded with an update log to replay, a test's
   * document), or its stored state as bytes that make a whole document (StoredState: a
   * compacted snapshot), from which the room builds the document only when it is needed.
   */
  board: { doc: Y.Doc } | { stored: StoredState }
  /** The bytes it was loaded from (snapshot and log): where the size estimate starts. */
  storedBytes: number
  relay: RelaySubscription
  limits: RoomLimits
  /** The rules of the document's writes (see policy.ts). */
  createPolicy: CreatePolicy
  /** Asks the writer to flush this room's updates soon. */
  scheduleFlush: (room: BoardRoom) => void
  /**
   * The room's document as storage holds it (one update), for sync replies while the room's
   * own writes are failing.
   */
  storedState?: (room: BoardRoom) => Promise<Uint8Array>
  log: Logger
}

/** A room's lifecycle, as events. */
export interface RoomEvents {
  /** The last connection left. */
  empty: []
  /** A flush was made durable and delivered: how many updates it appended to the log. */
  flushed: [appended: number]
  /** The document was built from the bytes the room held (a write, or a reader, needs it). */
  built: []
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

/** The state vector of a client that has nothing yet (Y.encodeStateVector of an empty document). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0
}

/** An update with no structs and no deletions (what Y.encodeStateAsUpdate of an empty document gives). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0
}

/**
 * The largest update message stored and sent on as the client sent it (a move is about 60
 * bytes, a new note a few hundred); larger ones are stored as Yjs encodes what they changed.
 */
const AS_SENT_MAX_BYTES = 4096

/** Whether a transaction integrated or deleted anything (when Yjs would emit an 'update'). */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true
  }
  return false
}

/**
 * How much the changes kept beside the whole-board answer may grow, as a share of the board's
 * own bytes, before the next joiner's answer is made anew from the document: past it, sending
 * them (and merging them once) would cost more than encoding the board again.
 */
const WHOLE_BOARD_TAIL_SHARE = 0.25

/**
 * The answer to a joiner with nothing, made once: the board as encoded messages (or the
 * snapshot bytes they are made from), and the changes stored since, in order.
 */
interface WholeBoard {
  update: Uint8Array | null
  messages: Uint8Array[] | null
  /** The board's bytes when the answer was made: what the changes since are measured against. */
  bytes: number
  since: Uint8Array[]
  sinceBytes: number
}

/** Every message of a list, in order. */
function sendAll(conn: BoardConnection, messages: readonly Uint8Array[]): void {
  for (const message of messages) conn.send(message)
}

/**
 * One loaded board: its Y.Doc, awareness and connections. Framework-free; it sees sockets
 * only through BoardConnection.
 *
 * A board nobody writes to is held as its stored bytes (StoredState), not as a Y.Doc, which
 * would take ten times the memory and most of a cold load's time to build: joiners are
 * answered from the bytes, and the document is built when a write (or a server-side reader)
 * first needs it — `doc` builds it. The registry lets it go again when the board has been
 * quiet (releaseDocument), back to bytes.
 *
 * Durability: an update from a client is applied to the document at once but sent to other
 * clients only after the writer made it durable. A sync reply (the whole board for a joiner)
 * is likewise computed when a flush starts and sent when it ends, so nobody ever receives
 * data that a crash could take back.
 */
export class BoardRoom extends EventEmitter<RoomEvents> implements FlushSource, PolicyRoom {
  /** The board; for a draft room, the board the draft belongs to. */
  readonly boardId: string
  /** Set for a participant's private draft of the board (silent mode); null for the board. */
  readonly draftId: string | null
  /** The registry's and the relay's name for this room (roomKeyOf). */
  readonly key: string
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<BoardConnection>()
  readonly log: Logger

  readonly #limits: RoomLimits
  readonly #scheduleFlush: (room: BoardRoom) => void
  readonly #storedState: ((room: BoardRoom) => Promise<Uint8Array>) | undefined
  readonly #relay: RelaySubscription
  readonly #policy: RoomPolicy
  /** The board's document while it is built; null while the room holds the board as bytes. */
  #doc: Y.Doc | null = null
  /** The board as bytes, while no document is built. */
  #stored: StoredState | null = null
  /** Judges client writes into the built document. */
  #guard: WriteGuard | null = null
  #destroyed = false
  readonly #size: DocSize
  /** Which connection speaks for each awareness client id. */
  readonly #presence: PresenceBinding
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
  /**
   * The answer to a joiner with nothing (an empty state vector): the whole board, encoded and
   * split into messages once and sent to every such joiner, followed by the changes stored
   * since (merged once) until they outgrow WHOLE_BOARD_TAIL_SHARE of it. A workshop's
   * participants join at once, a big board's while others already write: each would otherwise
   * pay an encoding of the whole board (Y.encodeStateAsUpdate and its split, ~50 ms at 10,000
   * notes) on the event loop every other board shares. (While the board is held as bytes,
   * StoredState keeps this answer.)
   */
  #wholeBoard: WholeBoard | null = null

  constructor(init: RoomInit) {
    super()
    const { boardId, draftId = null } = init
    this.boardId = boardId
    this.draftId = draftId
    this.key = roomKeyOf(boardId, draftId)
    this.#relay = init.relay
    this.#limits = init.limits
    this.#scheduleFlush = init.scheduleFlush
    this.#storedState = init.storedState
    this.log = init.log
    this.#size = new DocSize(() => this.#encodedSize(), init.storedBytes)
    // The policy must not read the document when it is made (policy.ts): that would build it.
    this.#policy = init.createPolicy(this)
    // Presence needs nothing of the board: the awareness gets an empty document of its own,
    // so that it lives on while the board's document is built and let go.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc())
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onAwarenessUpdate)
    this.#presence = new PresenceBinding({
      awareness: this.awareness,
      maxStateChars: init.limits.awarenessStateMaxChars,
      apply: (conn, entries) =>
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), conn),
    })
    // Sent to the origin too: y-websocket clients treat their own echo as a liveness signal.
    // Changes from this process's clients also go to the other processes; relayed ones do not.
    this.#localAwareness = new AwarenessBatch(
      this.awareness,
      (update) => {
        this.#broadcast(encodeAwarenessMessage(update), null)
        this.#relay.publishAwareness(update)
      },
      init.limits.maxMessageBytes,
    )
    this.#relayedAwareness = new AwarenessBatch(
      this.awareness,
      (update) => this.#broadcast(encodeAwarenessMessage(update), null),
      init.limits.maxMessageBytes,
    )
    if ('doc' in init.board) this.#attach(init.board.doc)
    else this.#stored = init.board.stored
  }

  /**
   * The board's document, built from the bytes the room holds if it is not built yet: for a
   * write, or a server-side reader that needs the live document (read() does not).
   */
  get doc(): Y.Doc {
    return this.#doc ?? this.#build()
  }

  /** True while the document is built; false while the board is held as bytes. */
  get isBuilt(): boolean {
    return this.#doc !== null
  }

  #attach(doc: Y.Doc): void {
    this.#doc = doc
    this.#guard = new WriteGuard(doc, this.#policy)
    doc.on('update', this.#onDocUpdate)
  }

  #build(): Y.Doc {
    const stored = this.#stored
    if (!stored) throw new Error('the room holds neither a document nor its bytes')
    const started = performance.now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored.bytes, LoadOrigin)
    if (this.#destroyed) {
      // A reader late for a room that is gone: it reads, but nothing listens any more.
      this.#doc = doc
      return doc
    }
    this.#stored = null
    this.#attach(doc)
    // The document is the bytes, so the joiners' answer made from them stays good until it changes.
    const messages = stored.cachedWholeBoard
    this.#wholeBoard = {
      update: messages ? null : stored.bytes,
      messages,
      bytes: stored.bytes.byteLength,
      since: [],
      sinceBytes: 0,
    }
    this.log.info({ ms: Math.round(performance.now() - started), bytes: stored.bytes.byteLength }, 'document built')
    this.emit('built')
    return doc
  }

  /**
   * Lets the document go and holds the board as its encoded state again, until the next write
   * builds it anew. Only when everything is durable and delivered and nothing waits for missing
   * dependencies: false otherwise (and nothing changes). The registry calls it for a board
   * that has been quiet (RoomRegistry, DOC_IDLE_MS).
   */
  releaseDocument(): boolean {
    const doc = this.#doc
    if (!doc || this.#destroyed || !this.isDrained || this.#captured !== null) return false
    const { pendingStructs, pendingDs } = doc.store
    if (pendingStructs !== null || pendingDs !== null) return false
    const bytes = Y.encodeStateAsUpdate(doc)
    // Made from this very document when nothing changed since: still its answer.
    const whole = this.#wholeBoard
    const wholeBoard = whole && whole.since.length === 0 ? whole.messages : null
    this.#detach(doc)
    this.#doc = null
    this.#stored = new StoredState(bytes, { wholeBoard })
    this.#wholeBoard = null
    this.#policy.released?.()
    return true
  }

  #detach(doc: Y.Doc): void {
    this.#guard?.destroy()
    this.#guard = null
    doc.off('update', this.#onDocUpdate)
    doc.destroy()
  }

  /**
   * Runs `read` on the board's document without building the room's own: while the board is
   * held as bytes, on a document built for the call and discarded after. `read` must only read.
   */
  read<T>(read: (doc: Y.Doc) => T): T {
    if (this.#doc || !this.#stored) return read(this.doc)
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, this.#stored.bytes)
      return read(doc)
    } finally {
      doc.destroy()
    }
  }

  /**
   * The board's whole state as one update: the bytes it is held as, or an encoding of the
   * document (for a compaction by the board's only writer).
   */
  encodeState(): Uint8Array {
    return this.#stored?.bytes ?? Y.encodeStateAsUpdate(this.doc)
  }

  #encodedSize(): number {
    return this.#stored?.bytes.byteLength ?? Y.encodeStateAsUpdate(this.doc).byteLength
  }

  /** An upper bound of the document's encoded size in bytes (PolicyRoom). */
  approximateBytes(): number {
    return this.#size.approximate
  }

  /** The document's encoded size, measured at most once a second (PolicyRoom). */
  measureBytes(): number {
    return this.#size.measure()
  }

  // ---- connections ---------------------------------------------------------------------------

  /** Adds a connection and starts the sync handshake; false when the board is full (the caller refuses it). */
  join(conn: BoardConnection): boolean {
    if (this.connections.size >= this.#limits.maxClients) return false
    this.connections.add(conn)
    conn.onClosed(() => this.#leave(conn))
    conn.send(this.#stored ? encodeSyncStep1Of(this.#stored.encodedStateVector()) : encodeSyncStep1(this.doc))
    if (this.awareness.getStates().size > 0) this.#sendAwarenessSnapshot(conn)
    this.#policy.joined?.(conn)
    return true
  }

  #leave(conn: BoardConnection): void {
    if (!this.connections.delete(conn)) return
    this.#syncRequests = this.#syncRequests.filter((request) => request.conn !== conn)
    const clientId = this.#presence.release(conn)
    if (clientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], ServerOrigin)
      // Forget its clock too: the same client reconnecting re-sends its state at the same clock.
      this.awareness.meta.delete(clientId)
    }
    if (this.connections.size === 0) this.emit('empty')
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
          conn.answeredSync = true
          this.#applyClientUpdate(conn, message.update, false)
          break
        case 'update':
          this.#applyClientUpdate(conn, message.update, true)
          break
        case 'awareness':
          this.#presence.receive(conn, message.entries)
          break
        case 'query-awareness':
          this.#sendAwarenessSnapshot(conn)
          break
        case 'auth':
          break
        case 'unknown':
          conn.ignoredUnknownMessage(message.messageType, message.syncType)
          break
      }
    } catch (error) {
      const code = error instanceof MessageDecodeError ? CloseCode.Unsupported : CloseCode.InternalError
      conn.log.error({ err: error }, 'handling a message failed; closing the connection')
      conn.close(code, 'message could not be handled')
    }
  }

  /** Every present client's state, in as many messages as the limit needs. */
  #sendAwarenessSnapshot(conn: BoardConnection): void {
    const entries = awarenessEntriesOf(this.awareness, this.awareness.getStates().keys())
    for (const chunk of encodeAwarenessChunks(entries, this.#limits.maxMessageBytes)) {
      conn.send(encodeAwarenessMessage(chunk))
    }
  }

  #replyToSync(conn: BoardConnection, stateVector: Uint8Array): void {
    if (!this.#inFlight && this.#unflushed.length === 0) {
      // Everything in the document is durable: answer at once.
      sendAll(conn, this.#syncStep2For(stateVector))
      return
    }
    if (this.#storageFailing && !this.#hasUnstoredWrites(conn)) {
      this.#replyFromStorage([{ conn, stateVector }])
      return
    }
    this.#syncRequests.push({ conn, stateVector })
    this.#scheduleFlush(this)
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
    const stored = requests.length > 0 ? this.#storedState?.(this) : undefined
    if (!stored) {
      this.#syncRequests.push(...requests)
      return
    }
    stored.then(
      (state) => {
        for (const { conn, stateVector } of requests) {
          if (!this.connections.has(conn)) continue
          sendAll(conn, encodeSyncStep2Messages(Y.diffUpdate(state, stateVector), this.#limits.maxMessageBytes))
        }
      },
      (error: unknown) => {
        // Storage cannot be read either: the replies wait for the write, as they would anyway.
        this.log.warn({ err: error }, 'reading the stored board failed; sync replies wait for storage')
        this.#syncRequests.push(...requests.filter((request) => this.connections.has(request.conn)))
        this.#scheduleFlush(this)
      },
    )
  }

  /**
   * A client's update: integrated, judged by the room's policy, and what it refuses reverted
   * at once (a viewer's write, refused whole, included). The writer is told why with a
   * permission-denied message per reason and gets the corrected state like everyone else.
   */
  #applyClientUpdate(conn: BoardConnection, update: Uint8Array, isUpdateMessage: boolean): void {
    // A joiner with nothing of its own answers the server's sync step 1 with an empty update:
    // nothing to integrate, judge or store.
    if (isEmptyUpdate(update)) return
    // While the board is held as bytes, an update that brings nothing new builds nothing: a
    // returning client's sync step 2 is one (Yjs sends its whole delete set along).
    if (this.#stored?.contains(update)) return
    const doc = this.doc
    const guard = this.#guard
    if (!guard) throw new Error('the room is destroyed')
    const write = guard.begin(conn)
    const store = doc.store
    // An update message (a client's new edit, not its whole state after a reconnect) applied
    // to a document with nothing pending is stored and passed on as the client sent it, if it
    // integrates whole: Yjs is not asked to encode the same change again ('update' event).
    // Only a small one: a large update message may repeat much of what the board has (a
    // client's offline copy loaded after it connected), and only the new part should be
    // stored and sent to everyone.
    const asSent =
      isUpdateMessage &&
      update.byteLength <= AS_SENT_MAX_BYTES &&
      store.pendingStructs === null &&
      store.pendingDs === null
    const captured: Uint8Array[] = []
    if (asSent) doc.off('update', this.#onDocUpdate)
    else this.#captured = captured
    this.#size.add(update.byteLength)
    let applyError: unknown = null
    try {
      Y.applyUpdate(doc, update, write)
    } catch (error) {
      applyError = error
    } finally {
      if (asSent) doc.on('update', this.#onDocUpdate)
      else this.#captured = null
    }
    if (asSent && write.refusal === null) {
      const transaction = write.transaction
      if (transaction !== null && changedAnything(transaction)) {
        const whole = applyError === null && store.pendingStructs === null && store.pendingDs === null
        captured.push(whole ? update : guard.integrated(transaction))
      }
    }

    if (write.refusal !== null) {
      const { refused, denials } = write.refusal
      conn.log.info(
        { reasons: denials.slice(0, 3), items: refused === 'all' ? 'all' : refused.size },
        'refused a write',
      )
      const corrected = this.#capturing(() => guard.revert(write))
      this.#size.add(corrected.byteLength)
      this.#enqueue(corrected, null)
      for (const reason of denials) conn.send(encodePermissionDenied(reason))
    } else {
      for (const accepted of captured) this.#enqueue(accepted, conn)
    }

    askForMissingDependencies(doc, conn)

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

  #onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const batch = origin === RelayOrigin ? this.#relayedAwareness : this.#localAwareness
    batch.add([...changes.added, ...changes.updated], changes.removed)
  }

  // ---- document updates and durability -------------------------------------------------------

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.#captured !== null) {
      this.#captured.push(update)
    } else if (origin === RelayOrigin) {
      // Another process stored it before relaying it. It may be that process's erasure of a
      // person, which the whole-board answer must not send on: the answer is made anew.
      this.#wholeBoard = null
      this.#size.add(update.byteLength)
      this.#broadcastUpdate(update, null)
    } else if (origin !== LoadOrigin) {
      // The server's own write (room.transact: an erasure, an import, a reveal …): an erasure
      // must reach a joiner as the board without the person, not as the board with them
      // followed by their removal, so the whole-board answer is made anew.
      this.#wholeBoard = null
      this.#size.add(update.byteLength)
      this.#enqueue(update, null)
    }
  }

  /**
   * Every change this process makes to the document passes here as what is stored: a refused
   * write only as its reversal (tombstones, never the refused content), so the whole-board
   * answer's changes since are exactly what storage and the clients get.
   */
  #enqueue(update: Uint8Array, from: BoardConnection | null): void {
    this.#changedSinceWholeBoard(update)
    this.#unflushed.push({ update, from })
    this.#scheduleFlush(this)
  }

  beginFlush(): FlushBatch | null {
    if (this.#unflushed.length === 0 && this.#syncRequests.length === 0) return null
    const pending = this.#unflushed
    this.#unflushed = []
    // Sync replies computed now contain exactly what this flush makes durable.
    const replies = this.#syncRequests.map(({ conn, stateVector }) => ({
      conn,
      messages: this.#syncStep2For(stateVector),
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
        for (const { conn, messages } of replies) {
          if (this.connections.has(conn)) sendAll(conn, messages)
        }
        this.emit('flushed', pending.length)
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
      this.#broadcastUpdate(only.update, only.from)
      this.#relay.publishUpdate(only.update)
    } else if (pending.length > 1) {
      // The other processes get the same merged update: one stream entry per flush.
      const merged = Y.mergeUpdates(pending.map((entry) => entry.update))
      this.#broadcastUpdate(merged, null)
      this.#relay.publishUpdate(merged)
    }
  }

  /** Keeps a change beside the whole-board answer, or drops the answer once they outgrow it. */
  #changedSinceWholeBoard(update: Uint8Array): void {
    const whole = this.#wholeBoard
    if (!whole) return
    whole.since.push(update)
    whole.sinceBytes += update.byteLength
    if (whole.sinceBytes > whole.bytes * WHOLE_BOARD_TAIL_SHARE) this.#wholeBoard = null
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

  /**
   * Makes the answer to a joiner with nothing (the whole board) now, unless it is made
   * already: a joiner is on its way (its socket ticket was just issued), and its page would
   * otherwise wait while this is done, with the board's other work, when it asks.
   */
  prepareWholeBoard(): void {
    if (this.#destroyed) return
    if (this.#stored) this.#stored.wholeBoardMessages(this.#limits.maxMessageBytes)
    else this.#liveWholeBoard()
  }

  /** The answer to a sync step 1: what the document has beyond that state vector. */
  #syncStep2For(stateVector: Uint8Array): Uint8Array[] {
    const stored = this.#stored
    if (stored) {
      // Held as bytes: the answer is made from them, without building the document.
      return isEmptyStateVector(stateVector)
        ? stored.wholeBoardMessages(this.#limits.maxMessageBytes)
        : encodeSyncStep2Messages(stored.diff(stateVector), this.#limits.maxMessageBytes)
    }
    if (!isEmptyStateVector(stateVector)) {
      return encodeSyncStep2Messages(Y.encodeStateAsUpdate(this.doc, stateVector), this.#limits.maxMessageBytes)
    }
    const { messages, since } = this.#liveWholeBoard()
    // The changes since follow the board's sync step 2: to the client they are edits that
    // arrived right after it.
    return since ? [...messages, ...encodeUpdateMessages(since, this.#limits.maxMessageBytes)] : messages
  }

  /**
   * The live document's answer to a joiner with nothing: the board's messages, made once, and
   * the changes since, merged once for this joiner and every later one (null when none).
   */
  #liveWholeBoard(): { messages: Uint8Array[]; since: Uint8Array | null } {
    let whole = this.#wholeBoard
    if (!whole) {
      const update = Y.encodeStateAsUpdate(this.doc)
      whole = this.#wholeBoard = { update, messages: null, bytes: update.byteLength, since: [], sinceBytes: 0 }
    }
    if (!whole.messages) {
      whole.messages = encodeSyncStep2Messages(whole.update as Uint8Array, this.#limits.maxMessageBytes)
      // The messages hold the board; the update (a snapshot's bytes) need not be kept too.
      whole.update = null
    }
    if (whole.since.length > 1) whole.since = [Y.mergeUpdates(whole.since)]
    return { messages: whole.messages, since: whole.since[0] ?? null }
  }

  #broadcastUpdate(update: Uint8Array, except: BoardConnection | null): void {
    for (const message of encodeUpdateMessages(update, this.#limits.maxMessageBytes)) this.#broadcast(message, except)
  }

  /** One message to every connection but `except`, framed once for all of them (ws-frame.ts). */
  #broadcast(message: Uint8Array, except: BoardConnection | null): void {
    const shared = new SharedMessage(message)
    for (const conn of this.connections) {
      if (conn !== except) conn.sendShared(shared)
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
    // Held as bytes and nothing new in it (storage read back for a resync, usually): done.
    if (this.#stored?.contains(update)) return true
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
    const own = this.#presence.ownedClientIds().filter((clientId) => states.has(clientId))
    if (own.length > 0) this.#relay.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, own))
  }

  /**
   * Presence another process relayed. A client connected here is this process's to speak for:
   * what others relay about it (the removal by a process where its old socket finally timed
   * out, after it reconnected here) is ignored.
   */
  applyRemoteAwareness(update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update)
    const foreign = entries.filter((entry) => !this.#presence.isOwned(entry.clientId))
    if (foreign.length === 0) return
    const filtered = foreign.length === entries.length ? update : encodeAwarenessEntries(foreign)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, RelayOrigin)
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
    this.#destroyed = true
    this.removeAllListeners()
    this.awareness.off('update', this.#onAwarenessUpdate)
    this.#localAwareness.destroy()
    this.#relayedAwareness.destroy()
    this.awareness.destroy()
    // A destroyed document can still be read (by a reader late for the room); nothing listens.
    if (this.#doc) this.#detach(this.#doc)
    this.#policy.destroy?.()
    this.#resolveDrainWaiters()
  }
}
