import { describe, expect, it } from 'vitest'
import type { NoteData, PhaseData, SessionState, ZoneData } from '@shared/board/index.ts'
import {
  addTime,
  canChangeNote,
  canCreateNote,
  estimateClockOffset,
  faceDownCount,
  followedViewport,
  formatRemaining,
  nextVoteCount,
  noteVisibility,
  openZoneIds,
  pauseTimer,
  phaseNavigation,
  rankNotes,
  readyTimer,
  remainingVotes,
  resumeTimer,
  serverTime,
  shouldFollow,
  silenceFields,
  startTimer,
  timerJustEnded,
  timerView,
  voteTotalsVisible,
  zonesOfNote,
  type ParticipantContext,
} from '@shared/facilitation/index.ts'
import { findTemplate, layoutFromTemplate } from '@shared/templates/index.ts'

const MIN = 60_000

describe('timer on the server clock', () => {
  it('counts down from a ready timer once started, pauses, resumes and ends', () => {
    const ready = readyTimer(5 * MIN, 1_000)
    expect(timerView(ready, 50_000)).toEqual({ status: 'ready', remainingMs: 5 * MIN, totalMs: 5 * MIN, endsAt: null })
    const running = resumeTimer(ready, 10_000)
    expect(timerView(running, 70_000)).toEqual({
      status: 'running',
      remainingMs: 4 * MIN,
      totalMs: 5 * MIN,
      endsAt: 10_000 + 5 * MIN,
    })
    const paused = pauseTimer(running, 70_000)
    expect(timerView(paused, 999_999)).toMatchObject({ status: 'paused', remainingMs: 4 * MIN })
    const resumed = resumeTimer(paused, 100_000)
    expect(timerView(resumed, 100_000 + 4 * MIN)).toMatchObject({ status: 'ended', remainingMs: 0 })
    expect(timerView(null, 0).status).toBe('idle')
  })

  it('adds time to running, paused and ended countdowns', () => {
    const running = startTimer(2 * MIN, 0)
    expect(timerView(addTime(running, MIN, 30_000), 30_000).remainingMs).toBe(2.5 * MIN)
    const paused = pauseTimer(running, 60_000)
    expect(timerView(addTime(paused, MIN, 500_000), 500_000)).toMatchObject({ status: 'paused', remainingMs: 2 * MIN })
    // After the end, "+1 min" means one more minute from now.
    expect(timerView(addTime(running, MIN, 10 * MIN), 10 * MIN)).toMatchObject({ status: 'running', remainingMs: MIN })
    expect(timerView(addTime(paused, -5 * MIN, 0), 0).remainingMs).toBe(0)
  })

  it('signals the end exactly once and formats what is left', () => {
    const timer = startTimer(10_000, 0)
    expect(timerJustEnded(1_000, timer, 9_000)).toBe(false)
    expect(timerJustEnded(1_000, timer, 10_000)).toBe(true)
    expect(timerJustEnded(0, timer, 11_000)).toBe(false)
    expect(timerJustEnded(1_000, pauseTimer(timer, 5_000), 20_000)).toBe(false)
    expect([
      formatRemaining(0),
      formatRemaining(1),
      formatRemaining(59_001),
      formatRemaining(10 * MIN),
      formatRemaining(3_725_000),
    ]).toEqual(['0:00', '0:01', '1:00', '10:00', '1:02:05'])
  })

  it('estimates the clock offset from the fastest round trip', () => {
    const offset = estimateClockOffset([
      { sentAt: 1_000, receivedAt: 1_400, serverNow: 6_000 }, // slow: 400 ms round trip
      { sentAt: 2_000, receivedAt: 2_020, serverNow: 7_050 }, // fast: server is 5,040 ms ahead
      { sentAt: 3_000, receivedAt: 2_990, serverNow: 0 }, // a clock that jumped back: ignored
    ])
    expect(offset).toEqual({ offsetMs: 5_040, uncertaintyMs: 10 })
    expect(serverTime(10_000, offset)).toBe(15_040)
    expect(estimateClockOffset([])).toBeNull()
  })
})

