import { NOTE_DEFAULT_SIZE } from './schema.ts'
import type { ZoneData } from './schema.ts'
import { zoneAt } from './zones.ts'

/**
 * Where imported notes go: a grid of free cells in their zone, in reading order, keeping a
 * gap around every note already on the board (and every note placed before in the same
 * import), so that nothing overlaps. When the zone is full, the grid goes on below the zone
 * (the note is then outside it: `inZone` false). Without a zone, the grid starts below
 * everything on the board. Pure: the server's import and its preview both use it.
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Room between notes, and between notes and a zone's edge, in board units (as the canvas keeps). */
export const IMPORT_GAP = 16
/** Room at the top of a zone kept for its title and prompt. */
export const ZONE_HEADER_ROOM = 72
/** Columns of the grid outside any zone. */
const FREE_COLUMNS = 6

export interface LayoutRequest {
  /** The zone the notes go to; null: below the board's content. */
  zone: ZoneData | null
  /** Every zone (a cell whose centre is in a zone nested in the target belongs to that one). */
  zones: readonly ZoneData[]
  /** Notes already on the board. */
  occupied: readonly Rect[]
  count: number
  size?: number
}

export interface PlacedNote extends Rect {
  inZone: boolean
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

function free(cell: Rect, occupied: readonly Rect[]): boolean {
  const padded = {
    x: cell.x - IMPORT_GAP / 2,
    y: cell.y - IMPORT_GAP / 2,
    width: cell.width + IMPORT_GAP,
    height: cell.height + IMPORT_GAP,
  }
  return !occupied.some((rect) => intersects(padded, rect))
}

export function layoutImportedNotes(request: LayoutRequest): PlacedNote[] {
  const size = request.size ?? NOTE_DEFAULT_SIZE
  const step = size + IMPORT_GAP
  const occupied: Rect[] = [...request.occupied]
  const placed: PlacedNote[] = []
  const place = (cell: Rect, inZone: boolean) => {
    placed.push({ ...cell, inZone })
    occupied.push(cell)
  }
  const { zone } = request

  if (zone) {
    const left = zone.x + IMPORT_GAP
    const top = zone.y + Math.min(ZONE_HEADER_ROOM, Math.max(IMPORT_GAP, zone.height - size - IMPORT_GAP))
    const columns = Math.max(1, Math.floor((zone.width - IMPORT_GAP) / step))
    const rows = Math.max(0, Math.floor((zone.y + zone.height - top) / step))
    for (let row = 0; row < rows && placed.length < request.count; row++) {
      for (let column = 0; column < columns && placed.length < request.count; column++) {
        const cell = { x: left + column * step, y: top + row * step, width: size, height: size }
        if (cell.x + size > zone.x + zone.width || cell.y + size > zone.y + zone.height) continue
        if (zoneAt(request.zones, cell.x + size / 2, cell.y + size / 2)?.id !== zone.id) continue
        if (free(cell, occupied)) place(cell, true)
      }
    }
    // The rest below the zone, in its columns, on rows free of anything else.
    let row = 0
    const below = zone.y + zone.height + IMPORT_GAP
    while (placed.length < request.count) {
      for (let column = 0; column < columns && placed.length < request.count; column++) {
        const cell = { x: left + column * step, y: below + row * step, width: size, height: size }
        if (free(cell, occupied)) place(cell, false)
      }
      row++
    }
    return placed
  }

  const bottom = occupied.reduce((max, rect) => Math.max(max, rect.y + rect.height), 0)
  const zoneBottom = request.zones.reduce((max, one) => Math.max(max, one.y + one.height), bottom)
  const left = Math.min(0, ...request.zones.map((one) => one.x), ...occupied.map((rect) => rect.x))
  const top = (occupied.length > 0 || request.zones.length > 0 ? zoneBottom : 0) + IMPORT_GAP * 2
  for (let index = 0; placed.length < request.count; index++) {
    const cell = {
      x: left + (index % FREE_COLUMNS) * step,
      y: top + Math.floor(index / FREE_COLUMNS) * step,
      width: size,
      height: size,
    }
    if (free(cell, occupied)) place(cell, true)
  }
  return placed
}
