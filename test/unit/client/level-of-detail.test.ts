import { describe, expect, it } from 'vitest'
import type { ZoneData } from '@shared/board/index.ts'
import { intersects } from '../../../client/src/board/view/geometry.ts'
import { hitTest } from '../../../client/src/board/view/hit-test.ts'
import { NOTE_PADDING, ZONE_TITLE_HEIGHT } from '../../../client/src/board/view/layout.ts'
import {
  noteTextAt,
  OVERVIEW_TEXT_MIN_PX,
  READABLE_TEXT_PX,
  simplifiedFontSize,
  zoneTitleAt,
} from '../../../client/src/board/view/level-of-detail.ts'
import { layoutNote, markUnit } from '../../../client/src/board/view/note-layout.ts'
import { fitText } from '../../../client/src/board/view/text-fit.ts'
import { adjacentZone, currentZone, zoneViewport } from '../../../client/src/board/view/zone-navigation.ts'

/** Every character is 0.5 em wide: predictable widths for layout tests. */
const monospace = (text: string) => text.length * 0.5

/** The text a 160 × 160 note shows at a zoom, fitted the way the canvas fits it. */
function shownAt(text: string, scale: number, size = 160) {
  const box = { width: size - 2 * NOTE_PADDING, height: size - 2 * NOTE_PADDING }
  return noteTextAt(text, box, scale, fitText(text, size, size, monospace), monospace)
}

describe('level of detail: note text', () => {
  const text = 'Open the library on Sundays for families with small children'

  it('draws the whole fitted text where it is readable on screen', () => {
    const shown = shownAt(text, 1)!
    expect(shown.simplified).toBe(false)
    expect(shown.lines.join(' ')).toBe(text)
    expect(shown.fontSize * 1).toBeGreaterThanOrEqual(READABLE_TEXT_PX)
  })

  it('zoomed out, draws the first words larger instead of all of them too small, ending in …', () => {
    const shown = shownAt(text, 0.35)!
    expect(shown.simplified).toBe(true)
    expect(shown.fontSize * 0.35).toBeGreaterThanOrEqual(OVERVIEW_TEXT_MIN_PX)
    expect(shown.lines.length).toBeGreaterThan(0)
    expect(shown.lines.length).toBeLessThan(shownAt(text, 1)!.lines.length)
    expect(text.startsWith(shown.lines[0]!)).toBe(true)
    expect(shown.lines.at(-1)!.endsWith('…')).toBe(true)
    for (const line of shown.lines) expect(monospace(line) * shown.fontSize).toBeLessThanOrEqual(140 + 1e-9)
  })

  it('keeps the simplified font readable and near the overview size at every zoom', () => {
    for (let scale = 0.1; scale < 0.6; scale += 0.013) {
      const px = simplifiedFontSize(scale) * scale
      expect(px).toBeGreaterThanOrEqual(OVERVIEW_TEXT_MIN_PX - 1e-9)
      expect(px).toBeLessThan(13.2)
    }
  })

  it('draws nothing where not even a few characters fit, and nothing for empty text', () => {
    expect(shownAt(text, 0.12)).toBeNull()
    expect(shownAt(text, 0.35, 60)).toBeNull()
    expect(shownAt('   ', 1)).toBeNull()
  })

  it('a short text that fits whole ends without …', () => {
    const shown = shownAt('Wifi', 0.35)!
    expect(shown.lines).toEqual(['Wifi'])
  })
})

describe('level of detail: zone titles', () => {
  it('grow when zoomed out to stay readable, within a share of the zone', () => {
    expect(zoneTitleAt(700, 1).band).toBe(ZONE_TITLE_HEIGHT)
    const far = zoneTitleAt(700, 0.3)
    expect(far.fontSize * 0.3).toBeGreaterThanOrEqual(18)
    expect(far.band).toBeGreaterThan(ZONE_TITLE_HEIGHT)
    expect(far.showPrompt).toBe(false)
    expect(zoneTitleAt(260, 0.1).band).toBeLessThanOrEqual(260 * 0.4 + 1e-9)
    expect(zoneTitleAt(700, 1).showPrompt).toBe(true)
  })

  it('the title bar a click hits grows with the title drawn in it', () => {
    const zone: ZoneData = {
      id: 'z',
      title: 'Dreamer',
      kind: 'dreamer',
      x: 0,
      y: 0,
      width: 500,
      height: 700,
      color: '#eee',
      prompt: '',
    }
    const scene = { notes: [], zones: [zone], selected: new Set<string>(), zoneHandles: false, noteHandles: false }
    const below = { x: 200, y: ZONE_TITLE_HEIGHT + 20 }
    expect(hitTest(below, { ...scene, scale: 1 }).kind).toBe('zone')
    expect(hitTest(below, { ...scene, scale: 0.3 }).kind).toBe('zone-title')
  })
})

