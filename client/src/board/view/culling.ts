import type { NoteData } from '@shared/board/index.ts'
import { shallowEqualArrays, Store } from '../../lib/store.ts'
import type { NoteStore } from '../data/note-store.ts'
import { containsRect, expand, intersects, type Rect } from './geometry.ts'
import type { ViewportStore } from './viewport.ts'

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
 * The notes worth mounting: those in the visible area plus a margin. Recomputed when the
 * view leaves the margin, the zoom changes a lot, notes come or go, or a changed note
 * crosses the margin's edge — not on every pan frame, so React re-renders nothing while
 * the user pans within the margin.
 */
export class CulledNotes {
  readonly ids = new Store<readonly string[]>([], shallowEqualArrays)
  readonly #notes: NoteStore
  readonly #viewport: ViewportStore
  #area: Rect = { x: 0, y: 0, width: 0, height: 0 }
  #scale = 0
  #mounted = new Set<string>()
  readonly #unsubscribe: (() => void)[]

  constructor(notes: NoteStore, viewport: ViewportStore) {
    this.#notes = notes
    this.#viewport = viewport
    this.#unsubscribe = [
      viewport.subscribe(this.#onView),
      viewport.size.subscribe(this.#recompute),
      notes.order.subscribe(this.#recompute),
      notes.subscribeChanges(this.#onNotes),
    ]
    this.#recompute()
  }

  #onView = (): void => {
    const { scale } = this.#viewport.get()
    const zoomed = scale > this.#scale * RECULL_SCALE_FACTOR || scale < this.#scale / RECULL_SCALE_FACTOR
    if (zoomed || !containsRect(this.#area, this.#viewport.visibleRect())) this.#recompute()
  }

  #onNotes = (changed: ReadonlySet<string>): void => {
    const mounted = this.#mounted
    for (const id of changed) {
      const note = this.#notes.get(id)
      const inside = !!note && intersects(this.#area, note)
      if (inside !== mounted.has(id)) {
        this.#recompute()
        return
      }
    }
  }

  #recompute = (): void => {
    const visible = this.#viewport.visibleRect()
    const margin = Math.max(visible.width, visible.height) * MARGIN_SCREENS
    this.#area = expand(visible, margin)
    this.#scale = this.#viewport.get().scale
    const ids = cullNotes(this.#notes.order.get(), (id) => this.#notes.get(id), this.#area)
    this.#mounted = new Set(ids)
    this.ids.set(ids)
  }

  destroy(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
  }
}
