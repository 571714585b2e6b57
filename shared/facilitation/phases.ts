import type { PhaseData, SessionState } from '../board/schema.ts'
import { readyTimer } from './timer.ts'

/** The phase the session is in, or null when the board has no such phase. */
export function currentPhase(phases: readonly PhaseData[], session: Pick<SessionState, 'phase'>): PhaseData | null {
  return phases.find((phase) => phase.id === session.phase) ?? null
}

export interface PhaseNavigation {
  /** Position of the current phase (0-based), -1 when it is not in the plan. */
  index: number
  previous: PhaseData | null
  next: PhaseData | null
  /** The phase this one loops back to for another round (Disney: Critic → Dreamer). */
  loopTo: PhaseData | null
}

/** What the facilitator's phase controls offer from the current phase. */
export function phaseNavigation(phases: readonly PhaseData[], currentId: string): PhaseNavigation {
  const index = phases.findIndex((phase) => phase.id === currentId)
  const current = phases[index]
  return {
    index,
    previous: index > 0 ? (phases[index - 1] ?? null) : null,
    next: index >= 0 ? (phases[index + 1] ?? null) : (phases[0] ?? null),
    loopTo: current?.loopTo ? (phases.find((phase) => phase.id === current.loopTo) ?? null) : null,
  }
}

/**
 * The ids of the zones participants may write in during a phase: 'all' when the phase does
 * not restrict them (or the board has no phase of that id).
 */
export function openZoneIds(phase: PhaseData | null): 'all' | ReadonlySet<string> {
  if (!phase || phase.openZones === 'all') return 'all'
  return new Set(phase.openZones)
}

export function isZoneOpen(phase: PhaseData | null, zoneId: string): boolean {
  const open = openZoneIds(phase)
  return open === 'all' || open.has(zoneId)
}

/**
 * The session change that begins a phase: its id, its silent and voting settings, the timer
 * set (not started) to its suggested length, and no spotlight. Votes are kept; a facilitator
 * starting a fresh round clears them explicitly (clearVotes).
 */
export function phaseEntry(
  phase: PhaseData,
  session: Pick<SessionState, 'voting'>,
  serverNow: number,
): Partial<SessionState> {
  return {
    phase: phase.id,
    silent: phase.silent,
    voting: { open: phase.voting, votesPerPerson: session.voting.votesPerPerson },
    timer: phase.minutes > 0 ? readyTimer(phase.minutes * 60_000, serverNow) : null,
    spotlight: null,
  }
}