describe('note layout: marks never cover the text', () => {
  const marks = {
    badge: 'KT-2026-0042 · Screening',
    result: { votes: 12, rank: 1 },
    myDots: null,
  }

  it('puts the marks in a footer and the text box above it, at 100 % and zoomed out', () => {
    for (const scale of [1, 0.83, 0.5, 0.35, 0.2]) {
      for (const size of [
        { width: 160, height: 160 },
        { width: 120, height: 90 },
        { width: 300, height: 200 },
      ]) {
        const layout = layoutNote(size, marks, markUnit(size, scale), monospace)
        expect(layout.marks.map((mark) => mark.kind)).toEqual(['rank', 'votes', 'badge'])
        for (const mark of layout.marks) {
          expect(intersects(mark.rect, layout.textBox)).toBe(false)
          expect(mark.rect.x + mark.rect.width).toBeLessThanOrEqual(size.width)
          expect(mark.rect.y + mark.rect.height).toBeLessThanOrEqual(size.height)
        }
        // The marks leave the text at least half the note.
        expect(layout.textBox.height).toBeGreaterThanOrEqual(size.height / 2 - 2 * NOTE_PADDING)
      }
    }
  })

  it('a note without marks keeps its whole inner box for text', () => {
    const layout = layoutNote({ width: 160, height: 160 }, {}, 1, monospace)
    expect(layout.marks).toEqual([])
    expect(layout.textBox).toEqual({ x: NOTE_PADDING, y: NOTE_PADDING, width: 140, height: 140 })
  })

  it('one’s own dots sit in the footer too', () => {
    const layout = layoutNote({ width: 160, height: 160 }, { myDots: { count: 7, color: '#f00' } }, 1, monospace)
    expect(layout.marks.map((mark) => mark.kind)).toEqual(['dots'])
    expect(intersects(layout.marks[0]!.rect, layout.textBox)).toBe(false)
  })
})

describe('zoom to zone', () => {
  const zone = (id: string, x: number, y: number, width = 500, height = 700): ZoneData => ({
    id,
    title: id,
    kind: 'frame',
    x,
    y,
    width,
    height,
    color: '#eee',
    prompt: '',
  })
  // The Disney layout: goal on top, three roles, questions below (stored in another order).
  const zones = [
    zone('critic', 1080, 300),
    zone('questions', 0, 1040, 1580, 260),
    zone('dreamer', 0, 300),
    zone('focus', 0, 0, 1580, 260),
    zone('realist', 540, 300),
  ]
  const size = { width: 1280, height: 530 }

  it('shows the zone whole and centred, at most at 100 %', () => {
    const view = zoneViewport(zones[0]!, size)
    expect(view.scale).toBeCloseTo((530 - 48) / 700)
    expect(view.x + (1080 + 250) * view.scale).toBeCloseTo(640)
    expect(zoneViewport(zone('small', 0, 0, 100, 100), size).scale).toBe(1)
  })

  it('steps through the zones in reading order, round and back', () => {
    const order: string[] = []
    let current: ZoneData | null = null
    for (let i = 0; i < 6; i++) {
      current = adjacentZone(zones, current, 1)
      order.push(current!.id)
    }
    expect(order).toEqual(['focus', 'dreamer', 'realist', 'critic', 'questions', 'focus'])
    expect(adjacentZone(zones, zones[1]!, -1)!.id).toBe('critic')
    expect(adjacentZone(zones, null, -1)!.id).toBe('questions')
    expect(adjacentZone([], null, 1)).toBeNull()
  })

  it('knows the zone in view: the one zoomed to, else the one under the middle of the screen', () => {
    const onRealist = zoneViewport(zones[4]!, size)
    expect(currentZone(zones, onRealist, size, null)!.id).toBe('realist')
    // A frame nested in the Goal zone, zoomed to: its middle is also the Goal's, but it is the current one.
    const nested = zone('nested', 600, 20, 300, 200)
    const withNested = [...zones, nested]
    expect(currentZone(withNested, zoneViewport(nested, size), size, 'nested')!.id).toBe('nested')
    expect(currentZone(withNested, { x: 10_000, y: 0, scale: 1 }, size, null)).toBeNull()
  })
})
