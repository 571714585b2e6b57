/**
 * When a failed delivery is tried again: exponential backoff with jitter, for a day. Pure, and
 * handed to the dispatcher, so tests run the whole schedule in milliseconds instead of hours.
 */
export interface RetrySchedule {
  /** Delay after the first failed attempt. */
  firstDelayMs: number
  /** Each further failure multiplies the delay by this. */
  factor: number
  /** No delay is longer than this. */
  maxDelayMs: number
  /** A delivery is given up (failed) when its next attempt would come later than this after the change. */
  maxAgeMs: number
  /** Each delay is drawn from [delay × (1 − jitter), delay], so receivers that failed together do not retry together. */
  jitter: number
  /** How often a process looks for due deliveries besides its own changes (other processes', retries). */
  pollMs: number
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  firstDelayMs: 10_000,
  factor: 2,
  maxDelayMs: 60 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  jitter: 0.3,
  pollMs: 1000,
}

/**
 * The moment of the next attempt after `attempts` failed ones (1 after the first failure), or
 * null when it would come after the delivery's deadline (its change's moment + maxAgeMs):
 * the delivery is given up.
 */
export function nextAttemptAt(
  schedule: Pick<RetrySchedule, 'firstDelayMs' | 'factor' | 'maxDelayMs' | 'jitter'>,
  attempts: number,
  deadline: number,
  now: number,
  random: () => number = Math.random,
): number | null {
  const exponent = Math.max(0, attempts - 1)
  const delay = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * schedule.factor ** exponent)
  const jittered = delay * (1 - schedule.jitter * random())
  const next = now + Math.max(1, Math.round(jittered))
  return next > deadline ? null : next
}