describe('phases', () => {
  const template = findTemplate('disney')
  if (!template) throw new Error('disney')
  const { phases, zones } = layoutFromTemplate(template, 'fi')

  it('navigate forward, back and around the Disney loop', () => {
    expect(phaseNavigation(phases, 'critic')).toMatchObject({
      index: 3,
      previous: { id: 'realist' },
      next: { id: 'converge' },
      loopTo: { id: 'dreamer' },
    })
    expect(phaseNavigation(phases, 'frame')).toMatchObject({ previous: null, next: { id: 'dreamer' }, loopTo: null })
    expect(phaseNavigation(phases, 'unknown')).toMatchObject({ index: -1, next: { id: 'frame' } })
  })

  it('say which zones are open, and which zones a note is in', () => {
    const dreamer = phases.find((phase) => phase.id === 'dreamer') ?? null
    expect(openZoneIds(dreamer)).toEqual(new Set(['dreamer']))
    expect(openZoneIds(null)).toBe('all')
    const zoneData: ZoneData[] = zones.map((zone) => ({ ...zone, id: zone.id ?? '' }))
    expect(zonesOfNote({ zone: null, x: 600, y: 400, width: 100, height: 100, authorId: 'a' }, zoneData)).toEqual([
      'realist',
    ])
    expect(zonesOfNote({ zone: 'dreamer', x: 600, y: 400, width: 100, height: 100, authorId: 'a' }, zoneData)).toEqual([
      'dreamer',
      'realist',
    ])
    expect(zonesOfNote({ zone: 'gone', x: 5_000, y: 5_000, width: 100, height: 100, authorId: 'a' }, zoneData)).toEqual(
      [],
    )
  })

  it('tell the UI what a participant may do (the rules the server enforces)', () => {
    const zoneData: ZoneData[] = zones.map((zone) => ({ ...zone, id: zone.id ?? '' }))
    const session: Pick<SessionState, 'locked' | 'silent' | 'voting'> = {
      locked: false,
      silent: false,
      voting: { open: false, votesPerPerson: 3 },
    }
    const phase = phases.find((candidate) => candidate.id === 'dreamer') as PhaseData
    const context: ParticipantContext = { session, phase, zones: zoneData, participantId: 'me' }
    const inDreamer = { zone: 'dreamer', x: 50, y: 350, width: 100, height: 100, authorId: 'someone' }
    const inCritic = { ...inDreamer, zone: 'critic', x: 1100 }
    expect(canCreateNote(context, inDreamer)).toBe(true)
    expect(canChangeNote(context, inCritic)).toBe(false)
    expect(canChangeNote({ ...context, session: { ...session, silent: true } }, inDreamer)).toBe(false)
    expect(canChangeNote({ ...context, session: { ...session, silent: true } }, { ...inDreamer, authorId: 'me' })).toBe(
      true,
    )
    expect(canChangeNote({ ...context, session: { ...session, locked: true } }, inDreamer)).toBe(false)
  })
})

describe('voting', () => {
  const note = (
    id: string,
    votes: Record<string, number>,
    createdAt = 0,
  ): Pick<NoteData, 'id' | 'votes' | 'createdAt'> => ({ id, votes, createdAt })
  const open = { voting: { open: true, votesPerPerson: 3 }, locked: false }

  it('counts remaining dots and the next count for + and −', () => {
    const notes = [note('a', { me: 2, you: 1 }), note('b', {})]
    expect(remainingVotes(notes, 'me', open)).toBe(1)
    expect(nextVoteCount(notes, 'b', 'me', open, 1)).toBe(1)
    expect(nextVoteCount(notes, 'a', 'me', open, -1)).toBe(1)
    expect(nextVoteCount(notes, 'b', 'me', open, -1)).toBeNull()
    const spent = [note('a', { me: 3 })]
    expect(nextVoteCount(spent, 'a', 'me', open, 1)).toBeNull()
    expect(nextVoteCount(notes, 'b', 'me', { ...open, voting: { open: false, votesPerPerson: 3 } }, 1)).toBeNull()
  })

  it('hides totals while the round is open and ranks notes once it is closed, ties sharing a rank', () => {
    expect(voteTotalsVisible({ voting: { open: true, votesPerPerson: 3 } })).toBe(false)
    expect(voteTotalsVisible({ voting: { open: false, votesPerPerson: 3 } })).toBe(true)
    const ranked = rankNotes([
      note('x', {}),
      note('late', { a: 2 }, 5),
      note('top', { a: 1, b: 3 }),
      note('early', { c: 2 }, 1),
    ])
    expect(ranked.map((entry) => [entry.note.id, entry.votes, entry.rank])).toEqual([
      ['top', 4, 1],
      ['early', 2, 2],
      ['late', 2, 2],
    ])
    expect(rankNotes([note('x', {})], { includeUnvoted: true })).toMatchObject([{ votes: 0, rank: 1 }])
  })
})

