import type { BoardStore, UpdateAppend } from '../storage/types.ts'
import type { Logger } from './socket.ts'

/** What a room hands over when a flush starts, and gets back when it is durable. */
export interface FlushBatch {
  readonly updates: readonly Uint8Array[]
  complete(): void
}

/** A room, seen by the writer: something that has updates to make durable. */
export interface FlushSource {
  readonly boardId: string
  /** Set when the source is a draft of the board: its updates go to the draft's log. */
  readonly draftId?: string | null
  beginFlush(): FlushBatch | null
  /** Its batch could not be stored and is being retried (complete() follows once it is). */
  flushFailed?(): void
}

const RETRY_FIRST_MS = 50
const RETRY_MAX_MS = 5000
/** While writes keep failing, a reminder is logged at most this often. */
const STILL_FAILING_LOG_MS = 30_000

/** One board's part of a flush: its room and drafts, stored in one transaction. */
interface BoardWrite {
  boardId: string
  batches: FlushBatch[]
  sources: FlushSource[]
  appends: UpdateAppend[]
}

/** A board whose write failed: retried on its own; its sources wait until it is stored. */
interface FailingBoard {
  write: BoardWrite
  delayMs: number
  /** Sources of the board scheduled meanwhile, flushed once the failed write is stored. */
  deferred: Set<FlushSource>
  timer: NodeJS.Timeout | null
}

/**
 * Group commit: every update accepted during one event-loop turn, on any board, is written in
 * one transaction; only then are the updates released to other clients. Flushes run one at a
 * time, so each board's updates reach storage and clients in the order they were applied.
 *
 * A failed write is retried with backoff and nothing of it is released meanwhile: clients keep
 * their edits and nobody is shown data that is not stored. When a group commit fails, each
 * board's part (a board with its drafts, which a reveal must store together) is tried alone,
 * so one board whose write cannot be stored (an update too big for the space left) does not
 * hold back the others; a board that fails is retried on its own, and its later updates wait
 * for it (its order is kept).
 */
export class UpdateWriter {
  readonly #store: BoardStore
  readonly #log: Logger
  readonly #scheduled = new Set<FlushSource>()
  readonly #failing = new Map<string, FailingBoard>()
  /** Deleted boards: whatever of theirs is still to be written is dropped (there is no row to write to). */
  readonly #gone = new Set<string>()
  #running: Promise<void> | null = null
  #timer: NodeJS.Immediate | null = null
  /** Set while #runNow flushes: what is scheduled meanwhile is taken by its loop. */
  #flushingNow = false
  #idleWaiters: Array<() => void> = []
  #failureLoggedAt = 0
  #closed = false

  constructor(store: BoardStore, log: Logger) {
    this.#store = store
    this.#log = log
  }

  /** False while writes are failing (readiness). */
  get healthy(): boolean {
    return this.#failing.size === 0
  }

  schedule(source: FlushSource): void {
    const failing = this.#failing.get(source.boardId)
    if (failing) {
      failing.deferred.add(source)
      return
    }
    this.#scheduled.add(source)
    this.#startSoon()
  }

  /**
   * The board was deleted: its pending and failing writes are dropped, and so is anything
   * scheduled for it later. Their batches complete so that the room can unload.
   */
  forget(boardId: string): void {
    this.#gone.add(boardId)
    const failing = this.#failing.get(boardId)
    if (!failing) return
    if (failing.timer) clearTimeout(failing.timer)
    this.#failing.delete(boardId)
    this.#stored([failing.write])
    for (const source of failing.deferred) this.#scheduled.add(source)
    this.#startSoon()
    this.#wakeIdleWaiters()
  }

