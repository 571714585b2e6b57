import type { NoteData } from '@shared/board/index.ts'
import { shallowEqualArrays, Store } from '../../lib/store.ts'
import type { NoteStore } from '../data/note-store.ts'
import { containsRect, expand, intersects, type Rect } from './geometry.ts'
import type { ViewportStore } from './viewport.ts'
import { SpatialGrid } from './spatial-grid.ts'

/** How much beyond the screen is drawn, so that small pans do not change what is mounted. */
const MARGIN_SCREENS = 0.35
/** A zoom by more than this factor re-culls even when the view stays inside the margin. */
const RECULL_SCALE_FACTOR = 1.3

/** The ids (in paint order) of the notes that intersect `rect`. */
export function cullNotes(order: readonly string[], get: (id: string) => NoteData | undefined, rect: Rect): string[] {
  const visible: string[] = []
  for (const id of order) {
    const note = get(id)
    if (note && intersects(rect, note)) visible.push(id)
  }
  return visible
}

/**
 * The notes worth drawing: those in the visible area plus a margin. Recomputed when the
 * view leaves the margin, the zoom changes a lot, notes come or go, or a changed note
 * crosses the margin's edge — not on every pan frame. The notes are found through a
 * spatial grid (spatial-grid.ts), so a re-cull costs what is near the view, not the
 * whole board; only a view that covers most of the board scans every note.
 */
export class CulledNotes {
  readonly ids = new Store<readonly string[]>([], shallowEqualArrays)
  readonly #notes: NoteStore
  readonly #viewport: ViewportStore
  readonly #grid = new SpatialGrid()
  /** Paint order: each id's place in `notes.order`. */
  #rank = new Map<string, number>()
  #area: Rect = { x: 0, y: 0, width: 0, height: 0 }
  #scale = 0
  #mounted = new Set<string>()
  /** Notes came or went: the next change set (which always follows) re-culls. */
  #orderChanged = false
  readonly #unsubscribe: (() => void)[]

  constructor(notes: NoteStore, viewport: ViewportStore) {
    this.#notes = notes
    this.#viewport = viewport
    for (const note of notes.values()) this.#grid.set(note.id, boxOf(note))
    this.#rankOrder()
    this.#unsubscribe = [
      viewport.subscribe(this.#onView),
      viewport.size.subscribe(this.#recompute),
      notes.order.subscribe(this.#onOrder),
      notes.subscribeChanges(this.#onNotes),
    ]
    this.#recompute()
  }

  #onView = (): void => {
    const { scale } = this.#viewport.get()
    const zoomed = scale > this.#scale * RECULL_SCALE_FACTOR || scale < this.#scale / RECULL_SCALE_FACTOR
    if (zoomed || !containsRect(this.#area, this.#viewport.visibleRect())) this.#recompute()
  }

  #onOrder = (): void => {
    this.#rankOrder()
    // The grid learns of the new and removed notes from the change set that follows.
    this.#orderChanged = true
  }

  #rankOrder(): void {
    const rank = new Map<string, number>()
    const order = this.#notes.order.get()
    for (let i = 0; i < order.length; i++) rank.set(order[i] as string, i)
    this.#rank = rank
  }

  /**
   * Notes that crossed the margin's edge join or leave `ids` where their paint order puts
   * them; the rest of the list stays (a remote client moving notes costs what it moved).
   */
  #onNotes = (changed: ReadonlySet<string>): void => {
    const mounted = this.#mounted
    const recull = this.#orderChanged
    this.#orderChanged = false
    const entering: string[] = []
    const leaving = new Set<string>()
    for (const id of changed) {
      const note = this.#notes.get(id)
      if (note) this.#grid.set(id, boxOf(note))
      else this.#grid.delete(id)
      const inside = !!note && intersects(this.#area, note)
      if (inside && !mounted.has(id)) entering.push(id)
      else if (!inside && mounted.has(id)) leaving.add(id)
    }
    if (recull) {
      this.#recompute()
      return
    }
    if (entering.length === 0 && leaving.size === 0) return
    const rank = this.#rank
    const ids = leaving.size > 0 ? this.ids.get().filter((id) => !leaving.has(id)) : [...this.ids.get()]
    for (const id of leaving) mounted.delete(id)
    for (const id of entering) {
      const place = rank.get(id)
      if (place === undefined) continue
      // Binary search: `ids` is in paint order.
      let low = 0
      let high = ids.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if ((rank.get(ids[middle] as string) ?? -1) < place) low = middle + 1
        else high = middle
      }
      ids.splice(low, 0, id)
      mounted.add(id)
    }
    this.ids.set(ids)
  }

  #recompute = (): void => {
    const visible = this.#viewport.visibleRect()
    const margin = Math.max(visible.width, visible.height) * MARGIN_SCREENS
    this.#area = expand(visible, margin)
    this.#scale = this.#viewport.get().scale
    const found = this.#grid.query(this.#area)
    let ids: string[]
    if (found === null) {
      ids = cullNotes(this.#notes.order.get(), (id) => this.#notes.get(id), this.#area)
    } else {
      const rank = this.#rank
      ids = found.filter((id) => rank.has(id)).sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number))
    }
    this.#mounted = new Set(ids)
    this.ids.set(ids)
  }

  /** Whether a note is among `ids` (near the view). */
  has(id: string): boolean {
    return this.#mounted.has(id)
  }

  destroy(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
  }
}

function boxOf(note: NoteData): Rect {
  return { x: note.x, y: note.y, width: note.width, height: note.height }
}
