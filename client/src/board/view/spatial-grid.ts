import type { Rect } from './geometry.ts'

/** Board units per grid cell: a few default notes (160) across, a screen at 100 % is about 2 × 1. */
export const CELL_SIZE = 512

/**
 * Where the notes are, by square cells of the board: the notes near a rectangle are found by
 * looking in the cells it covers, without scanning every note. Each note is in every cell its
 * box touches (usually one to four). Kept current by `set` and `delete` as notes change.
 */
export class SpatialGrid {
  readonly #cells = new Map<string, Set<string>>()
  /** A note's box as last indexed, to take it out of its old cells when it moves. */
  readonly #boxes = new Map<string, Rect>()
  /** Notes too big (or too far out) for cells: every query looks at them. */
  readonly #large = new Set<string>()

  get size(): number {
    return this.#boxes.size
  }

  /** How many cells hold a note. */
  get cellCount(): number {
    return this.#cells.size
  }

  set(id: string, box: Rect): void {
    const previous = this.#boxes.get(id)
    if (previous) {
      if (sameCells(previous, box)) {
        this.#boxes.set(id, box)
        return
      }
      this.#remove(id, previous)
    }
    this.#boxes.set(id, box)
    if (!fitsCells(box)) {
      this.#large.add(id)
      return
    }
    forCells(box, (key) => {
      let cell = this.#cells.get(key)
      if (!cell) this.#cells.set(key, (cell = new Set()))
      cell.add(id)
    })
  }

  delete(id: string): void {
    const previous = this.#boxes.get(id)
    if (!previous) return
    this.#boxes.delete(id)
    this.#remove(id, previous)
  }

  #remove(id: string, box: Rect): void {
    if (this.#large.delete(id)) return
    forCells(box, (key) => {
      const cell = this.#cells.get(key)
      if (!cell) return
      cell.delete(id)
      if (cell.size === 0) this.#cells.delete(key)
    })
  }

  /**
   * The ids of the notes whose indexed box intersects `rect` (each once, in no order), or
   * null when `rect` covers so much of the board (a quarter of the cells that hold notes, or
   * more) that scanning every note is as quick — and already in paint order.
   */
  query(rect: Rect): string[] | null {
    const [left, top, right, bottom] = cellRange(rect)
    const covered = (right - left + 1) * (bottom - top + 1)
    if (!Number.isFinite(covered) || covered * 4 > this.#cells.size) return null
    const found: string[] = []
    const seen = new Set<string>()
    const check = (id: string) => {
      const box = this.#boxes.get(id) as Rect
      if (
        box.x < rect.x + rect.width &&
        rect.x < box.x + box.width &&
        box.y < rect.y + rect.height &&
        rect.y < box.y + box.height
      )
        found.push(id)
    }
    for (const id of this.#large) check(id)
    for (let column = left; column <= right; column++) {
      for (let row = top; row <= bottom; row++) {
        const cell = this.#cells.get(`${column},${row}`)
        if (!cell) continue
        for (const id of cell) {
          if (seen.has(id)) continue
          seen.add(id)
          check(id)
        }
      }
    }
    return found
  }
}

function cellRange(rect: Rect): [number, number, number, number] {
  return [
    Math.floor(rect.x / CELL_SIZE),
    Math.floor(rect.y / CELL_SIZE),
    Math.floor((rect.x + rect.width) / CELL_SIZE),
    Math.floor((rect.y + rect.height) / CELL_SIZE),
  ]
}

function sameCells(a: Rect, b: Rect): boolean {
  const [al, at, ar, ab] = cellRange(a)
  const [bl, bt, br, bb] = cellRange(b)
  return al === bl && at === bt && ar === br && ab === bb
}

/** A note is at most a few cells big (NOTE_MAX_SIZE); a corrupt, huge one is kept apart. */
function fitsCells(box: Rect): boolean {
  const [left, top, right, bottom] = cellRange(box)
  const count = (right - left + 1) * (bottom - top + 1)
  return Number.isFinite(count) && count <= 64
}

function forCells(box: Rect, visit: (key: string) => void): void {
  if (!fitsCells(box)) return
  const [left, top, right, bottom] = cellRange(box)
  for (let column = left; column <= right; column++) for (let row = top; row <= bottom; row++) visit(`${column},${row}`)
}
