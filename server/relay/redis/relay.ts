import { Redis, type RedisOptions } from 'ioredis'
import { newId } from '@shared/ids.ts'
import type { Logger } from '../../sync/socket.ts'
import type { BoardEvent, Relay, RelayHandlers, RelaySubscription } from '../types.ts'
import { AwarenessBatcher, type AwarenessLimits } from './awareness-batcher.ts'
import { decodeAwarenessMessage, encodeAwarenessMessage, resyncFields, updateFields } from './entries.ts'
import { boardAwarenessChannel, boardEventsChannel, boardStreamKey, nodesKey, nodeWakeKey } from './keys.ts'
import { PeerWatch } from './peer-watch.ts'
import { parseXRevRangeId } from './replies.ts'
import { runIdOf, StreamReader, type ReadBoard, type ResyncReason } from './stream-reader.ts'

export type { ResyncReason } from './stream-reader.ts'

export interface RedisRelayOptions {
  url: string
  keyPrefix: string
  /** Entries a board's stream keeps (approximately, MAXLEN ~). */
  streamMaxLen: number
  log: Logger
  awareness?: Partial<AwarenessLimits>
  /** How long one blocking read waits (ms); a subscription wakes it earlier. */
  blockMs?: number
  /** Heartbeat interval and the silence after which another process counts as dead (tests). */
  heartbeatMs?: number
  deadAfterMs?: number
}

export interface RedisRelayStats {
  updatesPublished: number
  updatesReceived: number
  publishFailures: number
  awarenessPublished: number
  awarenessReceived: number
  awarenessDropped: number
  /** Other processes found dead (they may have died before relaying what they stored). */
  peersLost: number
  resyncs: Record<ResyncReason, number>
}

interface BoardChannel extends ReadBoard {
  channel: string
  handlers: Set<RelayHandlers>
  /** Settles once the position was read (or found unreadable) at subscribe time. */
  positioned: Promise<void>
  awareness: AwarenessBatcher
  /** When this process last set the stream's expiry (0: not yet, or Redis may have lost it). */
  expirySetAt: number
}

const DEFAULT_AWARENESS: AwarenessLimits = { flushIntervalMs: 50, maxMessageBytes: 64 * 1024, maxPendingClients: 1000 }
/** A board's stream expires this long after its last entry; live readers never need older entries. */
const STREAM_TTL_MS = 24 * 60 * 60 * 1000
/** The expiry is renewed with an append at most this often per board (not once per update). */
const STREAM_TTL_RENEW_MS = 60 * 1000
const WAKE_TTL_MS = 60 * 60 * 1000
/**
 * A command in flight when a connection silently drops gets no error from ioredis: this bounds
 * it. Generous, because a command that times out on a merely busy machine costs a resync.
 */
const COMMAND_TIMEOUT_MS = 5000
const ERROR_LOG_INTERVAL_MS = 10_000
/** Reloads after another process died are spread over this long. */
const PEER_LOST_RESYNC_SPREAD_MS = 500

function retryStrategy(times: number): number {
  return Math.min(times * 100, 2000)
}

/**
 * The scaled-out relay. Document updates go through one Redis Stream per board: a process
 * appends (XADD, capped with MAXLEN ~) only what it has made durable, and reads every board
 * it serves with one blocking XREAD from the last id it saw, skipping its own entries. Unlike
 * pub/sub, a stream keeps what a slow or reconnecting reader has not read yet; when it was
 * trimmed past that reader's position, or Redis itself restarted, the reader reloads the
 * board from storage (onResync). Awareness is ephemeral and goes over pub/sub, coalesced and
 * capped per board.
 *
 * Three connections: commands (XADD, PUBLISH), the blocking reader, and the subscriber.
 */
export class RedisRelay implements Relay {
  readonly kind = 'redis' as const
  /** This process's id in stream entries and awareness messages. */
  readonly nodeId = newId(10)
  readonly stats: RedisRelayStats = {
    updatesPublished: 0,
    updatesReceived: 0,
    publishFailures: 0,
    awarenessPublished: 0,
    awarenessReceived: 0,
    awarenessDropped: 0,
    peersLost: 0,
    resyncs: { trimmed: 0, restarted: 0, marker: 0, position: 0, 'apply-failed': 0, 'peer-lost': 0 },
  }

