import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { NoteData, ZoneData } from '@shared/board/index.ts'
import { contrastRatio, readableUnderWhite } from '../../../client/src/lib/contrast.ts'
import { PRESENCE_COLORS } from '../../../client/src/identity/identity.ts'
import { groupNotesByZone } from '../../../client/src/board/notes-panel/group-notes.ts'
import {
  DOUBLE_TAP_MS,
  LONG_PRESS_MS,
  TouchGestures,
  type TouchClock,
} from '../../../client/src/board/input/touch-gestures.ts'

/** The presence colours of the previous version, kept on many devices. */
const OLD_PRESENCE_COLORS = [
  '#e11d48',
  '#db2777',
  '#9333ea',
  '#4f46e5',
  '#2563eb',
  '#0891b2',
  '#0d9488',
  '#16a34a',
  '#65a30d',
  '#ca8a04',
  '#ea580c',
  '#78716c',
]

describe('colours that must stay readable', () => {
  it('white initials reach 4.5:1 on every presence colour', () => {
    for (const color of PRESENCE_COLORS) expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5)
  })

  it('an older or foreign colour is darkened just enough where it is drawn, a readable one is kept', () => {
    const failing = OLD_PRESENCE_COLORS.filter((color) => contrastRatio(color, '#ffffff') < 4.5)
    expect(failing.length).toBeGreaterThanOrEqual(6)
    for (const color of OLD_PRESENCE_COLORS) {
      const drawn = readableUnderWhite(color)
      expect(contrastRatio(drawn, '#ffffff'), `${color} → ${drawn}`).toBeGreaterThanOrEqual(4.5)
      // Darkened just enough: the hue stays recognisable.
      if (failing.includes(color)) expect(contrastRatio(drawn, '#ffffff'), `${color} → ${drawn}`).toBeLessThan(5.5)
      else expect(drawn).toBe(color)
    }
    expect(readableUnderWhite('#4f46e5')).toBe('#4f46e5')
    expect(contrastRatio(readableUnderWhite('not a colour'), '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })

  it('the focus ring has 3:1 on white and on the canvas grey', () => {
    const css = readFileSync(new URL('../../../client/src/styles.css', import.meta.url), 'utf8')
    const focus = /--focus:\s*(#[0-9a-f]{6})/i.exec(css)?.[1] ?? ''
    const canvasGrey = /\.board-canvas \{[^}]*background: (#[0-9a-f]{6})/i.exec(css)?.[1] ?? ''
    expect(canvasGrey).toBe('#f5f5f4')
    expect(contrastRatio(focus, '#ffffff')).toBeGreaterThanOrEqual(3)
    expect(contrastRatio(focus, canvasGrey)).toBeGreaterThanOrEqual(3)
    // The NOW badge: white on amber.
    const now = /\.phase-now \{[^}]*background: (#[0-9a-f]{6})/i.exec(css)?.[1] ?? ''
    expect(contrastRatio(now, '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })
})

function zone(id: string, x: number, y: number): ZoneData {
  return { id, title: id, kind: 'frame', x, y, width: 300, height: 300, color: '#fff', prompt: '' }
}

function note(id: string, zoneId: string | null, x: number, y: number): NoteData {
  return {
    id,
    text: id,
    x,
    y,
    width: 100,
    height: 100,
    color: '#fde68a',
    zone: zoneId,
    authorId: 'a',
    authorName: 'A',
    createdAt: 0,
    votes: {},
  } as NoteData
}

describe('the Notes panel’s grouping', () => {
  it('lists every note once, by zone in reading order, notes in reading order, loose notes last', () => {
    const zones = [zone('right', 400, 0), zone('below', 0, 400), zone('left', 0, 0), zone('empty', 800, 0)]
    const notes = [
      note('b', 'left', 120, 10),
      note('a', 'left', 10, 10),
      note('c', 'left', 10, 150),
      note('r', 'right', 410, 10),
      note('x', null, 2000, 0),
      note('gone', 'deleted-zone', 3000, 0),
      note('d', 'below', 10, 410),
    ]
    const groups = groupNotesByZone(notes, zones)
    expect(groups.map((group) => group.zone?.id ?? null)).toEqual(['left', 'right', 'empty', 'below', null])
    expect(groups.map((group) => group.notes.map((n) => n.id))).toEqual([
      ['a', 'b', 'c'],
      ['r'],
      [],
      ['d'],
      ['x', 'gone'],
    ])
  })

  it('does not cap a big board', () => {
    const notes = Array.from({ length: 1200 }, (_, i) => note(`n${i}`, 'z', (i % 30) * 10, Math.floor(i / 30) * 10))
    const groups = groupNotesByZone(notes, [zone('z', 0, 0)])
    expect(groups[0]!.notes).toHaveLength(1200)
  })
})

/** A clock driven by hand. */
function manualClock() {
  let now = 0
  let timers: { at: number; run: () => void; id: number }[] = []
  let next = 0
  const clock: TouchClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = ++next
      timers.push({ at: now + ms, run, id })
      return id
    },
    clearTimeout: (handle) => {
      timers = timers.filter((timer) => timer.id !== handle)
    },
  }
  const advance = (ms: number) => {
    now += ms
    const due = timers.filter((timer) => timer.at <= now)
    timers = timers.filter((timer) => timer.at > now)
    for (const timer of due) timer.run()
  }
  return { clock, advance }
}

describe('touch gestures', () => {
  function recorder() {
    const events: string[] = []
    const { clock, advance } = manualClock()
    const gestures = new TouchGestures(
      {
        tap: (p) => events.push(`tap ${p.x},${p.y}`),
        doubleTap: (p) => events.push(`double ${p.x},${p.y}`),
        longPress: (p) => events.push(`long ${p.x},${p.y}`),
      },
      clock,
    )
    return { events, gestures, advance }
  }

  it('two quick taps near each other are a double tap at the first', () => {
    const { events, gestures, advance } = recorder()
    gestures.down(1, { x: 100, y: 100 })
    advance(80)
    gestures.up(1, { x: 101, y: 100 })
    advance(DOUBLE_TAP_MS - 150)
    gestures.down(2, { x: 110, y: 104 })
    advance(60)
    gestures.up(2, { x: 110, y: 104 })
    expect(events).toEqual(['tap 101,100', 'double 101,100'])
  })

  it('taps too far apart in time or place are two taps', () => {
    const { events, gestures, advance } = recorder()
    gestures.down(1, { x: 100, y: 100 })
    gestures.up(1, { x: 100, y: 100 })
    advance(DOUBLE_TAP_MS + 50)
    gestures.down(2, { x: 100, y: 100 })
    gestures.up(2, { x: 100, y: 100 })
    gestures.down(3, { x: 200, y: 100 })
    gestures.up(3, { x: 200, y: 100 })
    expect(events).toEqual(['tap 100,100', 'tap 100,100', 'tap 200,100'])
  })

  it('a finger held still is a long press, and its release is no tap; moving or a second finger cancels it', () => {
    const { events, gestures, advance } = recorder()
    gestures.down(1, { x: 50, y: 50 })
    advance(LONG_PRESS_MS)
    gestures.up(1, { x: 50, y: 50 })
    expect(events).toEqual(['long 50,50'])
    gestures.down(2, { x: 50, y: 50 })
    gestures.move(2, { x: 80, y: 50 })
    advance(LONG_PRESS_MS)
    gestures.up(2, { x: 80, y: 50 })
    gestures.down(3, { x: 50, y: 50 })
    gestures.cancel()
    advance(LONG_PRESS_MS)
    expect(events).toEqual(['long 50,50'])
  })
})
