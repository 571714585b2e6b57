import type { FollowState, SpotlightState } from '../board/schema.ts'
import { asNumber, asRecord } from '../board/coerce.ts'

/**
 * "Bring everyone to me" and spotlight live in the session map, so only a facilitator can
 * set them (the server refuses anyone else). The facilitator's live viewport travels in
 * awareness, which is ephemeral and frequent; the server binds each connection to one
 * awareness client id, so nobody else can publish a viewport under the facilitator's id.
 */

/** The awareness field in which every client publishes its visible canvas rectangle. */
export const VIEWPORT_AWARENESS_FIELD = 'viewport'

/** The canvas rectangle a client sees, in canvas units (followers fit it to their screen). */
export interface Viewport {
  x: number
  y: number
  width: number
  height: number
}

export function readAwarenessViewport(state: unknown): Viewport | null {
  const viewport = asRecord(asRecord(state)?.[VIEWPORT_AWARENESS_FIELD])
  if (!viewport) return null
  const width = asNumber(viewport['width'])
  const height = asNumber(viewport['height'])
  if (width <= 0 || height <= 0) return null
  return { x: asNumber(viewport['x']), y: asNumber(viewport['y']), width, height }
}

/** The session value that starts (or renews) "bring everyone to me". */
export function followMe(facilitatorClientId: number, serverNow: number): FollowState {
  return { clientId: facilitatorClientId, since: serverNow }
}

/**
 * Whether this client should follow now: a follow request is active, it is not this
 * client's own, and the user has not moved away since this request began.
 * `dismissedSince` is the `since` of the request the user moved away from (or null).
 */
export function shouldFollow(follow: FollowState | null, ownClientId: number, dismissedSince: number | null): boolean {
  return follow !== null && follow.clientId !== ownClientId && follow.since !== dismissedSince
}

/** The viewport to follow, from the awareness states (Awareness.getStates()). */
export function followedViewport(follow: FollowState | null, states: ReadonlyMap<number, unknown>): Viewport | null {
  if (!follow) return null
  return readAwarenessViewport(states.get(follow.clientId))
}

export function spotlightOn(kind: SpotlightState['kind'], id: string, serverNow: number): SpotlightState {
  return { kind, id, since: serverNow }
}
