import { describe, expect, it } from 'vitest'
import type { ZoneData } from '@shared/board/index.ts'
import { findFreeSpot, SPOT_GAP, targetZone } from '../../../client/src/board/input/free-spot.ts'

const zone = (id: string, x: number, y: number, width: number, height: number): ZoneData => ({
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

const NOTE = { width: 160, height: 160 }
const dreamer = zone('dreamer', 0, 300, 500, 700)
const realist = zone('realist', 540, 300, 500, 700)
const critic = zone('critic', 1080, 300, 500, 700)
const zones = [dreamer, realist, critic]
const everything = { x: -100, y: -100, width: 2000, height: 1500 }

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

describe('the zone new notes go to', () => {
  it('is the open zone that shows most in the view', () => {
    const view = { x: 400, y: 300, width: 700, height: 500 } // a little of Dreamer, most of Realist
    expect(targetZone([dreamer, realist], view)?.id).toBe('realist')
  })

  it('is the first open zone in reading order when none shows', () => {
    const view = { x: 5000, y: 5000, width: 100, height: 100 }
    expect(targetZone([critic, realist], view)?.id).toBe('realist')
    expect(targetZone([], view)).toBeNull()
  })
})

describe('a free spot for a new note', () => {
  it('is the first free place in reading order inside the zone, below its title and prompt', () => {
    const spot = findFreeSpot({ size: NOTE, zones, target: dreamer, occupied: [], view: everything, zoneTop: 70 })
    expect(spot).toEqual({ x: dreamer.x + SPOT_GAP, y: dreamer.y + 70 })
  })

  it('never covers a note when the zone has room, and keeps the gap', () => {
    const occupied = [
      { x: 16, y: 370, width: 160, height: 160 },
      { x: 200, y: 380, width: 160, height: 160 },
    ]
    const spot = findFreeSpot({ size: NOTE, zones, target: dreamer, occupied, view: everything, zoneTop: 70 })
    const rect = { ...spot, ...NOTE }
    const padded = { x: rect.x - 1, y: rect.y - 1, width: rect.width + 2, height: rect.height + 2 }
    expect(occupied.some((note) => overlaps(padded, note))).toBe(false)
    expect(spot.x + NOTE.width).toBeLessThanOrEqual(dreamer.x + dreamer.width)
    expect(spot.y + NOTE.height).toBeLessThanOrEqual(dreamer.y + dreamer.height)
  })

  it('prefers a place on screen, else the zone’s first free place (the view then moves there)', () => {
    // Only the lower half of the zone is on screen.
    const view = { x: 0, y: 700, width: 600, height: 400 }
    const onScreen = findFreeSpot({ size: NOTE, zones, target: dreamer, occupied: [], view, zoneTop: 70 })
    expect(onScreen.y).toBeGreaterThanOrEqual(700)
    const offScreen = findFreeSpot({
      size: NOTE,
      zones,
      target: dreamer,
      occupied: [],
      view: { x: 3000, y: 3000, width: 10, height: 10 },
      zoneTop: 70,
    })
    expect(offScreen).toEqual({ x: SPOT_GAP, y: 370 })
  })

  it('skips places that belong to a frame nested in the zone', () => {
    const inner = zone('inner', 0, 360, 200, 220)
    const spot = findFreeSpot({
      size: NOTE,
      zones: [...zones, inner],
      target: dreamer,
      occupied: [],
      view: everything,
      zoneTop: 70,
    })
    expect(spot.x + NOTE.width / 2).toBeGreaterThan(inner.x + inner.width)
  })

  it('in a full zone, takes the place that covers the fewest notes (still in the zone)', () => {
    const small = zone('small', 0, 0, 400, 260)
    const occupied = [
      { x: 16, y: 60, width: 160, height: 160 },
      { x: 192, y: 60, width: 160, height: 160 },
    ]
    const spot = findFreeSpot({ size: NOTE, zones: [small], target: small, occupied, view: everything, zoneTop: 60 })
    expect(spot.x + NOTE.width / 2).toBeLessThan(small.x + small.width)
    expect(spot.y + NOTE.height / 2).toBeLessThan(small.y + small.height)
  })

  it('in a zone smaller than a note, is its middle (the note counts as in it)', () => {
    const tiny = zone('tiny', 100, 100, 120, 120)
    const spot = findFreeSpot({ size: NOTE, zones: [tiny], target: tiny, occupied: [], view: everything, zoneTop: 44 })
    expect(spot).toEqual({ x: 80, y: 80 })
  })

  it('without a target, is the free place nearest the middle of the view', () => {
    const view = { x: 0, y: 0, width: 1000, height: 800 }
    const centre = { x: 500 - 80, y: 400 - 80 }
    expect(findFreeSpot({ size: NOTE, zones: [], target: null, occupied: [], view, zoneTop: 0 })).toEqual(centre)
    const taken = [{ ...centre, ...NOTE }]
    const next = findFreeSpot({ size: NOTE, zones: [], target: null, occupied: taken, view, zoneTop: 0 })
    expect(overlaps({ ...next, ...NOTE }, taken[0]!)).toBe(false)
    expect(Math.hypot(next.x - centre.x, next.y - centre.y)).toBeLessThanOrEqual(NOTE.width + SPOT_GAP)
  })
})
