import { Worker } from 'node:worker_threads'
import type { Logger } from '../../sync/socket.ts'
import type { SqliteDatabase } from './database.ts'

/** SQLite's own default: an automatic checkpoint once the log passes this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000
const STOP_TIMEOUT_MS = 2000

type WorkerMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'recovered' }

/**
 * Keeps WAL checkpoints off the thread that serves the boards.
 *
 * By default SQLite checkpoints inside the commit that takes the log past 1,000 pages, and
 * with synchronous=NORMAL a checkpoint fsyncs the log and the database file: a few
 * milliseconds on a quiet disk, far longer on a busy one, during which no board's update is
 * committed or delivered. Here a worker thread with its own connection runs a PASSIVE
 * checkpoint every interval (it neither waits for nor blocks the writer), and the main
 * connection's automatic checkpoints are turned off once the worker is up. Should the worker
 * fail, automatic checkpoints come back on the main connection: the log must never grow
 * without bound.
 */
export class WalCheckpointer {
  readonly #db: SqliteDatabase
  readonly #worker: Worker
  readonly #log: Logger | undefined
  #stopping = false
  #exited = false
  #fallenBack = false

  constructor(db: SqliteDatabase, path: string, options: { intervalMs: number; log?: Logger }) {
    this.#db = db
    this.#log = options.log
    this.#worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { path, intervalMs: options.intervalMs },
    })
    // A checkpoint in progress never keeps the process alive: SQLite survives an interrupted one.
    this.#worker.unref()
    this.#worker.on('message', (message: WorkerMessage) => this.#onMessage(message))
    this.#worker.on('error', (error) => this.#fallBack('the checkpoint worker failed', error))
    this.#worker.on('exit', (code) => {
      this.#exited = true
      if (!this.#stopping) this.#fallBack(`the checkpoint worker exited with ${code}`)
    })
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'ready') {
      if (!this.#fallenBack && this.#db.open) this.#db.pragma('wal_autocheckpoint = 0')
    } else if (message.type === 'failed') {
      // A failed checkpoint (say, the disk is full) is retried every interval.
      this.#log?.warn({ reason: message.message }, 'WAL checkpoints are failing; retrying')
    } else {
      this.#log?.info({}, 'WAL checkpoints work again')
    }
  }

  #fallBack(what: string, error?: unknown): void {
    if (this.#fallenBack) return
    this.#fallenBack = true
    this.#log?.error({ err: error }, `${what}; checkpointing on the main thread again`)
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`)
  }

  /** Stops the worker (before the main connection closes, which checkpoints one last time). */
  async stop(): Promise<void> {
    if (this.#stopping) return
    this.#stopping = true
    if (this.#exited) return
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()))
    this.#worker.postMessage('stop')
    const timeout = setTimeout(() => void this.#worker.terminate(), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timeout)
  }
}
