import { describe, expect, it } from 'vitest'
import type { NoteData, ZoneData } from '@shared/board/index.ts'
import { hitTest } from '../../../client/src/board/view/hit-test.ts'
import { fitText, wrapText } from '../../../client/src/board/view/text-fit.ts'
import { NOTE_FONT_MAX, NOTE_FONT_MIN } from '../../../client/src/board/view/layout.ts'
import {
  boardToScreen,
  fitRect,
  MAX_SCALE,
  MIN_SCALE,
  screenToBoard,
  visibleBoardRect,
  zoomAt,
} from '../../../client/src/board/view/viewport.ts'

/** Every character is 0.5 em wide: predictable widths for layout tests. */
const monospace = (text: string) => text.length * 0.5

describe('viewport', () => {
  it('zooms around the pointer: the board point under it stays under it', () => {
    const view = { x: 120, y: -40, scale: 0.8 }
    const anchor = { x: 300, y: 200 }
    const before = screenToBoard(view, anchor)
    const zoomed = zoomAt(view, anchor, 1.7)
    expect(zoomed.scale).toBeCloseTo(1.36)
    const after = boardToScreen(zoomed, before)
    expect(after.x).toBeCloseTo(anchor.x)
    expect(after.y).toBeCloseTo(anchor.y)
  })

  it('keeps the zoom between 10 % and 400 %', () => {
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 100).scale).toBe(MAX_SCALE)
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 0.0001).scale).toBe(MIN_SCALE)
    expect(MIN_SCALE).toBe(0.1)
    expect(MAX_SCALE).toBe(4)
  })

  it('fits a rectangle into the screen, centred, never above 100 %', () => {
    const size = { width: 1000, height: 600 }
    const view = fitRect({ x: 1000, y: 1000, width: 4000, height: 1000 }, size, { margin: 0 })
    expect(view.scale).toBeCloseTo(0.25)
    const visible = visibleBoardRect(view, size)
    expect(visible.x + visible.width / 2).toBeCloseTo(3000)
    expect(visible.y + visible.height / 2).toBeCloseTo(1500)
    expect(fitRect({ x: 0, y: 0, width: 10, height: 10 }, size).scale).toBe(1)
  })
})

describe('text fit', () => {
  it('wraps at spaces and cuts words wider than the line', () => {
    expect(wrapText('aa bb cc', 2, 1, monospace)).toEqual(['aa', 'bb', 'cc'])
    expect(wrapText('aa bb', 10, 1, monospace)).toEqual(['aa bb'])
    expect(wrapText('abcdefgh', 2, 1, monospace)).toEqual(['abcd', 'efgh'])
    expect(wrapText('one\ntwo', 100, 1, monospace)).toEqual(['one', 'two'])
  })

  it('uses the largest font for short text, shrinks for long text, then asks to grow', () => {
    expect(fitText('Hi', 160, 160, monospace).fontSize).toBe(NOTE_FONT_MAX)
    const medium = fitText('word '.repeat(30), 160, 160, monospace)
    expect(medium.fontSize).toBeLessThan(NOTE_FONT_MAX)
    expect(medium.fontSize).toBeGreaterThanOrEqual(NOTE_FONT_MIN)
    expect(medium.neededHeight).toBeLessThanOrEqual(160)
    const long = fitText('word '.repeat(200), 160, 160, monospace)
    expect(long.fontSize).toBe(NOTE_FONT_MIN)
    expect(long.neededHeight).toBeGreaterThan(160)
  })
})

function note(id: string, x: number, y: number, size = 100): NoteData {
  return {
    id,
    text: '',
    x,
    y,
    width: size,
    height: size,
    color: '#fff',
    zone: null,
    authorId: 'a',
    authorName: 'A',
    createdAt: 0,
    votes: {},
    ideaId: null,
    ideaRef: null,
    ideaStatus: null,
    heldBack: null,
  }
}

describe('hitTest', () => {
  const zone: ZoneData = {
    id: 'z',
    title: 'Dreamer',
    kind: 'dreamer',
    x: 0,
    y: 0,
    width: 1000,
    height: 800,
    color: '#eee',
    prompt: '',
  }
  const base = { zones: [zone], selected: new Set<string>(), scale: 1, zoneHandles: true, noteHandles: true }

  it('finds the topmost note, then the zone title, body and resize corner', () => {
    const notes = [note('under', 100, 100), note('over', 150, 150)]
    expect(hitTest({ x: 160, y: 160 }, { ...base, notes })).toEqual({ kind: 'note', id: 'over' })
    expect(hitTest({ x: 110, y: 110 }, { ...base, notes })).toEqual({ kind: 'note', id: 'under' })
    expect(hitTest({ x: 500, y: 20 }, { ...base, notes })).toEqual({ kind: 'zone-title', id: 'z' })
    expect(hitTest({ x: 500, y: 500 }, { ...base, notes })).toEqual({ kind: 'zone', id: 'z' })
    expect(hitTest({ x: 995, y: 795 }, { ...base, notes })).toEqual({ kind: 'zone-resize', id: 'z' })
    expect(hitTest({ x: 2000, y: 2000 }, { ...base, notes })).toEqual({ kind: 'empty' })
  })

  it('offers the resize handle only on selected notes and only to those who may edit', () => {
    const notes = [note('n', 100, 100)]
    const corner = { x: 198, y: 198 }
    expect(hitTest(corner, { ...base, notes })).toEqual({ kind: 'note', id: 'n' })
    expect(hitTest(corner, { ...base, notes, selected: new Set(['n']) })).toEqual({ kind: 'note-resize', id: 'n' })
    expect(hitTest(corner, { ...base, notes, selected: new Set(['n']), noteHandles: false })).toEqual({
      kind: 'note',
      id: 'n',
    })
    expect(hitTest({ x: 500, y: 20 }, { ...base, notes, zoneHandles: false })).toEqual({ kind: 'zone-title', id: 'z' })
  })
})

describe('text fit of long words', () => {
  it('shrinks the font before it cuts a word', () => {
    // 14 characters at 0.5 em: fits 140 px from 20 px down, not at 22 px.
    const fitted = fitText('sunnuntaisinkin', 160, 160, monospace)
    expect(fitted.lines).toEqual(['sunnuntaisinkin'])
    expect(fitted.fontSize).toBeLessThan(NOTE_FONT_MAX)
  })
})
