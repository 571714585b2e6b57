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
}

const RETRY_FIRST_MS = 50
const RETRY_MAX_MS = 5000

/**
 * Group commit: every update accepted during one event-loop turn, on any board, is written in
 * one transaction; only then are the updates released to other clients. Flushes run one at a
 * time, so each board's updates reach storage and clients in the order they were applied.
 * A failed write is retried with backoff and nothing is released meanwhile: clients keep
 * their edits and nobody is shown data that is not stored.
 */
export class UpdateWriter {
  readonly #store: BoardStore
  readonly #log: Logger
  readonly #scheduled = new Set<FlushSource>()
  #running: Promise<void> | null = null
  #timer: NodeJS.Immediate | null = null
  #healthy = true
  #closed = false

  constructor(store: BoardStore, log: Logger) {
    this.#store = store
    this.#log = log
  }

  /** False while writes are failing (readiness). */
  get healthy(): boolean {
    return this.#healthy
  }

  schedule(source: FlushSource): void {
    this.#scheduled.add(source)
    this.#startSoon()
  }

  /** Resolves once everything scheduled so far is durable and delivered. */
  async drain(): Promise<void> {
    while (this.#running !== null || this.#timer !== null || this.#scheduled.size > 0) {
      this.#startSoon()
      await (this.#running ?? new Promise<void>((resolve) => setImmediate(resolve)))
    }
  }

  /** One flush at a time; the next starts on the turn after work was scheduled. */
  #startSoon(): void {
    if (this.#running !== null || this.#timer !== null) return
    this.#timer = setImmediate(() => {
      this.#timer = null
      this.#running = this.#run().finally(() => {
        this.#running = null
        if (this.#scheduled.size > 0) this.#startSoon()
      })
    })
  }

  /** Stops retrying after the current attempt (shutdown with a dead database). */
  close(): void {
    this.#closed = true
  }

  async #run(): Promise<void> {
    while (this.#scheduled.size > 0) {
      const sources = [...this.#scheduled]
      this.#scheduled.clear()
      const batches: FlushBatch[] = []
      const appends: UpdateAppend[] = []
      for (const source of sources) {
        const batch = source.beginFlush()
        if (!batch) continue
        batches.push(batch)
        const draftId = source.draftId ?? undefined
        for (const update of batch.updates) appends.push({ boardId: source.boardId, update, draftId })
      }
      await this.#writeWithRetry(appends)
      for (const batch of batches) batch.complete()
    }
  }

  async #writeWithRetry(appends: readonly UpdateAppend[]): Promise<void> {
    if (appends.length === 0) return
    for (let delay = RETRY_FIRST_MS; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        await this.#store.appendUpdates(appends)
        if (!this.#healthy) this.#log.info({}, 'storage writes recovered')
        this.#healthy = true
        return
      } catch (error) {
        this.#healthy = false
        this.#log.error({ err: error, updates: appends.length, retryInMs: delay }, 'writing updates failed; retrying')
        if (this.#closed) throw error
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
  }
}
