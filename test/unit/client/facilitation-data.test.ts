import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, initBoardDoc, listNotes, readSession, setVotes, type SessionState } from '@shared/board/index.ts'
import { layoutFromTemplate, findTemplate } from '@shared/templates/index.ts'
import { BoardStores } from '../../../client/src/board/data/board-stores.ts'
import { Countdown, type Ticker } from '../../../client/src/board/data/countdown.ts'
import { ServerClock } from '../../../client/src/board/data/server-clock.ts'
import { clampVotesPerPerson, SessionControls } from '../../../client/src/board/data/session-controls.ts'
import { VoteTally } from '../../../client/src/board/data/vote-tally.ts'
import { Store } from '../../../client/src/lib/store.ts'

/** A ticker whose interval runs only when the test says so. */
function manualTicker(): Ticker & { tick(): void; running(): boolean } {
  let fn: (() => void) | null = null
  return {
    setInterval(callback) {
      fn = callback
      return 1
    },
    clearInterval() {
      fn = null
    },
    tick() {
      fn?.()
    },
    running: () => fn !== null,
  }
}

function disneyBoard(now = 1_000): Y.Doc {
  const doc = new Y.Doc()
  const template = findTemplate('disney')
  if (!template) throw new Error('no disney template')
  initBoardDoc(
    doc,
    { title: 'Disney', template: 'disney', createdAt: now, locale: 'en' },
    layoutFromTemplate(template, 'en'),
    now,
  )
  return doc
}

describe('ServerClock', () => {
  it('keeps the offset of the fastest round trip and falls back to the local clock before it knows', async () => {
    let local = 10_000
    // Server runs 5 s ahead. Round trips of 400, 40 and 200 ms: the 40 ms one wins.
    const trips = [400, 40, 200]
    let call = 0
    const clock = new ServerClock({
      localNow: () => local,
      resampleMs: 0,
      samples: 3,
      fetchNow: async () => {
        const trip = trips[call++] ?? 100
        local += trip / 2
        const serverNow = local + 5_000
        local += trip / 2
        return serverNow
      },
    })
    expect(clock.now()).toBe(local) // nothing known yet: the local clock
    await clock.sync()
    expect(clock.offset.get()).toEqual({ offsetMs: 5_000, uncertaintyMs: 20 })
    expect(clock.now()).toBe(local + 5_000)
    clock.destroy()
  })

  it('keeps the last estimate when the server cannot be reached', async () => {
    let fail = false
    const clock = new ServerClock({
      localNow: () => 0,
      resampleMs: 0,
      samples: 1,
      fetchNow: async () => {
        if (fail) throw new Error('offline')
        return 250
      },
    })
    await clock.sync()
    expect(clock.offset.get()?.offsetMs).toBe(250)
    fail = true
    await clock.sync()
    expect(clock.offset.get()?.offsetMs).toBe(250)
    clock.destroy()
  })
})

describe('Countdown', () => {
  const session = (timer: SessionState['timer']) => new Store<Pick<SessionState, 'timer'>>({ timer })

  it('counts down from the session timer on the given clock, ticking only while it runs', () => {
    let now = 0
    const ticker = manualTicker()
    const state = session({ startedAt: 0, durationMs: 60_000, pausedRemainingMs: 60_000 })
    const countdown = new Countdown(state, () => now, { ticker })
    expect(countdown.view.get()).toMatchObject({ status: 'ready', remainingMs: 60_000 })
    expect(ticker.running()).toBe(false)

    now = 1_000
    state.set({ timer: { startedAt: 1_000, durationMs: 60_000, pausedRemainingMs: null } })
    expect(ticker.running()).toBe(true)
    now = 31_000
    ticker.tick()
    expect(countdown.view.get()).toMatchObject({ status: 'running', remainingMs: 30_000 })

    state.set({ timer: { startedAt: 1_000, durationMs: 60_000, pausedRemainingMs: 30_000 } })
    expect(countdown.view.get().status).toBe('paused')
    expect(ticker.running()).toBe(false)
    countdown.destroy()
  })

  it('signals the end once, for a countdown it watched reach zero', () => {
    let now = 0
    const ticker = manualTicker()
    const state = session({ startedAt: 0, durationMs: 10_000, pausedRemainingMs: null })
    const countdown = new Countdown(state, () => now, { ticker })
    let ended = 0
    countdown.ended.on(() => ended++)
    now = 9_500
    ticker.tick()
    expect(ended).toBe(0)
    now = 10_100
    ticker.tick()
    expect(ended).toBe(1)
    expect(countdown.view.get().status).toBe('ended')
    ticker.tick()
    // Something else in the session changed (a lock): the same timer, no second signal.
    state.set({ timer: { startedAt: 0, durationMs: 10_000, pausedRemainingMs: null } })
    expect(ended).toBe(1)

    // Joining a board whose time is already up: no signal.
    const late = new Countdown(session({ startedAt: 0, durationMs: 10_000, pausedRemainingMs: null }), () => 50_000, {
      ticker: manualTicker(),
    })
    let lateEnded = 0
    late.ended.on(() => lateEnded++)
    expect(late.view.get().status).toBe('ended')
    expect(lateEnded).toBe(0)
    countdown.destroy()
    late.destroy()
  })

  it('re-reads the countdown when the server clock becomes known', () => {
    let offset = 0
    const clock = new Store(0)
    const ticker = manualTicker()
    // The local clock is 20 s ahead of the server: locally the 10 s countdown looks over.
    const countdown = new Countdown(
      session({ startedAt: 0, durationMs: 10_000, pausedRemainingMs: null }),
      () => 20_000 + offset,
      { ticker, clockChanges: clock },
    )
    expect(countdown.view.get().status).toBe('ended')
    expect(ticker.running()).toBe(false)
    offset = -18_000
    clock.set(1)
    expect(countdown.view.get()).toMatchObject({ status: 'running', remainingMs: 8_000 })
    expect(ticker.running()).toBe(true)
    countdown.destroy()
  })

  it('changes its view only when the displayed second changes', () => {
    let now = 0
    const ticker = manualTicker()
    const countdown = new Countdown(session({ startedAt: 0, durationMs: 10_000, pausedRemainingMs: null }), () => now, {
      ticker,
    })
    let renders = 0
    countdown.view.subscribe(() => renders++)
    // Ten ticks over 1.8 s: "0:10" until 1 s has passed, then "0:09" — one change.
    for (now = 0; now <= 1_800; now += 200) ticker.tick()
    expect(renders).toBe(1)
    expect(Math.ceil(countdown.view.get().remainingMs / 1000)).toBe(9)
    countdown.destroy()
  })
})

