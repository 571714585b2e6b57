import type * as Y from 'yjs'
import { boardRoots } from './roots.ts'
import type { SessionState, TimerState, VotingState } from './schema.ts'
import { asBoolean, asNumber, asRecord, asString } from './coerce.ts'

export const DEFAULT_VOTES_PER_PERSON = 3

function readTimer(value: unknown): TimerState | null {
  const timer = asRecord(value)
  if (!timer) return null
  const paused = timer['pausedRemainingMs']
  return {
    startedAt: asNumber(timer['startedAt']),
    durationMs: Math.max(0, asNumber(timer['durationMs'])),
    pausedRemainingMs: typeof paused === 'number' && Number.isFinite(paused) ? paused : null,
  }
}

function readVoting(value: unknown): VotingState {
  const voting = asRecord(value)
  return {
    open: asBoolean(voting?.['open']),
    votesPerPerson: Math.max(0, Math.floor(asNumber(voting?.['votesPerPerson'], DEFAULT_VOTES_PER_PERSON))),
  }
}

export function readSession(doc: Y.Doc): SessionState {
  const { session } = boardRoots(doc)
  return {
    phase: asString(session.get('phase')),
    timer: readTimer(session.get('timer')),
    locked: asBoolean(session.get('locked')),
    silent: asBoolean(session.get('silent')),
    voting: readVoting(session.get('voting')),
  }
}

/** Facilitator-only on the server; values are plain JSON (timer and voting as objects). */
export function writeSession(doc: Y.Doc, patch: Partial<SessionState>, origin?: unknown): void {
  const { session } = boardRoots(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) session.set(key, value)
    }
  }, origin)
}

/** Whether the board refuses content writes from participants right now. */
export function isLocked(doc: Y.Doc): boolean {
  return asBoolean(boardRoots(doc).session.get('locked'))
}
