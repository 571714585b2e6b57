import type { SessionState, TimerState } from '@shared/board/index.ts'
import { timerJustEnded, timerView, type TimerView } from '@shared/facilitation/index.ts'
import { Emitter, Store, type ReadableStore } from '../../lib/store.ts'

/** How often a running countdown is re-read: often enough that seconds never skip visibly. */
export const COUNTDOWN_TICK_MS = 200

export interface Ticker {
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

const realTicker: Ticker = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
}

/** Two views show the same thing when their status and displayed second agree. */
function sameDisplay(a: TimerView, b: TimerView): boolean {
  return a.status === b.status && a.totalMs === b.totalMs &&
    Math.ceil(a.remainingMs / 1000) === Math.ceil(b.remainingMs / 1000)
}

/**
 * The session timer as every client shows it: `view` (status, remaining time) from the
 * session's timer and the server's clock, updated while it runs and changing once per
 * displayed second; `ended` fires once when a countdown this client watched reaches zero
 * (the moment for the gentle end signal — not on joining a board whose time is already up).
 */
export class Countdown {
  readonly view: Store<TimerView>
  readonly ended = new Emitter<void>()
  readonly #session: ReadableStore<Pick<SessionState, 'timer'>>
  readonly #now: () => number
  readonly #ticker: Ticker
  readonly #unsubscribe: (() => void)[]
  #handle: unknown = null
  #timer: TimerState | null
  #previousRemainingMs: number

  constructor(session: ReadableStore<Pick<SessionState, 'timer'>>, now: () => number, options: { ticker?: Ticker; clockChanges?: ReadableStore<unknown> } = {}) {
    this.#session = session
    this.#now = now
    this.#ticker = options.ticker ?? realTicker
    this.#timer = session.get().timer
    const initial = timerView(this.#timer, now())
    this.#previousRemainingMs = initial.remainingMs
    this.view = new Store(initial, sameDisplay)
    this.#unsubscribe = [session.subscribe(this.#onSession)]
    if (options.clockChanges) {
      // The server's clock became known (or was corrected): the countdown may now run, or end.
      this.#unsubscribe.push(options.clockChanges.subscribe(() => {
        this.#tick()
        this.#schedule()
      }))
    }
    this.#schedule()
  }

  #onSession = (): void => {
    const timer = this.#session.get().timer
    if (timer === this.#timer) return
    const changed = !sameTimer(timer, this.#timer)
    this.#timer = timer
    if (changed) {
      // A new or changed countdown (started, paused, time added): judge its end from now on.
      this.#previousRemainingMs = timerView(timer, this.#now()).remainingMs
    }
    this.#tick()
    this.#schedule()
  }

  #tick = (): void => {
    const now = this.#now()
    const view = timerView(this.#timer, now)
    if (timerJustEnded(this.#previousRemainingMs, this.#timer, now)) {
      this.#previousRemainingMs = 0
      this.view.set(view)
      this.ended.emit()
    } else {
      this.#previousRemainingMs = view.remainingMs
      this.view.set(view)
    }
    if (view.status !== 'running') this.#stop()
  }

  #schedule(): void {
    const running = this.#timer !== null && this.#timer.pausedRemainingMs === null && this.view.get().status === 'running'
    if (running && this.#handle === null) this.#handle = this.#ticker.setInterval(this.#tick, COUNTDOWN_TICK_MS)
    else if (!running) this.#stop()
  }

  #stop(): void {
    if (this.#handle !== null) this.#ticker.clearInterval(this.#handle)
    this.#handle = null
  }

  destroy(): void {
    this.#stop()
    for (const off of this.#unsubscribe) off()
  }
}

function sameTimer(a: TimerState | null, b: TimerState | null): boolean {
  if (a === null || b === null) return a === b
  return a.startedAt === b.startedAt && a.durationMs === b.durationMs && a.pausedRemainingMs === b.pausedRemainingMs
}
