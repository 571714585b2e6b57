import type * as Y from 'yjs'
import { boardRoots } from './roots.ts'
import type { FollowState, SessionState, SpotlightState, TimerState, VotingState } from './schema.ts'
import { asBoolean, asNumber, asRecord, asString } from './coerce.ts'

export const DEFAULT_VOTES_PER_PERSON = 3

/** The keys of the session map; the server refuses any other key. */
export const SESSION_KEYS = [
  'phase',
  'timer',
  'locked',
  'silent',
  'beforeSilence',
  'voting',
  'follow',
  'spotlight',
] as const
export type SessionKey = (typeof SESSION_KEYS)[number]

/**
 * At most this many notes are recorded as readable when silent mode is turned on (about
 * 150 kB in the session); notes beyond it are face down to others until the reveal.
 */
export const BEFORE_SILENCE_MAX_NOTES = 10_000
/** Note ids longer than this (never made by the app) are not recorded. */
export const BEFORE_SILENCE_ID_MAX_CHARS = 64

function readNoteIds(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : null
}

export function readTimer(value: unknown): TimerState | null {
  const timer = asRecord(value)
  if (!timer) return null
  const paused = timer['pausedRemainingMs']
  return {
    startedAt: asNumber(timer['startedAt']),
    durationMs: Math.max(0, asNumber(timer['durationMs'])),
    pausedRemainingMs: typeof paused === 'number' && Number.isFinite(paused) ? Math.max(0, paused) : null,
  }
}

export function readVoting(value: unknown): VotingState {
  const voting = asRecord(value)
  return {
    open: asBoolean(voting?.['open']),
    votesPerPerson: Math.max(0, Math.floor(asNumber(voting?.['votesPerPerson'], DEFAULT_VOTES_PER_PERSON))),
  }
}

function readFollow(value: unknown): FollowState | null {
  const follow = asRecord(value)
  const clientId = follow?.['clientId']
  if (!follow || typeof clientId !== 'number' || !Number.isInteger(clientId)) return null
  return { clientId, since: asNumber(follow['since']) }
}

function readSpotlight(value: unknown): SpotlightState | null {
  const spotlight = asRecord(value)
  const kind = spotlight?.['kind']
  const id = spotlight?.['id']
  if (!spotlight || (kind !== 'note' && kind !== 'zone') || typeof id !== 'string') return null
  return { kind, id, since: asNumber(spotlight['since']) }
}

export function readSession(doc: Y.Doc): SessionState {
  const { session } = boardRoots(doc)
  return {
    phase: asString(session.get('phase')),
    timer: readTimer(session.get('timer')),
    locked: asBoolean(session.get('locked')),
    silent: asBoolean(session.get('silent')),
    beforeSilence: readNoteIds(session.get('beforeSilence')),
    voting: readVoting(session.get('voting')),
    follow: readFollow(session.get('follow')),
    spotlight: readSpotlight(session.get('spotlight')),
  }
}

/**
 * Facilitator-only on the server; values are plain JSON (timer, voting, follow and spotlight
 * as objects, null to clear). One transaction, so clients never see half a change.
 */
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

/** A session key's stored value as it is, for checking what a client wrote. */
export function readRawSessionValue(doc: Y.Doc, key: string): unknown {
  return boardRoots(doc).session.get(key)
}
