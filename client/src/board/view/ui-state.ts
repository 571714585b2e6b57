import { Store } from '../../lib/store.ts'
import { DEFAULT_NOTE_COLOR } from './colors.ts'
import type { Point, Rect } from './geometry.ts'
import type { RefusalCode } from '../data/note-rules.ts'

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true
  if (a.size !== b.size) return false
  for (const value of a) if (!b.has(value)) return false
  return true
}

/** Notes being dragged and how far, in board units. Only the drag layer redraws while it moves. */
export interface DragState {
  ids: ReadonlySet<string>
  dx: number
  dy: number
}

/** A note being resized: its live size, drawn by the drag layer until the pointer is released. */
export interface ResizeState {
  id: string
  width: number
  height: number
}

/** A zone being moved or resized by a facilitator. */
export interface ZoneEditState {
  id: string
  rect: Rect
}

/** The note under the pointer, for the author tooltip (screen position). */
export interface HoverState {
  noteId: string
  screen: Point
}

/**
 * Dragged notes that could not be dropped where they are now (a closed zone, say): the zone
 * they are over and the pointer, for the cue shown before the drop.
 */
export interface DropCueState {
  refusal: RefusalCode
  zone: (Rect & { id: string }) | null
  screen: Point
}

/**
 * View state of one board page that is not in the document: selection, what is being dragged,
 * edited or hovered. Separate stores, so that each view re-renders only for what it shows.
 */
export class BoardUiState {
  readonly selection = new Store<ReadonlySet<string>>(new Set(), sameSet)
  readonly drag = new Store<DragState | null>(null)
  readonly resize = new Store<ResizeState | null>(null)
  readonly zoneEdit = new Store<ZoneEditState | null>(null)
  readonly rubberBand = new Store<Rect | null>(null)
  /** Set while the notes being dragged would be refused where they are. */
  readonly dropCue = new Store<DropCueState | null>(null)
  readonly hover = new Store<HoverState | null>(
    null,
    (a, b) =>
      a === b || (!!a && !!b && a.noteId === b.noteId && a.screen.x === b.screen.x && a.screen.y === b.screen.y),
  )
  /** The note whose text editor is open here. */
  readonly editingNote = new Store<string | null>(null)
  /** The zone or frame a facilitator selected (by its title bar), for Delete. */
  readonly selectedZone = new Store<string | null>(null)
  /** A zone with notes waiting for the facilitator to confirm its deletion. */
  readonly zoneToDelete = new Store<string | null>(null)
  /** The zone whose title editor is open here. */
  readonly editingZone = new Store<string | null>(null)
  /** The colour new notes get. */
  readonly noteColor = new Store<string>(DEFAULT_NOTE_COLOR)
  /** A long press began choosing notes on a touch screen: taps add or remove notes until a tap on empty canvas. */
  readonly touchChoosing = new Store(false)
  /** Space is held: dragging pans. */
  readonly panMode = new Store(false)
  readonly panning = new Store(false)
  readonly shortcutsOpen = new Store(false)
  /** The side panel open on this page (a registered board panel's id). */
  readonly openPanel = new Store<string | null>(null)
  /** A note created by double-click whose editor is open: removed again if left empty. */
  freshNote: string | null = null

  select(ids: Iterable<string>): void {
    this.selection.set(new Set(ids))
    if (this.selection.get().size > 0) this.selectedZone.set(null)
  }

  toggle(id: string): void {
    const next = new Set(this.selection.get())
    if (next.has(id)) next.delete(id)
    else next.add(id)
    this.selection.set(next)
  }

  clearSelection(): void {
    this.selection.set(new Set())
    this.touchChoosing.set(false)
  }
}
