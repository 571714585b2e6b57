import { zoneAt, type ZoneData } from '@shared/board/index.ts'
import { containsRect, intersects, type Point, type Rect, type Size } from '../view/geometry.ts'

/** Room between notes placed by the board, and between them and a zone's edge, in board units. */
export const SPOT_GAP = 16
/** How far from the view's centre a free spot is looked for when writing is not restricted. */
const SEARCH_RINGS = 12

/**
 * The open zone new notes go to: the one that shows most in the view, else (none in view) the
 * first in reading order (top to bottom, left to right). Null when there is none.
 */
export function targetZone(open: readonly ZoneData[], view: Rect): ZoneData | null {
  let best: ZoneData | null = null
  let bestArea = 0
  for (const zone of open) {
    const area = overlapArea(zone, view)
    if (area > bestArea) {
      best = zone
      bestArea = area
    }
  }
  if (best) return best
  return [...open].sort((a, b) => a.y - b.y || a.x - b.x)[0] ?? null
}

export interface SpotRequest {
  /** The new note's size. */
  size: Size
  /** Every zone of the board (a spot inside a zone nested in the target belongs to that one). */
  zones: readonly ZoneData[]
  /** The zone to place the note in; null places it near the view's centre, in or out of zones. */
  target: ZoneData | null
  /** Notes already on the board (and those placed before this one in the same batch). */
  occupied: readonly Rect[]
  /** The part of the board on screen. */
  view: Rect
  /** Room at the top of the target zone kept for its title and prompt. */
  zoneTop: number
}

/**
 * Where a new note goes (its top-left corner): the first free place in reading order inside
 * the target zone that is on screen, else the first free place in the zone (the caller moves
 * the view there); in a full zone, the place that covers the fewest notes. Without a target,
 * the free place nearest the view's centre.
 */
export function findFreeSpot(request: SpotRequest): Point {
  return request.target ? spotInZone(request, request.target) : spotNearCentre(request)
}

function spotInZone(request: SpotRequest, zone: ZoneData): Point {
  const { size, view, zoneTop } = request
  const step = { x: size.width + SPOT_GAP, y: size.height + SPOT_GAP }
  const left = zone.x + SPOT_GAP
  const top = zone.y + Math.max(SPOT_GAP, zoneTop)
  const columns = Math.floor((zone.x + zone.width - SPOT_GAP - left + SPOT_GAP) / step.x)
  const rows = Math.floor((zone.y + zone.height - SPOT_GAP - top + SPOT_GAP) / step.y)
  // A zone too small for one note in the grid: its middle (the note's centre is then in it).
  if (columns < 1 || rows < 1) {
    return {
      x: Math.round(zone.x + zone.width / 2 - size.width / 2),
      y: Math.round(zone.y + zone.height / 2 - size.height / 2),
    }
  }
  let firstFree: Rect | null = null
  let leastCovered: { cell: Rect; covered: number; visible: boolean } | null = null
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = { x: left + column * step.x, y: top + row * step.y, ...size }
      if (zoneAt(request.zones, cell.x + size.width / 2, cell.y + size.height / 2)?.id !== zone.id) continue
      const covered = coveredCount(cell, request.occupied)
      const visible = containsRect(view, cell)
      if (covered === 0) {
        if (visible) return { x: cell.x, y: cell.y }
        firstFree ??= cell
      } else if (
        !leastCovered ||
        (visible && !leastCovered.visible) ||
        (visible === leastCovered.visible && covered < leastCovered.covered)
      ) {
        leastCovered = { cell, covered, visible }
      }
    }
  }
  const chosen = firstFree ?? leastCovered?.cell ?? { x: left, y: top }
  return { x: chosen.x, y: chosen.y }
}

function spotNearCentre(request: SpotRequest): Point {
  const { size, view, occupied } = request
  const centre = { x: view.x + view.width / 2 - size.width / 2, y: view.y + view.height / 2 - size.height / 2 }
  const step = { x: size.width + SPOT_GAP, y: size.height + SPOT_GAP }
  for (let ring = 0; ring <= SEARCH_RINGS; ring++) {
    for (const [dx, dy] of ringOffsets(ring)) {
      const cell = { x: Math.round(centre.x + dx * step.x), y: Math.round(centre.y + dy * step.y), ...size }
      if (coveredCount(cell, occupied) === 0) return { x: cell.x, y: cell.y }
    }
  }
  return { x: Math.round(centre.x), y: Math.round(centre.y) }
}

/** The grid offsets on the square ring `ring` steps out from the centre, nearest first. */
function ringOffsets(ring: number): [number, number][] {
  if (ring === 0) return [[0, 0]]
  const offsets: [number, number][] = []
  for (let dx = -ring; dx <= ring; dx++) {
    for (let dy = -ring; dy <= ring; dy++) {
      if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) offsets.push([dx, dy])
    }
  }
  return offsets.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]) || a[1] - b[1] || a[0] - b[0])
}

/** How many notes a cell would touch (with the gap kept free around it). */
function coveredCount(cell: Rect, occupied: readonly Rect[]): number {
  const padded = {
    x: cell.x - SPOT_GAP / 2,
    y: cell.y - SPOT_GAP / 2,
    width: cell.width + SPOT_GAP,
    height: cell.height + SPOT_GAP,
  }
  let count = 0
  for (const rect of occupied) if (intersects(padded, rect)) count++
  return count
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}