describe('silent mode, follow and spotlight', () => {
  it('when an older client turned it on: participants see only their own notes face up; facilitators everything; viewers nothing', () => {
    const silent = { silent: true, beforeSilence: null }
    const notes = [
      { id: 'a', authorId: 'me' },
      { id: 'b', authorId: 'you' },
      { id: 'c', authorId: 'you' },
    ]
    expect(notes.map((n) => noteVisibility(n, { role: 'participant', participantId: 'me' }, silent))).toEqual([
      'visible',
      'face-down',
      'face-down',
    ])
    expect(notes.map((n) => noteVisibility(n, { role: 'facilitator', participantId: null }, silent))).toEqual([
      'visible',
      'visible',
      'visible',
    ])
    expect(faceDownCount(notes, { role: 'viewer', participantId: null }, silent)).toBe(3)
    expect(faceDownCount(notes, { role: 'viewer', participantId: null }, { silent: false, beforeSilence: null })).toBe(
      0,
    )
  })

  it('keeps readable to everyone the notes on the board when it was turned on, and only those', () => {
    const silent = { silent: true, beforeSilence: ['goal', 'dream'] }
    const notes = [
      { id: 'goal', authorId: 'fia' },
      { id: 'dream', authorId: 'you' },
      { id: 'onBoardInSilence', authorId: 'you' },
      { id: 'mine', authorId: 'me' },
    ]
    expect(notes.map((n) => noteVisibility(n, { role: 'participant', participantId: 'me' }, silent))).toEqual([
      'visible',
      'visible',
      'face-down',
      'visible',
    ])
    expect(notes.map((n) => noteVisibility(n, { role: 'viewer', participantId: null }, silent))).toEqual([
      'visible',
      'visible',
      'face-down',
      'face-down',
    ])
    expect(faceDownCount(notes, { role: 'facilitator', participantId: null }, silent)).toBe(0)
  })

  it('records the notes on the board when silent mode is turned on, keeps the record while it stays on, drops it when off', () => {
    let read = 0
    const noteIds = () => {
      read++
      return ['goal', 'x'.repeat(65), 'dream']
    }
    expect(silenceFields(true, { silent: false, beforeSilence: null }, noteIds)).toEqual({
      silent: true,
      beforeSilence: ['goal', 'dream'],
    })
    expect(silenceFields(true, { silent: true, beforeSilence: ['goal'] }, noteIds)).toEqual({ silent: true })
    expect(read).toBe(1)
    expect(silenceFields(false, { silent: true, beforeSilence: ['goal'] }, noteIds)).toEqual({
      silent: false,
      beforeSilence: null,
    })
    expect(silenceFields(false, { silent: false, beforeSilence: null }, noteIds)).toEqual({ silent: false })
  })

  it('follows the facilitator’s awareness viewport until the user moves, and again when asked again', () => {
    const follow = { clientId: 7, since: 100 }
    const states = new Map<number, unknown>([
      [7, { viewport: { x: 10, y: 20, width: 800, height: 600 } }],
      [8, { viewport: 'bad' }],
    ])
    expect(followedViewport(follow, states)).toEqual({ x: 10, y: 20, width: 800, height: 600 })
    expect(followedViewport({ clientId: 8, since: 1 }, states)).toBeNull()
    expect(shouldFollow(follow, 1, null)).toBe(true)
    expect(shouldFollow(follow, 7, null)).toBe(false)
    expect(shouldFollow(follow, 1, 100)).toBe(false)
    expect(shouldFollow({ ...follow, since: 200 }, 1, 100)).toBe(true)
    expect(shouldFollow(null, 1, null)).toBe(false)
  })
})
