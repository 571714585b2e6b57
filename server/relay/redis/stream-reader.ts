import type { Redis } from 'ioredis'
import type { Logger } from '../../sync/socket.ts'
import type { RelayHandlers } from '../types.ts'
import { parseEntryFields } from './entries.ts'
import { compareStreamIds, STREAM_START_ID } from './keys.ts'
import { parseXInfoExtent, parseXRead, parseXRevRangeId, type StreamExtent, type StreamRead } from './replies.ts'

/** Why a board was reloaded from storage (counted in stats). */
export type ResyncReason = 'trimmed' | 'restarted' | 'marker' | 'position' | 'apply-failed' | 'peer-lost'

/** A subscribed board as the reader sees it. */
export interface ReadBoard {
  readonly boardId: string
  readonly streamKey: string
  readonly handlers: ReadonlySet<RelayHandlers>
  /** The last entry read (or the stream's end at subscribe time); null while unknown. */
  lastId: string | null
  /** The position is unknown (not readable at subscribe time, or Redis restarted): the reader
   *  reads it, then resyncs the board for this reason. */
  needsPosition: ResyncReason | null
}

/** What the reader needs from the relay that owns it. */
export interface StreamReaderHost {
  readonly nodeId: string
  boards(): Iterable<ReadBoard>
  boardOfStream(streamKey: string): ReadBoard | undefined
  resync(board: ReadBoard, reason: ResyncReason): void
  /** An update from another process was delivered. */
  received(): void
}

export interface StreamReaderOptions {
  /** This process's wake stream, read along with the boards' streams. */
  wakeKey: string
  blockMs: number
  log: Logger
}

/** Entries read per stream per blocking read. */
const READ_COUNT = 256
/** Resyncs after a Redis restart are spread over this long, so the database is not hit at once. */
const RESTART_RESYNC_SPREAD_MS = 1000

/**
 * Reads every subscribed board's update stream with one blocking XREAD on its own connection,
 * from each board's last id, and hands the other processes' entries to the board's handlers.
 * It notices what a stream can no longer give: a position trimmed away, a restarted Redis.
 */
export class StreamReader {
  readonly #connection: Redis
  readonly #host: StreamReaderHost
  readonly #options: StreamReaderOptions
  #wakeLastId = STREAM_START_ID
  /** The Redis server's run id: another one after a reconnect means Redis restarted. */
  #runId = ''
  #epoch = 0
  #loop: Promise<void> | null = null
  #stopped = false

  /** Construct before the connection connects: its "ready" events count reconnections. */
  constructor(connection: Redis, host: StreamReaderHost, options: StreamReaderOptions) {
    this.#connection = connection
    this.#host = host
    this.#options = options
    connection.on('ready', () => {
      this.#epoch += 1
    })
  }

  /** Starts reading; `runId` is the server's when the relay connected. */
  start(runId: string): void {
    this.#runId = runId
    this.#loop = this.#run()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#connection.disconnect()
    await this.#loop
  }

  async #run(): Promise<void> {
    let seenEpoch = this.#epoch
    let failures = 0
    const log = this.#options.log
    while (!this.#stopped) {
      try {
        if (this.#epoch !== seenEpoch) {
          const epoch = this.#epoch
          await this.#afterReconnect()
          seenEpoch = epoch
        }
        await this.#readPositions()
        const boards = [...this.#host.boards()].filter((board) => board.lastId !== null)
        const keys = [this.#options.wakeKey, ...boards.map((board) => board.streamKey)]
        const ids = [this.#wakeLastId, ...boards.map((board) => board.lastId!)]
        const from = new Map(boards.map((board) => [board, board.lastId!]))
        const reply = await this.#connection.callBuffer(
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(this.#options.blockMs),
          'STREAMS',
          ...keys,
          ...ids,
        )
        if (failures > 0) log.info({ failures }, 'reading the update streams again')
        failures = 0
        await this.#deliver(parseXRead(reply), from)
      } catch (error) {
        if (this.#stopped) break
        failures += 1
        if (failures === 1) log.warn({ err: error }, 'reading the update streams failed; retrying')
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** failures, 2000)))
      }
    }
  }

