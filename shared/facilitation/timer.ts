import type { TimerState } from '../board/schema.ts'

/**
 * The session timer as pure functions of the timer state and the server's clock. Every
 * client computes the same countdown from the same state; `now` is always server time
 * (see clock.ts), never a browser's own Date.now().
 */

/** The longest timer a facilitator may set. */
export const TIMER_MAX_MS = 24 * 60 * 60 * 1000

export type TimerStatus = 'idle' | 'ready' | 'running' | 'paused' | 'ended'

export interface TimerView {
  status: TimerStatus
  /** Whole milliseconds left, never negative. */
  remainingMs: number
  /** The duration the countdown started from (for a progress ring). */
  totalMs: number
  /** Server-clock ms when a running timer reaches zero; null unless running. */
  endsAt: number | null
}

function clampDuration(ms: number): number {
  return Math.min(TIMER_MAX_MS, Math.max(0, Math.round(ms)))
}

/** A timer set to `durationMs` but not started (a phase's suggested length, shown as 10:00). */
export function readyTimer(durationMs: number, now: number): TimerState {
  const duration = clampDuration(durationMs)
  return { startedAt: now, durationMs: duration, pausedRemainingMs: duration }
}

/** A countdown of `durationMs` running from `now`. */
export function startTimer(durationMs: number, now: number): TimerState {
  return { startedAt: now, durationMs: clampDuration(durationMs), pausedRemainingMs: null }
}

export function timerRemainingMs(timer: TimerState | null, now: number): number {
  if (!timer) return 0
  if (timer.pausedRemainingMs !== null) return Math.max(0, timer.pausedRemainingMs)
  return Math.max(0, timer.startedAt + timer.durationMs - now)
}

export function timerView(timer: TimerState | null, now: number): TimerView {
  if (!timer) return { status: 'idle', remainingMs: 0, totalMs: 0, endsAt: null }
  const remainingMs = timerRemainingMs(timer, now)
  if (timer.pausedRemainingMs !== null) {
    const ready = timer.pausedRemainingMs >= timer.durationMs
    return { status: ready ? 'ready' : 'paused', remainingMs, totalMs: timer.durationMs, endsAt: null }
  }
  if (remainingMs === 0) return { status: 'ended', remainingMs: 0, totalMs: timer.durationMs, endsAt: null }
  return { status: 'running', remainingMs, totalMs: timer.durationMs, endsAt: timer.startedAt + timer.durationMs }
}

/** Freezes a running countdown; a paused or ended timer is returned unchanged. */
export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedRemainingMs !== null) return timer
  return { ...timer, pausedRemainingMs: timerRemainingMs(timer, now) }
}

/** Starts (or continues) a ready or paused countdown from what was left. */
export function resumeTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedRemainingMs === null) return timer
  return { startedAt: now, durationMs: clampDuration(timer.pausedRemainingMs), pausedRemainingMs: null }
}

/**
 * Adds (or, negative, removes) time. A countdown that already ended starts again with the
 * added time, which is what "one more minute" means to a room that just heard the signal.
 */
export function addTime(timer: TimerState, deltaMs: number, now: number): TimerState {
  if (timer.pausedRemainingMs !== null) {
    const remaining = clampDuration(timer.pausedRemainingMs + deltaMs)
    return {
      ...timer,
      durationMs: Math.max(clampDuration(timer.durationMs + deltaMs), remaining),
      pausedRemainingMs: remaining,
    }
  }
  const remaining = timerRemainingMs(timer, now)
  if (remaining === 0) return startTimer(deltaMs, now)
  return startTimer(remaining + deltaMs, now)
}

/**
 * True exactly once per countdown, on the first tick at or after zero: the moment for the
 * gentle end signal. `previousRemainingMs` is what the last tick showed.
 */
export function timerJustEnded(previousRemainingMs: number, timer: TimerState | null, now: number): boolean {
  return (
    previousRemainingMs > 0 && timer !== null && timer.pausedRemainingMs === null && timerRemainingMs(timer, now) === 0
  )
}

/** "m:ss" (or "h:mm:ss"), rounding up so that 0:00 appears only at the end. */
export function formatRemaining(ms: number): string {
  const totalSeconds = Math.ceil(Math.max(0, ms) / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = String(totalSeconds % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}
