/**
 * Clients learn the server's clock from GET /api/time: each sample records the local time
 * the request was sent and its answer received, and the server's time in between. The
 * sample with the shortest round trip bounds the error best (at most half its round trip).
 */

export interface ClockSample {
  /** Local Date.now() when the request was sent. */
  sentAt: number
  /** Local Date.now() when the answer arrived. */
  receivedAt: number
  /** The server's Date.now() from the answer. */
  serverNow: number
}

export interface ClockOffset {
  /** Add to a local Date.now() to get server time. */
  offsetMs: number
  /** Half the best round trip: the most the offset can be wrong by. */
  uncertaintyMs: number
}

/** The offset from the sample with the shortest round trip; null without usable samples. */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockSample | null = null
  for (const sample of samples) {
    const roundTrip = sample.receivedAt - sample.sentAt
    if (!Number.isFinite(roundTrip) || roundTrip < 0 || !Number.isFinite(sample.serverNow)) continue
    if (!best || roundTrip < best.receivedAt - best.sentAt) best = sample
  }
  if (!best) return null
  const roundTrip = best.receivedAt - best.sentAt
  return {
    offsetMs: Math.round(best.serverNow - (best.sentAt + roundTrip / 2)),
    uncertaintyMs: Math.ceil(roundTrip / 2),
  }
}

/** Server time now, given a local clock reading and the estimated offset. */
export function serverTime(localNow: number, offset: ClockOffset | null): number {
  return localNow + (offset?.offsetMs ?? 0)
}
