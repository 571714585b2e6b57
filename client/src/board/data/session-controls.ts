import type * as Y from 'yjs'
import { readSession, writeSession, type SpotlightState } from '@shared/board/index.ts'
import {
  addTime,
  bringEveryoneTo,
  closeVoting,
  enterPhase,
  openVoting,
  pauseTimer,
  readyTimer,
  resumeTimer,
  setSessionFlags,
  spotlight,
  startTimer,
  timerView,
  TIMER_MAX_MS,
} from '@shared/facilitation/index.ts'
import { clearVotes } from '@shared/board/index.ts'
import { TEMPLATE_LIMITS } from '@shared/templates/types.ts'

/** The most dots per person the facilitator can hand out (as in templates). */
export const MAX_VOTES_PER_PERSON = TEMPLATE_LIMITS.maxVotesPerPerson

export function clampVotesPerPerson(value: number): number {
  if (!Number.isFinite(value)) return 1
  return Math.min(MAX_VOTES_PER_PERSON, Math.max(1, Math.round(value)))
}

/**
 * The facilitator's session controls as writes to the session map, through the shared
 * controls (shared/facilitation) with this client's local origin and the server's clock.
 * The server refuses them from anyone else; the panel that calls them is shown only to
 * facilitators. The session map is outside the undo scope, so Ctrl+Z never undoes a phase.
 */
export class SessionControls {
  readonly #doc: Y.Doc
  readonly #origin: object
  readonly #now: () => number

  constructor(doc: Y.Doc, origin: object, serverNow: () => number) {
    this.#doc = doc
    this.#origin = origin
    this.#now = serverNow
  }

  enterPhase(phaseId: string): boolean {
    return enterPhase(this.#doc, phaseId, this.#now(), this.#origin)
  }

  /**
   * "Another round" (the Disney loop): back to that phase with the last round's dots removed,
   * in one step, so that nobody sees the old ranks on the new round's notes.
   */
  anotherRound(phaseId: string): boolean {
    let entered = false
    this.#doc.transact(() => {
      entered = enterPhase(this.#doc, phaseId, this.#now())
      if (entered) clearVotes(this.#doc)
    }, this.#origin)
    return entered
  }

  /**
   * Starts the countdown: a ready or paused one continues from what it shows; an ended one
   * (or none) starts again from `fallbackMs` (the phase's suggested length).
   */
  startTimer(fallbackMs: number): void {
    const now = this.#now()
    const { timer } = readSession(this.#doc)
    const view = timerView(timer, now)
    const next = timer && (view.status === 'ready' || view.status === 'paused')
      ? resumeTimer(timer, now)
      : view.status === 'running' && timer ? timer : startTimer(fallbackMs, now)
    writeSession(this.#doc, { timer: next }, this.#origin)
  }

  pauseTimer(): void {
    const { timer } = readSession(this.#doc)
    if (timer) writeSession(this.#doc, { timer: pauseTimer(timer, this.#now()) }, this.#origin)
  }

  /** Adds (or, negative, takes off) time; with no timer, sets one ready at that length. */
  addTime(deltaMs: number): void {
    const now = this.#now()
    const { timer } = readSession(this.#doc)
    const next = timer ? addTime(timer, deltaMs, now) : readyTimer(Math.max(0, deltaMs), now)
    writeSession(this.#doc, { timer: next }, this.#origin)
  }

  /** Sets the timer, not running, to a length (the facilitator typed the minutes). */
  setTimer(durationMs: number): void {
    const duration = Math.min(TIMER_MAX_MS, Math.max(0, Math.round(durationMs)))
    writeSession(this.#doc, { timer: duration > 0 ? readyTimer(duration, this.#now()) : null }, this.#origin)
  }

  setLocked(locked: boolean): void {
    setSessionFlags(this.#doc, { locked }, this.#origin)
  }

  setSilent(silent: boolean): void {
    setSessionFlags(this.#doc, { silent }, this.#origin)
  }

  /** Opens a round; `fresh` removes the previous round's dots in the same step. */
  openVoting(votesPerPerson: number, fresh: boolean): void {
    openVoting(this.#doc, clampVotesPerPerson(votesPerPerson), { fresh, origin: this.#origin })
  }

  /** Changes the dots per person (also while a round is open: dots already given stay). */
  setVotesPerPerson(votesPerPerson: number): void {
    const { voting } = readSession(this.#doc)
    writeSession(this.#doc, { voting: { ...voting, votesPerPerson: clampVotesPerPerson(votesPerPerson) } }, this.#origin)
  }

  closeVoting(): void {
    closeVoting(this.#doc, this.#origin)
  }

  clearVotes(): void {
    clearVotes(this.#doc, this.#origin)
  }

  /** "Bring everyone to me" on (this client's view is followed) or off. */
  setFollowMe(on: boolean): void {
    bringEveryoneTo(this.#doc, on ? this.#doc.clientID : null, this.#now(), this.#origin)
  }

  spotlight(target: Pick<SpotlightState, 'kind' | 'id'> | null): void {
    spotlight(this.#doc, target, this.#now(), this.#origin)
  }
}