  /** Resolves once everything scheduled so far is durable and delivered. */
  async drain(): Promise<void> {
    while (this.#running !== null || this.#timer !== null || this.#scheduled.size > 0 || this.#failing.size > 0) {
      this.#startSoon()
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve))
    }
  }

  /** One flush at a time; the next starts on the turn after work was scheduled. */
  #startSoon(): void {
    if (this.#running !== null || this.#timer !== null || this.#flushingNow) return
    this.#timer = setImmediate(() => {
      this.#timer = null
      if (this.#store.appendUpdatesNow) {
        this.#flushingNow = true
        try {
          this.#runNow()
        } finally {
          this.#flushingNow = false
        }
        this.#wakeIdleWaiters()
        return
      }
      this.#running = this.#run().finally(() => {
        this.#running = null
        if (this.#scheduled.size > 0) this.#startSoon()
        this.#wakeIdleWaiters()
      })
    })
  }

  /** Stops retrying after the current attempt (shutdown with a dead database). */
  close(): void {
    this.#closed = true
  }

  async #run(): Promise<void> {
    while (this.#scheduled.size > 0) {
      const writes = this.#begin()
      const alone = this.#settle(writes, await this.#append(appendsOf(writes)))
      for (const write of alone) this.#settleAlone(write, await this.#append(write.appends))
    }
  }

  /** #run for a store that appends synchronously: the whole flush in this turn. */
  #runNow(): void {
    while (this.#scheduled.size > 0) {
      const writes = this.#begin()
      const alone = this.#settle(writes, this.#appendNow(appendsOf(writes)))
      for (const write of alone) this.#settleAlone(write, this.#appendNow(write.appends))
    }
  }

  /**
   * After a group commit's append: releases it when stored, fails its board when it was one;
   * else returns its boards, to be tried alone so that one board's failure holds back no other.
   */
  #settle(writes: readonly BoardWrite[], failure: unknown): readonly BoardWrite[] {
    if (failure === null) this.#stored(writes)
    else if (writes.length === 1) this.#fail(writes[0]!, failure)
    else return writes
    return []
  }

  #settleAlone(write: BoardWrite, failure: unknown): void {
    if (failure === null) this.#stored([write])
    else this.#fail(write, failure)
  }

  /** Takes the scheduled sources' batches, grouped by board; those of a failing board wait. */
  #begin(): BoardWrite[] {
    const byBoard = new Map<string, BoardWrite>()
    const sources = [...this.#scheduled]
    this.#scheduled.clear()
    for (const source of sources) {
      const failing = this.#failing.get(source.boardId)
      if (failing) {
        failing.deferred.add(source)
        continue
      }
      const batch = source.beginFlush()
      if (!batch) continue
      if (this.#gone.has(source.boardId)) {
        batch.complete()
        continue
      }
      let write = byBoard.get(source.boardId)
      if (!write) {
        write = { boardId: source.boardId, batches: [], sources: [], appends: [] }
        byBoard.set(source.boardId, write)
      }
      write.batches.push(batch)
      write.sources.push(source)
      const draftId = source.draftId ?? undefined
      for (const update of batch.updates) write.appends.push({ boardId: source.boardId, update, draftId })
    }
    return [...byBoard.values()]
  }

  /** Stores the appends; the error when that failed, else null. */
  async #append(appends: readonly UpdateAppend[]): Promise<unknown> {
    if (appends.length === 0) return null
    try {
      await this.#store.appendUpdates(appends)
      return null
    } catch (error) {
      return error ?? new Error('appending updates failed')
    }
  }

  /** As #append, with the store's synchronous append (appendUpdatesNow). */
  #appendNow(appends: readonly UpdateAppend[]): unknown {
    if (appends.length === 0) return null
    try {
      this.#store.appendUpdatesNow?.(appends)
      return null
    } catch (error) {
      return error ?? new Error('appending updates failed')
    }
  }

  #stored(writes: readonly BoardWrite[]): void {
    for (const write of writes) for (const batch of write.batches) batch.complete()
  }

  #fail(write: BoardWrite, error: unknown): void {
    if (this.#gone.has(write.boardId)) {
      this.#stored([write])
      return
    }
    const failing: FailingBoard = { write, delayMs: RETRY_FIRST_MS, deferred: new Set(), timer: null }
    const first = this.#failing.size === 0
    this.#failing.set(write.boardId, failing)
    this.#logFailure(error, write, first)
    for (const source of write.sources) source.flushFailed?.()
    this.#retryLater(failing)
  }

  #retryLater(failing: FailingBoard): void {
    if (this.#closed) return // shutting down with a dead database: the batch is never released
    failing.timer = setTimeout(() => void this.#retry(failing), failing.delayMs)
  }

  async #retry(failing: FailingBoard): Promise<void> {
    failing.timer = null
    const { write } = failing
    if (this.#failing.get(write.boardId) !== failing) return // forgotten meanwhile (deleted)
    const error = await this.#append(write.appends)
    if (this.#failing.get(write.boardId) !== failing) return
    if (error !== null) {
      failing.delayMs = Math.min(failing.delayMs * 2, RETRY_MAX_MS)
      this.#logFailure(error, write, false)
      this.#retryLater(failing)
      return
    }
    this.#failing.delete(write.boardId)
    this.#stored([write])
    if (this.#failing.size === 0) this.#log.info({}, 'storage writes recovered')
    for (const source of failing.deferred) this.#scheduled.add(source)
    if (this.#scheduled.size > 0) this.#startSoon()
    this.#wakeIdleWaiters()
  }

  /** The first failure at error level; then a reminder now and then, not a line per retry per board. */
  #logFailure(error: unknown, write: BoardWrite, first: boolean): void {
    const now = Date.now()
    const details = {
      err: error,
      boardId: write.boardId,
      updates: write.appends.length,
      failingBoards: this.#failing.size,
    }
    if (first || now - this.#failureLoggedAt >= STILL_FAILING_LOG_MS) {
      this.#failureLoggedAt = now
      this.#log.error(details, first ? 'writing updates failed; retrying' : 'writing updates still fails; retrying')
    } else {
      this.#log.debug(details, 'writing updates failed again; retrying')
    }
  }

  #wakeIdleWaiters(): void {
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const wake of waiters) wake()
  }
}

/** A group commit's appends, every board's in order. */
function appendsOf(writes: readonly BoardWrite[]): UpdateAppend[] {
  if (writes.length === 1) return writes[0]!.appends
  const appends: UpdateAppend[] = []
  for (const write of writes) for (const append of write.appends) appends.push(append)
  return appends
}
