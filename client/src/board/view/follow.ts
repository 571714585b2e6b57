import type { SessionState } from '@shared/board/index.ts'
import {
  followedViewport,
  shouldFollow,
  VIEWPORT_AWARENESS_FIELD,
  type Viewport as AwarenessViewport,
} from '@shared/facilitation/index.ts'
import { Store, type ReadableStore } from '../../lib/store.ts'
import { throttle } from '../../lib/throttle.ts'
import { fitRect, MAX_SCALE, type Viewport, type ViewportStore } from './viewport.ts'

/** The part of y-protocols' Awareness this needs (a fake one in tests). */
export interface AwarenessLike {
  readonly clientID: number
  getStates(): Map<number, unknown>
  setLocalStateField(field: string, value: unknown): void
  on(event: 'change', listener: () => void): void
  off(event: 'change', listener: () => void): void
}

/** The leader's view is published at most this often. */
export const FOLLOW_PUBLISH_MS = 100

/**
 * - `off`: nobody is bringing everyone along;
 * - `leading`: this client's view is the one everyone follows (the facilitator who asked);
 * - `following`: this view follows the leader's;
 * - `looking-around`: the user moved away from the leader's view (until asked again).
 */
export type FollowStatus = 'off' | 'leading' | 'following' | 'looking-around'

function sameView(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.scale - b.scale) < 1e-6
}

/**
 * "Bring everyone to me", framework-free. The leader (the facilitator whose client id is in
 * session.follow) publishes its visible board rectangle in awareness; every other client
 * fits that rectangle to its own screen until its user pans or zooms, which stops following
 * until the facilitator asks again (a new `since`) or the user chooses to follow again.
 */
export class FollowController {
  readonly status = new Store<FollowStatus>('off')
  readonly #session: ReadableStore<Pick<SessionState, 'follow'>>
  readonly #awareness: AwarenessLike
  readonly #viewport: ViewportStore
  readonly #publish = throttle(() => this.#publishNow(), FOLLOW_PUBLISH_MS)
  readonly #unsubscribe: (() => void)[]
  /** The `since` of the request this user moved away from. */
  #dismissedSince: number | null = null
  /** The view this controller last set; any other view means the user moved. */
  #applied: Viewport | null = null
  #published = false

  constructor(session: ReadableStore<Pick<SessionState, 'follow'>>, awareness: AwarenessLike, viewport: ViewportStore) {
    this.#session = session
    this.#awareness = awareness
    this.#viewport = viewport
    awareness.on('change', this.#update)
    this.#unsubscribe = [
      session.subscribe(this.#update),
      viewport.subscribe(this.#onViewport),
      viewport.size.subscribe(this.#onSize),
      () => awareness.off('change', this.#update),
    ]
    this.#update()
  }

  /** Follow the leader again after looking around. */
  followAgain(): void {
    this.#dismissedSince = null
    this.#update()
  }

  #isLeader(): boolean {
    return this.#session.get().follow?.clientId === this.#awareness.clientID
  }

  #update = (): void => {
    const { follow } = this.#session.get()
    if (this.#isLeader()) {
      this.#applied = null
      this.status.set('leading')
      if (!this.#published) this.#publishNow()
      return
    }
    this.#unpublish()
    if (!follow) {
      this.#applied = null
      this.status.set('off')
      return
    }
    if (!shouldFollow(follow, this.#awareness.clientID, this.#dismissedSince)) {
      this.#applied = null
      this.status.set('looking-around')
      return
    }
    this.status.set('following')
    const target = followedViewport(follow, this.#awareness.getStates())
    if (target) this.#apply(target)
  }

  #apply(target: AwarenessViewport): void {
    const next = fitRect(target, this.#viewport.size.get(), { margin: 0, maxScale: MAX_SCALE })
    this.#applied = next
    this.#viewport.set(next)
  }

  /** A resized screen: the leader's rectangle changed, a follower fits the leader's again. */
  #onSize = (): void => {
    if (this.status.get() === 'leading') this.#publish.call()
    else this.#update()
  }

  #onViewport = (): void => {
    if (this.status.get() === 'leading') {
      this.#publish.call()
      return
    }
    const applied = this.#applied
    if (this.status.get() !== 'following' || applied === null) return
    if (sameView(this.#viewport.get(), applied)) return
    // The user panned or zoomed: stop following this request.
    this.#dismissedSince = this.#session.get().follow?.since ?? null
    this.#applied = null
    this.status.set('looking-around')
  }

  #publishNow(): void {
    if (!this.#isLeader()) return
    const rect = this.#viewport.visibleRect()
    const round = (value: number) => Math.round(value * 10) / 10
    // Marked first: awareness reports the change synchronously, back into #update.
    this.#published = true
    this.#awareness.setLocalStateField(VIEWPORT_AWARENESS_FIELD, {
      x: round(rect.x),
      y: round(rect.y),
      width: round(rect.width),
      height: round(rect.height),
    })
  }

  #unpublish(): void {
    if (!this.#published) return
    this.#publish.cancel()
    this.#published = false
    this.#awareness.setLocalStateField(VIEWPORT_AWARENESS_FIELD, null)
  }

  destroy(): void {
    this.#publish.cancel()
    for (const off of this.#unsubscribe) off()
  }
}
