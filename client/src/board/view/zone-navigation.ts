import type { ZoneData } from '@shared/board/index.ts'
import { contains, type Rect, type Size } from './geometry.ts'
import { fitRect, type Viewport } from './viewport.ts'

/** Room around a zone zoomed to, on screen. */
const ZONE_MARGIN_PX = 24
/** Zooming to a small zone stops at 100 %. */
const ZONE_MAX_SCALE = 1

/** Zones in reading order: top to bottom, then left to right (the Disney board's goal, roles, questions). */
export function zonesInReadingOrder(zones: readonly ZoneData[]): ZoneData[] {
  return [...zones].sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
}

/** The view that shows a zone whole, centred. */
export function zoneViewport(zone: Rect, size: Size): Viewport {
  return fitRect(zone, size, { margin: ZONE_MARGIN_PX, maxScale: ZONE_MAX_SCALE })
}

function sameView(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.scale - b.scale) < 1e-6 && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5
}

/**
 * The zone the view is on: the one last zoomed to while the view has not moved since, else
 * the smallest zone under the middle of the screen, else none.
 */
export function currentZone(
  zones: readonly ZoneData[],
  view: Viewport,
  size: Size,
  lastZoomedTo: string | null,
): ZoneData | null {
  const last = zones.find((zone) => zone.id === lastZoomedTo)
  if (last && sameView(view, zoneViewport(last, size))) return last
  const middle = { x: (size.width / 2 - view.x) / view.scale, y: (size.height / 2 - view.y) / view.scale }
  let best: ZoneData | null = null
  for (const zone of zones) {
    if (contains(zone, middle) && (!best || zone.width * zone.height < best.width * best.height)) best = zone
  }
  return best
}

/**
 * The zone after (step 1) or before (−1) the current one in reading order, going round;
 * from no zone, the first (or the last). Null on a board without zones.
 */
export function adjacentZone(zones: readonly ZoneData[], current: ZoneData | null, step: 1 | -1): ZoneData | null {
  const ordered = zonesInReadingOrder(zones)
  if (ordered.length === 0) return null
  const index = current ? ordered.findIndex((zone) => zone.id === current.id) : -1
  if (index < 0) return (step === 1 ? ordered[0] : ordered[ordered.length - 1]) ?? null
  return ordered[(index + step + ordered.length) % ordered.length] ?? null
}
