import { estimateClockOffset, serverTime, type ClockOffset, type ClockSample } from '@shared/facilitation/index.ts'
import { Store } from '../../lib/store.ts'

/** Asks the server for its clock (GET /api/time → `now`); rejects when it cannot. */
export type FetchServerNow = () => Promise<number>

export interface ServerClockOptions {
  fetchNow: FetchServerNow
  /** The local clock (tests pass a fake one). */
  localNow?: () => number
  /** Round trips sampled per estimate: the fastest one bounds the error best. */
  samples?: number
  /** How often the offset is estimated again (clocks drift; laptops sleep). */
  resampleMs?: number
}

const DEFAULT_SAMPLES = 4
const DEFAULT_RESAMPLE_MS = 10 * 60_000

/**
 * The server's clock as this browser sees it: a few GET /api/time round trips give the offset
 * (shared/facilitation/clock.ts), so that every client computes the same countdown from the
 * session's timer. Until the first estimate arrives (or when the server cannot be asked),
 * the local clock stands in: a countdown is then as right as this computer's clock.
 */
export class ServerClock {
  /** The estimated offset, null until known. */
  readonly offset = new Store<ClockOffset | null>(null, (a, b) => a?.offsetMs === b?.offsetMs && a?.uncertaintyMs === b?.uncertaintyMs)
  readonly #fetchNow: FetchServerNow
  readonly #localNow: () => number
  readonly #samples: number
  readonly #timer: ReturnType<typeof setInterval> | null
  #destroyed = false
  #running: Promise<void> | null = null

  constructor(options: ServerClockOptions) {
    this.#fetchNow = options.fetchNow
    this.#localNow = options.localNow ?? (() => Date.now())
    this.#samples = Math.max(1, options.samples ?? DEFAULT_SAMPLES)
    const resample = options.resampleMs ?? DEFAULT_RESAMPLE_MS
    this.#timer = resample > 0 ? setInterval(() => void this.sync(), resample) : null
    void this.sync()
  }

  /** Server time now (ms), as well as this browser knows it. */
  now = (): number => serverTime(this.#localNow(), this.offset.get())

  /** Samples the server's clock again; concurrent calls share one run. */
  sync(): Promise<void> {
    this.#running ??= this.#sample().finally(() => {
      this.#running = null
    })
    return this.#running
  }

  async #sample(): Promise<void> {
    const samples: ClockSample[] = []
    for (let i = 0; i < this.#samples && !this.#destroyed; i++) {
      const sentAt = this.#localNow()
      try {
        const serverNow = await this.#fetchNow()
        samples.push({ sentAt, receivedAt: this.#localNow(), serverNow })
      } catch {
        // Offline or the server is restarting: keep the last estimate (or the local clock).
        break
      }
    }
    const estimate = estimateClockOffset(samples)
    if (estimate && !this.#destroyed) this.offset.set(estimate)
  }

  destroy(): void {
    this.#destroyed = true
    if (this.#timer) clearInterval(this.#timer)
  }
}
