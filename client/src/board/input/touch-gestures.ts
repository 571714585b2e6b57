import type { Point } from '../view/geometry.ts'

/** A finger held this long without moving is a long press (as on the phones people know). */
export const LONG_PRESS_MS = 500
/** A second tap within this time and distance of the first makes a double tap. */
export const DOUBLE_TAP_MS = 350
export const DOUBLE_TAP_PX = 30
/** Travel that makes a press a drag rather than a tap or a long press. */
const TAP_SLOP_PX = 10

export interface TouchGestureHandlers {
  tap(screen: Point): void
  doubleTap(screen: Point): void
  longPress(screen: Point): void
}

/** What the recogniser needs of time; tests drive it by hand. */
export interface TouchClock {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const browserClock: TouchClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

const far = (a: Point, b: Point, limit: number) => Math.hypot(a.x - b.x, a.y - b.y) > limit

/**
 * Taps, double taps and long presses of one finger, from the touch pointer events of the
 * canvas (browsers make no dblclick of two taps where the page handles touch itself, and a
 * long press is only a context menu there). A second finger (a pinch) or travel cancels.
 */
export class TouchGestures {
  readonly #handlers: TouchGestureHandlers
  readonly #clock: TouchClock
  #press: { id: number; start: Point; at: number; timer: unknown; long: boolean } | null = null
  #lastTap: { at: number; point: Point } | null = null

  constructor(handlers: TouchGestureHandlers, clock: TouchClock = browserClock) {
    this.#handlers = handlers
    this.#clock = clock
  }

  down(id: number, screen: Point): void {
    this.cancel()
    const timer = this.#clock.setTimeout(() => {
      if (!this.#press || this.#press.id !== id) return
      this.#press.long = true
      this.#lastTap = null
      this.#handlers.longPress(screen)
    }, LONG_PRESS_MS)
    this.#press = { id, start: screen, at: this.#clock.now(), timer, long: false }
  }

  move(id: number, screen: Point): void {
    if (this.#press?.id === id && far(screen, this.#press.start, TAP_SLOP_PX)) this.cancel()
  }

  up(id: number, screen: Point): void {
    const press = this.#press
    if (!press || press.id !== id) return
    this.#clock.clearTimeout(press.timer)
    this.#press = null
    if (press.long || far(screen, press.start, TAP_SLOP_PX)) return
    const now = this.#clock.now()
    const last = this.#lastTap
    if (last && now - last.at <= DOUBLE_TAP_MS && !far(screen, last.point, DOUBLE_TAP_PX)) {
      this.#lastTap = null
      this.#handlers.doubleTap(last.point)
      return
    }
    this.#lastTap = { at: now, point: screen }
    this.#handlers.tap(screen)
  }

  /** A second finger, a cancelled pointer: no tap and no long press from this press. */
  cancel(): void {
    if (this.#press) this.#clock.clearTimeout(this.#press.timer)
    this.#press = null
  }
}