  readonly #options: RedisRelayOptions
  readonly #log: Logger
  readonly #awarenessLimits: AwarenessLimits
  readonly #blockMs: number
  readonly #command: Redis
  readonly #reader: Redis
  readonly #streams: StreamReader
  readonly #peers: PeerWatch
  readonly #subscriber: Redis
  readonly #wakeKey: string
  readonly #boards = new Map<string, BoardChannel>()
  readonly #byStreamKey = new Map<string, BoardChannel>()
  readonly #byChannel = new Map<string, BoardChannel>()
  readonly #eventsChannel: string
  readonly #eventListeners: Array<(event: BoardEvent) => void> = []
  /** Streams whose publish failed: a resync marker is owed to their other readers. */
  readonly #owedMarkers = new Set<string>()
  #markerTimer: NodeJS.Timeout | null = null
  #closed = false
  #lastConnectionError: Error | null = null

  private constructor(options: RedisRelayOptions) {
    this.#options = options
    this.#log = options.log.child({ relay: 'redis', nodeId: this.nodeId })
    this.#awarenessLimits = { ...DEFAULT_AWARENESS, ...options.awareness }
    this.#blockMs = options.blockMs ?? 5000
    this.#wakeKey = nodeWakeKey(options.keyPrefix, this.nodeId)
    this.#eventsChannel = boardEventsChannel(options.keyPrefix)
    const common: RedisOptions = { lazyConnect: true, retryStrategy, connectTimeout: 5000, keepAlive: 30_000 }
    // Commands fail at once while disconnected, and those in flight when the connection
    // drops are not re-sent: a failed publish is made good by a resync marker (so nothing
    // queues without bound), and a failed ping is what readiness wants to see.
    this.#command = new Redis(options.url, {
      ...common,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectionName: `kokeileva-${this.nodeId}-cmd`,
    })
    // The blocking read must fail on a disconnect (the loop then decides what to resume),
    // not be silently re-sent by the client library.
    this.#reader = new Redis(options.url, {
      ...common,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      // A blocking read on a connection that silently died would wait forever: no answer
      // well past the block time means the connection is dead, and it is replaced.
      socketTimeout: this.#blockMs + 10_000,
      connectionName: `kokeileva-${this.nodeId}-read`,
    })
    this.#subscriber = new Redis(options.url, {
      ...common,
      autoResubscribe: true,
      connectionName: `kokeileva-${this.nodeId}-sub`,
    })
    this.#watch(this.#command, 'command')
    this.#watch(this.#reader, 'reader')
    this.#watch(this.#subscriber, 'subscriber')
    this.#streams = new StreamReader(
      this.#reader,
      {
        nodeId: this.nodeId,
        boards: () => this.#boards.values(),
        boardOfStream: (streamKey) => this.#byStreamKey.get(streamKey),
        resync: (board, reason) => this.#resync(board, reason),
        received: () => {
          this.stats.updatesReceived += 1
        },
      },
      { wakeKey: this.#wakeKey, blockMs: this.#blockMs, log: this.#log },
    )
    this.#peers = new PeerWatch(this.#command, {
      key: nodesKey(options.keyPrefix),
      nodeId: this.nodeId,
      log: this.#log,
      ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      ...(options.deadAfterMs !== undefined ? { deadAfterMs: options.deadAfterMs } : {}),
      onPeersLost: (nodeIds) => this.#onPeersLost(nodeIds),
    })
    this.#command.on('ready', () => {
      // A restarted Redis has lost the streams' expiries with the streams.
      for (const board of this.#boards.values()) board.expirySetAt = 0
      this.#scheduleMarkers(0)
    })
    this.#subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() === this.#eventsChannel) this.#onBoardEventMessage(message)
      else this.#onAwarenessMessage(channel, message)
    })
  }

  /** Connects, checks the server and starts reading; rejects when Redis is unreachable or too old. */
  static async connect(options: RedisRelayOptions): Promise<RedisRelay> {
    const relay = new RedisRelay(options)
    try {
      await relay.#start()
      return relay
    } catch (error) {
      relay.#closed = true
      relay.#command.disconnect()
      relay.#reader.disconnect()
      relay.#subscriber.disconnect()
      throw error
    }
  }

  async #start(): Promise<void> {
    try {
      await Promise.all([this.#command.connect(), this.#reader.connect(), this.#subscriber.connect()])
    } catch (error) {
      const reason = this.#lastConnectionError?.message ?? (error as Error).message
      throw new Error(`Redis (REDIS_URL) is not reachable: ${reason}`, { cause: error })
    }
    const info = await this.#command.info('server')
    const version = /redis_version:(\d+)\./.exec(info)?.[1]
    if (version === undefined || Number(version) < 7) {
      // XINFO STREAM's recorded-first-entry-id and entries-added, which tell a trimmed stream,
      // came with Redis 7.
      throw new Error(
        `Invalid configuration: REDIS_URL points at Redis ${version ?? '(unknown version)'}; the relay needs Redis 7 or newer`,
      )
    }
    // Board events are few and matter to every process: subscribed for the relay's lifetime.
    await this.#subscriber.subscribe(this.#eventsChannel)
    this.#streams.start(runIdOf(info))
    await this.#peers.start()
    this.#log.info({ streamMaxLen: this.#options.streamMaxLen }, 'Redis relay connected')
  }

  #watch(connection: Redis, role: string): void {
    let lastLoggedAt = 0
    connection.on('error', (error: Error) => {
      this.#lastConnectionError = error
      // ioredis reconnects by itself; the error is logged, at most every few seconds per connection.
      if (this.#closed || Date.now() - lastLoggedAt < ERROR_LOG_INTERVAL_MS) return
      lastLoggedAt = Date.now()
      this.#log.warn(
        { err: { message: error.message, code: (error as NodeJS.ErrnoException).code }, connection: role },
        'Redis connection error',
      )
    })
  }

  // ---- subscriptions -------------------------------------------------------------------------

  async subscribe(boardId: string, handlers: RelayHandlers): Promise<RelaySubscription> {
    if (this.#closed) throw new Error('relay is closed')
    const existing = this.#boards.get(boardId)
    if (existing) {
      existing.handlers.add(handlers)
      // The caller loads the board next: not before the position is known.
      await existing.positioned
      return this.#subscriptionOf(existing, handlers)
    }
    const streamKey = boardStreamKey(this.#options.keyPrefix, boardId)
    const channel = boardAwarenessChannel(this.#options.keyPrefix, boardId)
    const created: BoardChannel = {
      boardId,
      streamKey,
      channel,
      handlers: new Set([handlers]),
      lastId: null,
      needsPosition: null,
      positioned: Promise.resolve(),
      expirySetAt: 0,
      awareness: new AwarenessBatcher(
        this.#awarenessLimits,
        (update) => this.#publishAwareness(created, update),
        (entries) => {
          this.stats.awarenessDropped += entries
        },
      ),
    }
    const board = created
    let positioned = () => {}
    board.positioned = new Promise<void>((resolve) => {
      positioned = resolve
    })
    this.#boards.set(boardId, board)
    this.#byStreamKey.set(streamKey, board)
    this.#byChannel.set(channel, board)
    this.#subscriber.subscribe(channel).then(
      // Listening now: ask the processes already serving this board for their presence.
      () => this.#publishAwareness(board, new Uint8Array(0)),
      (error: unknown) => {
        // Queued until the subscriber reconnects, when ioredis re-subscribes on its own.
        this.#log.warn({ err: error, boardId }, 'subscribing to awareness failed; retried on reconnect')
      },
    )
    try {
      // The stream's end now, before the caller loads the board: every update stored after
      // the load's read was appended after this id, so nothing falls between.
      board.lastId = parseXRevRangeId(await this.#command.call('XREVRANGE', streamKey, '+', '-', 'COUNT', '1'))
    } catch (error) {
      this.#log.warn(
        { err: error, boardId },
        'reading the stream position failed; the board resyncs once Redis answers',
      )
      board.needsPosition = 'position'
    }
    positioned()
    this.#wake()
    return this.#subscriptionOf(board, handlers)
  }

  #subscriptionOf(board: BoardChannel, handlers: RelayHandlers): RelaySubscription {
    let active = true
    return {
      publishUpdate: (update) => {
        if (active) this.#publishUpdate(board, update)
      },
      publishAwareness: (update) => {
        if (active) board.awareness.push(update)
      },
      unsubscribe: async () => {
        if (!active) return
        active = false
        board.handlers.delete(handlers)
        if (board.handlers.size > 0 || this.#boards.get(board.boardId) !== board) return
        // Whatever presence is pending (the last clients' removal) still goes out.
        board.awareness.flush()
        board.awareness.close()
        this.#boards.delete(board.boardId)
        this.#byStreamKey.delete(board.streamKey)
        this.#byChannel.delete(board.channel)
        if (!this.#closed) {
          // Not awaited: while Redis is away the command waits in the subscriber's queue, and
          // an unloading board must not wait for Redis.
          this.#subscriber.unsubscribe(board.channel).catch((error: unknown) => {
            // A dropped connection forgets its subscriptions anyway.
            this.#log.debug({ err: error, boardId: board.boardId }, 'unsubscribing from awareness failed')
          })
        }
      },
    }
  }

  /** Makes the blocking read start over with the current set of boards. */
  #wake(): void {
    if (this.#closed) return
    this.#command
      .pipeline()
      .call('XADD', this.#wakeKey, 'MAXLEN', '~', '16', '*', 'w', '1')
      .pexpire(this.#wakeKey, WAKE_TTL_MS)
      .exec()
      .catch((error: unknown) => {
        // The board is then read from the next blocking read on (at most blockMs later).
        this.#log.debug({ err: error }, 'waking the reader failed')
      })
  }

  // ---- publishing ----------------------------------------------------------------------------

  #publishUpdate(board: BoardChannel, update: Uint8Array): void {
    if (this.#closed) return
    const now = Date.now()
    const renewExpiry = now - board.expirySetAt >= STREAM_TTL_RENEW_MS
    const pipeline = this.#command
      .pipeline()
      .call(
        'XADD',
        board.streamKey,
        'MAXLEN',
        '~',
        String(this.#options.streamMaxLen),
        '*',
        ...updateFields(this.nodeId, update),
      )
    if (renewExpiry) {
      board.expirySetAt = now
      pipeline.pexpire(board.streamKey, STREAM_TTL_MS)
    }
    pipeline
      .exec()
      .then((results) => {
        const failed = results?.find(([error]) => error !== null)?.[0]
        if (failed) throw failed
        this.stats.updatesPublished += 1
      })
      .catch((error: unknown) => {
        // The update is durable; the other processes learn of it by reloading the board when
        // the marker owed here reaches them.
        if (renewExpiry) board.expirySetAt = 0
        this.stats.publishFailures += 1
        this.#log.warn({ err: error, boardId: board.boardId }, 'relaying an update failed; a resync marker is owed')
        this.#owedMarkers.add(board.streamKey)
        this.#scheduleMarkers(500)
      })
  }

  #scheduleMarkers(delayMs: number): void {
    if (this.#closed || this.#owedMarkers.size === 0 || this.#markerTimer) return
    this.#markerTimer = setTimeout(() => {
      this.#markerTimer = null
      void this.#writeMarkers()
    }, delayMs)
  }

  async #writeMarkers(): Promise<void> {
    for (const streamKey of [...this.#owedMarkers]) {
      try {
        await this.#command.call(
          'XADD',
          streamKey,
          'MAXLEN',
          '~',
          String(this.#options.streamMaxLen),
          '*',
          ...resyncFields(this.nodeId),
        )
        this.#owedMarkers.delete(streamKey)
      } catch (error) {
        this.#log.debug({ err: error, streamKey }, 'writing a resync marker failed; retrying')
        this.#scheduleMarkers(1000)
        return
      }
    }
  }

  #publishAwareness(board: BoardChannel, update: Uint8Array): void {
    if (this.#closed) return
    this.#command.publish(board.channel, encodeAwarenessMessage(this.nodeId, update)).then(
      () => {
        this.stats.awarenessPublished += 1
      },
      () => {
        // Presence is ephemeral: clients re-send their state every 15 s.
        this.stats.awarenessDropped += 1
      },
    )
  }

  #onAwarenessMessage(channel: Buffer, message: Buffer): void {
    const board = this.#byChannel.get(channel.toString())
    const decoded = decodeAwarenessMessage(message)
    if (!board || !decoded || decoded.nodeId === this.nodeId) return
    this.stats.awarenessReceived += 1
    const query = decoded.update.byteLength === 0
    for (const handlers of board.handlers) {
      try {
        if (query) handlers.onAwarenessQuery()
        else handlers.onAwareness(decoded.update)
      } catch (error) {
        this.#log.warn({ err: error, boardId: board.boardId }, 'a relayed awareness update failed to apply')
      }
    }
  }

  // ---- board events --------------------------------------------------------------------------

  async publishBoardEvent(event: BoardEvent): Promise<void> {
    if (this.#closed) return
    await this.#command.publish(this.#eventsChannel, JSON.stringify({ nodeId: this.nodeId, event }))
  }

  onBoardEvent(listener: (event: BoardEvent) => void): void {
    this.#eventListeners.push(listener)
  }

  #onBoardEventMessage(message: Buffer): void {
    let parsed: { nodeId?: unknown; event?: BoardEvent }
    try {
      parsed = JSON.parse(message.toString()) as typeof parsed
    } catch {
      return // not ours: another version's message, or garbage on a shared Redis
    }
    if (parsed.nodeId === this.nodeId || typeof parsed.event?.kind !== 'string') return
    for (const listener of this.#eventListeners) {
      try {
        listener(parsed.event)
      } catch (error) {
        this.#log.error({ err: error, boardId: parsed.event.boardId }, 'a board event failed to apply')
      }
    }
  }

  /**
   * Another process died, perhaps between storing an update and relaying it: every board
   * served here reloads from storage, spread over a moment so the database is not hit at once.
   */
  #onPeersLost(nodeIds: readonly string[]): void {
    this.stats.peersLost += nodeIds.length
    for (const board of this.#boards.values()) {
      setTimeout(() => {
        if (this.#boards.get(board.boardId) === board) this.#resync(board, 'peer-lost')
      }, Math.random() * PEER_LOST_RESYNC_SPREAD_MS)
    }
  }

  #resync(board: ReadBoard, reason: ResyncReason): void {
    this.stats.resyncs[reason] += 1
    this.#log.info({ boardId: board.boardId, reason }, 'board resyncs from storage')
    for (const handlers of board.handlers) {
      try {
        handlers.onResync()
      } catch (error) {
        this.#log.error({ err: error, boardId: board.boardId }, 'resync handler failed')
      }
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Heartbeats this process has sent (tests wait for a few to pass). */
  get heartbeats(): number {
    return this.#peers.beats
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error('relay is closed')
    await this.#command.ping()
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.#markerTimer) clearTimeout(this.#markerTimer)
    for (const board of this.#boards.values()) board.awareness.close()
    await this.#streams.stop()
    // Leaving the process set says "nothing owed": only when every relay went out (the
    // command connection keeps order). With markers owed, the others take this process for
    // dead in a few seconds and reload instead.
    await this.#peers.stop({ leave: this.#owedMarkers.size === 0 })
    // Nothing needs a goodbye: publishes were awaited by nobody, and the subscriber's queue
    // would wait for a Redis that may be gone.
    this.#command.disconnect()
    this.#subscriber.disconnect()
  }
}