describe('VoteTally', () => {
  it('ranks voted notes with shared places and counts dots and voters', () => {
    const doc = new Y.Doc()
    const note = (text: string, createdAt: number) =>
      createNote(doc, { text, x: 0, y: 0, color: '#fff', zone: null, authorId: 'a', authorName: 'A', createdAt })
    const a = note('a', 1)
    const b = note('b', 2)
    const c = note('c', 3)
    const stores = new BoardStores(doc)
    const tally = new VoteTally(stores.notes)
    expect(tally.ranking.get()).toEqual([])

    setVotes(doc, a, 'p1', 2)
    setVotes(doc, b, 'p1', 1)
    setVotes(doc, b, 'p2', 1)
    setVotes(doc, c, 'p2', 1)
    expect(tally.ranking.get().map((entry) => [entry.note.id, entry.votes, entry.rank])).toEqual([
      [a, 2, 1],
      [b, 2, 1],
      [c, 1, 3],
    ])
    expect(tally.totals.get()).toEqual({ dots: 5, voters: 2 })
    expect(tally.results.get().get(c)).toEqual({ votes: 1, rank: 3 })

    // Editing a note's text does not rebuild the ranking.
    const before = tally.ranking.get()
    const text = doc.getMap<Y.Map<unknown>>('notes').get(c)?.get('text')
    if (text instanceof Y.Text) text.insert(1, '!')
    expect(tally.ranking.get()).toBe(before)

    setVotes(doc, a, 'p1', 0)
    expect(tally.results.get().has(a)).toBe(false)
    expect(tally.ranking.get().map((entry) => entry.rank)).toEqual([1, 2])
    tally.destroy()
    stores.destroy()
  })
})

describe('SessionControls', () => {
  it('moves through phases and runs the timer on the server clock', () => {
    const doc = disneyBoard()
    let now = 5_000
    const controls = new SessionControls(doc, {}, () => now)
    expect(readSession(doc).phase).toBe('frame')
    expect(controls.enterPhase('dreamer')).toBe(true)
    expect(controls.enterPhase('no-such-phase')).toBe(false)
    const ready = readSession(doc)
    expect(ready).toMatchObject({ phase: 'dreamer', timer: { durationMs: 600_000, pausedRemainingMs: 600_000 } })

    now = 6_000
    controls.startTimer(60_000) // a ready timer continues from what it shows, not the fallback
    expect(readSession(doc).timer).toEqual({ startedAt: 6_000, durationMs: 600_000, pausedRemainingMs: null })
    now = 66_000
    controls.pauseTimer()
    expect(readSession(doc).timer?.pausedRemainingMs).toBe(540_000)
    controls.addTime(60_000)
    expect(readSession(doc).timer?.pausedRemainingMs).toBe(600_000)
    controls.startTimer(60_000)
    now = 700_000
    controls.startTimer(120_000) // an ended timer starts again from the fallback
    expect(readSession(doc).timer).toEqual({ startedAt: 700_000, durationMs: 120_000, pausedRemainingMs: null })
    controls.setTimer(0)
    expect(readSession(doc).timer).toBeNull()
  })

  it('opens a fresh round without the last dots, adjusts and closes it; follows and spotlights', () => {
    const doc = disneyBoard()
    const controls = new SessionControls(doc, {}, () => 9_000)
    const id = createNote(doc, { x: 10, y: 400, color: '#fff', zone: 'dreamer', authorId: 'a', authorName: 'A' })
    setVotes(doc, id, 'p1', 2)
    controls.openVoting(5, true)
    expect(readSession(doc).voting).toEqual({ open: true, votesPerPerson: 5 })
    expect(listNotes(doc)[0]?.votes).toEqual({})
    controls.setVotesPerPerson(99)
    expect(readSession(doc).voting.votesPerPerson).toBe(clampVotesPerPerson(99))
    controls.closeVoting()
    expect(readSession(doc).voting.open).toBe(false)

    controls.setFollowMe(true)
    expect(readSession(doc).follow).toEqual({ clientId: doc.clientID, since: 9_000 })
    controls.setFollowMe(false)
    expect(readSession(doc).follow).toBeNull()
    controls.spotlight({ kind: 'zone', id: 'critic' })
    expect(readSession(doc).spotlight).toEqual({ kind: 'zone', id: 'critic', since: 9_000 })
    controls.setLocked(true)
    controls.setSilent(true)
    expect(readSession(doc)).toMatchObject({ locked: true, silent: true })
  })

  it('clamps dots per person to what templates allow', () => {
    expect(clampVotesPerPerson(0)).toBe(1)
    expect(clampVotesPerPerson(3.6)).toBe(4)
    expect(clampVotesPerPerson(Number.NaN)).toBe(1)
    expect(clampVotesPerPerson(1000)).toBe(50)
  })
})