  /**
   * The connection came back. Same server: resume every board from its last id (a trim
   * meanwhile is noticed on the next read). Another server (a restart, a failover): what was in
   * the old streams and not read is gone, so every board takes the new stream's position and
   * resyncs.
   */
  async #afterReconnect(): Promise<void> {
    const runId = runIdOf(await this.#connection.info('server'))
    const boards = [...this.#host.boards()]
    if (runId !== this.#runId) {
      this.#options.log.warn({ boards: boards.length }, 'Redis restarted; every board resyncs from storage')
      this.#wakeLastId = STREAM_START_ID
      for (const board of boards) {
        board.lastId = null
        board.needsPosition = 'restarted'
      }
    } else {
      this.#options.log.info({ boards: boards.length }, 'Redis reconnected; resuming the update streams')
    }
    this.#runId = runId
  }

  async #readPositions(): Promise<void> {
    for (const board of [...this.#host.boards()]) {
      const reason = board.needsPosition
      if (reason === null) continue
      const lastId = parseXRevRangeId(await this.#connection.call('XREVRANGE', board.streamKey, '+', '-', 'COUNT', '1'))
      if (this.#host.boardOfStream(board.streamKey) !== board) continue
      board.lastId = lastId
      board.needsPosition = null
      // Whatever was stored before this position may never have reached us. After a restart
      // every process reloads every board it serves: spread those reads over a moment.
      if (reason === 'restarted')
        setTimeout(() => this.#host.resync(board, reason), Math.random() * RESTART_RESYNC_SPREAD_MS)
      else this.#host.resync(board, reason)
    }
  }

  async #deliver(streams: StreamRead[], from: Map<ReadBoard, string>): Promise<void> {
    const read: ReadBoard[] = []
    for (const { key, entries } of streams) {
      if (key === this.#options.wakeKey) {
        const last = entries.at(-1)
        if (last) this.#wakeLastId = last.id
        continue
      }
      const board = this.#host.boardOfStream(key)
      if (!board || !from.has(board)) continue
      read.push(board)
      for (const { id, fields } of entries) {
        board.lastId = id
        const entry = parseEntryFields(fields)
        if (!entry || entry.nodeId === this.#host.nodeId) continue
        if (entry.kind === 'resync') {
          this.#host.resync(board, 'marker')
          continue
        }
        this.#host.received()
        for (const handlers of board.handlers) {
          try {
            handlers.onUpdate(entry.update)
          } catch (error) {
            this.#options.log.error(
              { err: error, boardId: board.boardId },
              'a relayed update failed to apply; resyncing',
            )
            this.#host.resync(board, 'apply-failed')
          }
        }
      }
    }
    if (read.length > 0) await this.#checkTrimmed(read, from)
  }

  /**
   * Was anything after a board's previous position trimmed before we read it? Trimming
   * removes the oldest entries, so only if the stream's oldest surviving entry is now past
   * that position. (When we were nearly trimmed ourselves this may also fire for entries we
   * did read: a needless reload, never a missed one.)
   */
  async #checkTrimmed(boards: ReadBoard[], from: Map<ReadBoard, string>): Promise<void> {
    const pipeline = this.#connection.pipeline()
    for (const board of boards) pipeline.call('XINFO', 'STREAM', board.streamKey)
    const results = (await pipeline.exec()) ?? []
    boards.forEach((board, i) => {
      const [error, info] = results[i] ?? [null, null]
      if (error) {
        // The stream expired or vanished between the read and this check: nothing to compare.
        this.#options.log.debug({ err: error, boardId: board.boardId }, 'XINFO failed')
        return
      }
      const extent = parseXInfoExtent(info)
      if (extent && trimmedPast(extent, from.get(board)!)) this.#host.resync(board, 'trimmed')
    })
  }
}

/** Whether entries after `position` may have been trimmed away. */
export function trimmedPast(extent: StreamExtent, position: string): boolean {
  // From the very start, every entry ever added must still be there.
  if (position === STREAM_START_ID) return extent.entriesAdded > extent.length
  return compareStreamIds(extent.firstId, position) > 0
}

export function runIdOf(info: string): string {
  const runId = /run_id:([0-9a-f]+)/.exec(info)?.[1]
  if (!runId) throw new Error('Redis INFO has no run_id')
  return runId
}
