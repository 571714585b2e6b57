import type { LifecycleStore } from '../storage/lifecycle-types.ts'
import type { Logger } from '../sync/socket.ts'
import type { BoardLifecycle } from './board-lifecycle.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** The job runs this often (and once at start). */
export const RETENTION_INTERVAL_MS = DAY_MS

export interface RetentionDeps {
  store: LifecycleStore
  lifecycle: BoardLifecycle
  log: Logger
  retentionDays: number
  now?: () => number
}

/**
 * Deletes boards nobody has used for BOARD_RETENTION_DAYS. Every process of a cluster may run
 * it: a deletion is idempotent (a board another process deleted first is simply not found
 * again, and is neither logged nor audited twice).
 */
export class RetentionJob {
  readonly #deps: RetentionDeps
  readonly #now: () => number
  #timer: NodeJS.Timeout | null = null
  #running: Promise<number> | null = null

  constructor(deps: RetentionDeps) {
    this.#deps = deps
    this.#now = deps.now ?? Date.now
  }

  start(): void {
    this.#timer = setInterval(() => void this.run(), RETENTION_INTERVAL_MS)
    this.#timer.unref()
    void this.run()
  }

  /** One pass; resolves with the number of boards it deleted. Never rejects (failures are logged). */
  run(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null
    })
    return this.#running
  }

  async #pass(): Promise<number> {
    const { store, lifecycle, log, retentionDays } = this.#deps
    const before = this.#now() - retentionDays * DAY_MS
    let deleted = 0
    try {
      for (const boardId of await store.boardsUnusedSince(before)) {
        if (await lifecycle.deleteBoard(boardId, 'retention', { retentionDays })) deleted++
      }
    } catch (error) {
      log.error({ err: error }, 'the retention job failed; it runs again tomorrow')
    }
    if (deleted > 0) log.info({ deleted, retentionDays }, 'retention: boards unused for too long deleted')
    return deleted
  }

  /** Waits for a pass under way (shutdown), then stops. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#running
  }
}
