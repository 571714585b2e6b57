import type { NoteData, ZoneData } from '@shared/board/index.ts'
import type { BoardSession } from '../data/board-session.ts'
import type { CulledNotes } from '../view/culling.ts'
import { intersects, rectFromPoints, type Point, type Rect } from '../view/geometry.ts'
import { hitTest, type Hit } from '../view/hit-test.ts'
import type { BoardUiState } from '../view/ui-state.ts'
import { screenToBoard, type ViewportStore } from '../view/viewport.ts'
import type { BoardCommands } from './commands.ts'
import { NOTE_MIN_SIZE, NOTE_MAX_SIZE, ZONE_MIN_SIZE } from '@shared/board/index.ts'
import { TouchGestures } from './touch-gestures.ts'

/** Pointer travel (screen px) before a press becomes a drag; a shorter one is a click. */
const DRAG_THRESHOLD_PX = 4

type Gesture =
  | { kind: 'pan'; last: Point }
  | { kind: 'drag-notes'; start: Point; startScreen: Point; ids: ReadonlySet<string>; moving: boolean }
  | { kind: 'resize-note'; note: NoteData; start: Point }
  | { kind: 'move-zone'; zone: ZoneData; start: Point; startScreen: Point; moving: boolean }
  | { kind: 'resize-zone'; zone: ZoneData; start: Point }
  | { kind: 'rubber'; start: Point; base: ReadonlySet<string> }
  | { kind: 'pinch' }

export interface PointerContext {
  session: BoardSession
  ui: BoardUiState
  viewport: ViewportStore
  culled: CulledNotes
  commands: BoardCommands
}

/**
 * Turns pointer, wheel and double-click events on the canvas element into intents: select,
 * drag notes (position written once, on release), resize, rubber-band select, pan, zoom,
 * create a note, move and resize zones. Framework-free; BoardCanvas attaches it.
 */
export class PointerController {
  readonly #ctx: PointerContext
  #element: HTMLElement | null = null
  #gesture: Gesture | null = null
  #touches = new Map<number, Point>()
  #pinch: { distance: number; center: Point } | null = null
  /** Camera moves wait for the next frame: a 1000 Hz mouse must not redraw 1000 times a second. */
  #pendingPan = { dx: 0, dy: 0 }
  #pendingZoom: { anchor: Point; factor: number } | null = null
  #frame = 0
  /**
   * What the first click of a (possible) double-click landed on, and where on the board: the
   * double-click acts on that, even when the canvas or the view moved before the second click.
   */
  #firstClick: { hit: Hit; point: Point } | null = null
  /** Taps, double taps and long presses of a finger (touch screens). */
  readonly #touch = new TouchGestures({
    tap: (screen) => this.#onTap(screen),
    doubleTap: (screen) => this.#onDoubleTap(screen),
    longPress: (screen) => this.#onLongPress(screen),
  })
  /** When the last double tap was acted on: a dblclick the browser may make of it is not acted on again. */
  #doubleTapAt = -Infinity
  /** The selection before the press that became a long press: the press itself selected its note. */
  #selectionBeforePress: ReadonlySet<string> = new Set()
  #lastPointerType = 'mouse'

  constructor(ctx: PointerContext) {
    this.#ctx = ctx
  }

  attach(element: HTMLElement): () => void {
    this.#element = element
    const options = { passive: false } as const
    element.addEventListener('pointerdown', this.#onDown)
    element.addEventListener('mousedown', this.#onMouseDown)
    element.addEventListener('pointermove', this.#onMove)
    element.addEventListener('pointerup', this.#onUp)
    element.addEventListener('pointercancel', this.#onCancel)
    element.addEventListener('pointerleave', this.#onLeave)
    element.addEventListener('dblclick', this.#onDoubleClick)
    element.addEventListener('wheel', this.#onWheel, options)
    element.addEventListener('contextmenu', this.#onContextMenu)
    // The author tooltip belongs to the note under the pointer: once the view moves, it is not.
    const offView = this.#ctx.viewport.subscribe(() => this.#ctx.ui.hover.set(null))
    return () => {
      offView()
      element.removeEventListener('pointerdown', this.#onDown)
      element.removeEventListener('mousedown', this.#onMouseDown)
      element.removeEventListener('pointermove', this.#onMove)
      element.removeEventListener('pointerup', this.#onUp)
      element.removeEventListener('pointercancel', this.#onCancel)
      element.removeEventListener('pointerleave', this.#onLeave)
      element.removeEventListener('dblclick', this.#onDoubleClick)
      element.removeEventListener('wheel', this.#onWheel)
      element.removeEventListener('contextmenu', this.#onContextMenu)
      if (this.#frame !== 0) cancelAnimationFrame(this.#frame)
      this.#frame = 0
      this.#element = null
    }
  }

  #screenPoint(event: MouseEvent): Point {
    const rect = (this.#element as HTMLElement).getBoundingClientRect()
    return { x: event.clientX - rect.left, y: event.clientY - rect.top }
  }

  #boardPoint(event: MouseEvent): Point {
    return screenToBoard(this.#ctx.viewport.get(), this.#screenPoint(event))
  }

  /**
   * Whether an event began on HTML laid over the canvas (a chip's button, the note editor,
   * the find box) rather than on the canvas itself: those controls handle their own pointer
   * and must get their click — the canvas neither captures the pointer nor acts on it.
   */
  #fromOverlay(event: Event): boolean {
    const target = event.target
    return target instanceof Element && target !== this.#element && !target.closest('.konvajs-content')
  }

  #candidates(): NoteData[] {
    const notes: NoteData[] = []
    for (const id of this.#ctx.culled.ids.get()) {
      const note = this.#ctx.session.stores.notes.get(id)
      if (note) notes.push(note)
    }
    return notes
  }

  #hit(point: Point): Hit {
    const can = this.#ctx.session.capabilities.get()
    return hitTest(point, {
      notes: this.#candidates(),
      zones: this.#ctx.session.stores.zones.get(),
      selected: this.#ctx.ui.selection.get(),
      scale: this.#ctx.viewport.get().scale,
      zoneHandles: can.editZones,
      noteHandles: can.editNotes,
    })
  }

  #onContextMenu = (event: MouseEvent): void => {
    if (this.#fromOverlay(event)) return
    // A long press makes a context menu on touch screens: TouchGestures acts on it instead.
    if (this.#lastPointerType === 'touch') {
      event.preventDefault()
      return
    }
    if (this.#gesture?.kind === 'pan') {
      event.preventDefault()
      return
    }
    // While voting, a right-click (or a long press) on a note takes one of one's dots back.
    const { commands, ui } = this.#ctx
    if (!commands.clickVotes()) return
    const hit = this.#hit(this.#boardPoint(event))
    if (hit.kind !== 'note') return
    event.preventDefault()
    ui.select([hit.id])
    commands.vote(hit.id, -1)
  }

  #onDown = (event: PointerEvent): void => {
    if (this.#fromOverlay(event)) return
    const { ui, session, commands } = this.#ctx
    const screen = this.#screenPoint(event)
    this.#lastPointerType = event.pointerType
    if (event.pointerType === 'touch') {
      this.#touches.set(event.pointerId, screen)
      if (this.#touches.size === 2) {
        this.#touch.cancel()
        this.#gesture = { kind: 'pinch' }
        this.#pinch = null
        return
      }
      this.#selectionBeforePress = ui.selection.get()
      this.#touch.down(event.pointerId, screen)
    }
    // A press anywhere on the canvas ends text editing (the editor is not part of it).
    if (ui.editingNote.get() !== null) commands.closeEditor()
    if (ui.editingZone.get() !== null) ui.editingZone.set(null)
    this.#element?.focus({ preventScroll: true })
    this.#element?.setPointerCapture?.(event.pointerId)
    const point = screenToBoard(this.#ctx.viewport.get(), screen)

    if (event.button === 1 || (event.button === 0 && ui.panMode.get())) {
      event.preventDefault()
      this.#startPan(screen)
      return
    }
    if (event.button !== 0) return
    ui.selectedZone.set(null)
    const can = session.capabilities.get()
    const hit = this.#hit(point)
    switch (hit.kind) {
      case 'note-resize': {
        const note = session.stores.notes.get(hit.id)
        if (note && can.editNotes && commands.mayChange([note.id])) {
          this.#gesture = { kind: 'resize-note', note, start: point }
          ui.resize.set({ id: note.id, width: note.width, height: note.height })
        }
        return
      }
      case 'note': {
        if (commands.clickVotes() && !event.shiftKey) {
          // A dot-voting round: a click on a note gives it one of this participant's dots (a
          // finger gives it on the tap: a long press takes one back instead).
          ui.select([hit.id])
          if (event.pointerType !== 'touch') commands.vote(hit.id, 1)
          return
        }
        // Shift+click, or a tap while choosing notes after a long press, adds or removes one.
        if (event.shiftKey || (event.pointerType === 'touch' && ui.touchChoosing.get())) {
          ui.toggle(hit.id)
          if (ui.selection.get().size === 0) ui.touchChoosing.set(false)
          return
        }
        if (!ui.selection.get().has(hit.id)) ui.select([hit.id])
        // Whether the notes may move is asked once the pointer does: a click only selects.
        if (can.editNotes) {
          this.#gesture = {
            kind: 'drag-notes',
            start: point,
            startScreen: screen,
            ids: ui.selection.get(),
            moving: false,
          }
        }
        return
      }
      case 'zone-resize':
      case 'zone-title': {
        const zone = session.stores.zones.get().find((z) => z.id === hit.id)
        if (zone && can.editZones) {
          if (!event.shiftKey) ui.clearSelection()
          // A press on the title bar selects the zone (for Delete); a drag from there moves it.
          ui.selectedZone.set(zone.id)
          this.#gesture =
            hit.kind === 'zone-resize'
              ? { kind: 'resize-zone', zone, start: point }
              : { kind: 'move-zone', zone, start: point, startScreen: screen, moving: false }
          return
        }
        break
      }
      default:
        break
    }
    // Empty canvas or a zone's body: a touch pans, a mouse draws a selection rectangle.
    if (event.pointerType === 'touch') {
      this.#startPan(screen)
      return
    }
    const base = event.shiftKey ? ui.selection.get() : new Set<string>()
    if (!event.shiftKey) ui.clearSelection()
    this.#gesture = { kind: 'rubber', start: point, base }
  }

  /** The first click of a double-click (the mouse's click count says which press is the first). */
  #onMouseDown = (event: MouseEvent): void => {
    if (event.button !== 0 || this.#fromOverlay(event)) return
    if (event.detail <= 1) {
      const point = this.#boardPoint(event)
      this.#firstClick = { hit: this.#hit(point), point }
    }
  }

  #startPan(screen: Point): void {
    this.#gesture = { kind: 'pan', last: screen }
    this.#ctx.ui.panning.set(true)
  }

  #onMove = (event: PointerEvent): void => {
    const { ui, viewport, session } = this.#ctx
    const screen = this.#screenPoint(event)
    const point = screenToBoard(viewport.get(), screen)
    session.presence.setCursor({ x: Math.round(point.x), y: Math.round(point.y) })
    if (event.pointerType === 'touch' && this.#touches.has(event.pointerId)) {
      this.#touches.set(event.pointerId, screen)
      this.#touch.move(event.pointerId, screen)
      if (this.#gesture?.kind === 'pinch') {
        this.#updatePinch()
        return
      }
    }
    const gesture = this.#gesture
    if (!gesture) {
      if (this.#fromOverlay(event)) ui.hover.set(null)
      else this.#updateHover(point, screen)
      return
    }
    switch (gesture.kind) {
      case 'pan':
        this.#panLater(screen.x - gesture.last.x, screen.y - gesture.last.y)
        gesture.last = screen
        break
      case 'drag-notes': {
        if (!gesture.moving && distance(screen, gesture.startScreen) < DRAG_THRESHOLD_PX) return
        if (!gesture.moving && !this.#ctx.commands.mayChange(gesture.ids)) {
          this.#gesture = null
          return
        }
        gesture.moving = true
        ui.hover.set(null)
        const dx = point.x - gesture.start.x
        const dy = point.y - gesture.start.y
        ui.drag.set({ ids: gesture.ids, dx, dy })
        // Said before the drop: these notes would be refused here (a zone closed in this phase).
        const refused = this.#ctx.commands.moveRefusal(gesture.ids, dx, dy)
        ui.dropCue.set(refused ? { refusal: refused.refusal, zone: refused.zone, screen } : null)
        this.#setCursor(refused ? 'no-drop' : 'grabbing')
        break
      }
      case 'resize-note': {
        const clamp = (v: number) => Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, v))
        ui.resize.set({
          id: gesture.note.id,
          width: clamp(gesture.note.width + point.x - gesture.start.x),
          height: clamp(gesture.note.height + point.y - gesture.start.y),
        })
        break
      }
      case 'move-zone': {
        if (!gesture.moving && distance(screen, gesture.startScreen) < DRAG_THRESHOLD_PX) return
        gesture.moving = true
        const { zone } = gesture
        ui.zoneEdit.set({
          id: zone.id,
          rect: {
            x: zone.x + point.x - gesture.start.x,
            y: zone.y + point.y - gesture.start.y,
            width: zone.width,
            height: zone.height,
          },
        })
        break
      }
      case 'resize-zone': {
        const { zone } = gesture
        ui.zoneEdit.set({
          id: zone.id,
          rect: {
            x: zone.x,
            y: zone.y,
            width: Math.max(ZONE_MIN_SIZE, zone.width + point.x - gesture.start.x),
            height: Math.max(ZONE_MIN_SIZE, zone.height + point.y - gesture.start.y),
          },
        })
        break
      }
      case 'rubber': {
        const rect = rectFromPoints(gesture.start, point)
        ui.rubberBand.set(rect)
        ui.select([...gesture.base, ...this.#notesIn(rect)])
        break
      }
      case 'pinch':
        break
    }
  }

  #notesIn(rect: Rect): string[] {
    return this.#candidates()
      .filter((note) => intersects(rect, note))
      .map((note) => note.id)
  }

  #updateHover(point: Point, screen: Point): void {
    const hit = this.#hit(point)
    const { ui } = this.#ctx
    ui.hover.set(hit.kind === 'note' ? { noteId: hit.id, screen } : null)
    const cursor = ui.panMode.get()
      ? 'grab'
      : hit.kind === 'note-resize' || hit.kind === 'zone-resize'
        ? 'nwse-resize'
        : hit.kind === 'zone-title' && this.#ctx.session.capabilities.get().editZones
          ? 'move'
          : hit.kind === 'note'
            ? 'pointer'
            : 'default'
    this.#setCursor(cursor)
  }

  #setCursor(cursor: string): void {
    if (this.#element && this.#element.style.cursor !== cursor) this.#element.style.cursor = cursor
  }

  #updatePinch(): void {
    const [a, b] = [...this.#touches.values()]
    if (!a || !b) return
    const center = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
    const span = distance(a, b)
    if (this.#pinch && this.#pinch.distance > 0) {
      const { viewport } = this.#ctx
      viewport.panBy(center.x - this.#pinch.center.x, center.y - this.#pinch.center.y)
      viewport.zoomAtScreen(center, span / this.#pinch.distance)
    }
    this.#pinch = { distance: span, center }
  }

  #onUp = (event: PointerEvent): void => {
    this.#touches.delete(event.pointerId)
    if (event.pointerType === 'touch') this.#touch.up(event.pointerId, this.#screenPoint(event))
    const gesture = this.#gesture
    this.#gesture = null
    const { ui, session } = this.#ctx
    if (!gesture) return
    switch (gesture.kind) {
      case 'pan':
        ui.panning.set(false)
        break
      case 'drag-notes': {
        const drag = ui.drag.get()
        // Written once, on release: others see the notes land, and undo has one step.
        if (gesture.moving && drag) this.#ctx.commands.moveNotesBy(drag.ids, drag.dx, drag.dy)
        ui.drag.set(null)
        ui.dropCue.set(null)
        this.#setCursor('pointer')
        break
      }
      case 'resize-note': {
        const resize = ui.resize.get()
        if (resize) this.#ctx.commands.resizeNote(resize.id, resize.width, resize.height)
        ui.resize.set(null)
        break
      }
      case 'move-zone': {
        const edit = ui.zoneEdit.get()
        if (gesture.moving && edit) {
          const { zone } = gesture
          const inside = [...session.stores.notes.values()].filter((note) => note.zone === zone.id)
          session.writer.moveZone(zone, edit.rect.x - zone.x, edit.rect.y - zone.y, inside)
        }
        ui.zoneEdit.set(null)
        break
      }
      case 'resize-zone': {
        const edit = ui.zoneEdit.get()
        if (edit) session.writer.updateZone(edit.id, { width: edit.rect.width, height: edit.rect.height })
        ui.zoneEdit.set(null)
        break
      }
      case 'rubber':
        ui.rubberBand.set(null)
        break
      case 'pinch':
        this.#pinch = null
        break
    }
  }

  #onCancel = (event: PointerEvent): void => {
    this.#touches.delete(event.pointerId)
    this.#touch.cancel()
    const { ui } = this.#ctx
    this.#gesture = null
    ui.drag.set(null)
    ui.dropCue.set(null)
    ui.resize.set(null)
    ui.zoneEdit.set(null)
    ui.rubberBand.set(null)
    ui.panning.set(false)
  }

  #onLeave = (): void => {
    this.#ctx.ui.hover.set(null)
    if (!this.#gesture) this.#ctx.session.presence.setCursor(null)
  }

  #onDoubleClick = (event: MouseEvent): void => {
    if (this.#fromOverlay(event)) return
    // What was under the pointer at the first click, not at the second: if a banner or a
    // remote change moved things in between, the user meant what they aimed at first.
    const first = this.#firstClick
    this.#firstClick = null
    // A double tap already did what this dblclick (made of the same taps) would do.
    if (performance.now() - this.#doubleTapAt < 1000) return
    const point = first?.point ?? this.#boardPoint(event)
    this.#openAt(point, first?.hit ?? this.#hit(point))
  }

  /** A double-click or a double tap: edit the note, rename the zone (facilitators), or a new note. */
  #openAt(point: Point, hit: Hit): void {
    const { commands, session, ui } = this.#ctx
    const can = session.capabilities.get()
    // While voting, each click of a double-click already gave a dot; there is nothing to edit.
    if (commands.clickVotes()) return
    if (hit.kind === 'note' || hit.kind === 'note-resize') {
      commands.editNote(hit.id)
    } else if (hit.kind === 'zone-title' && can.editZones) {
      ui.editingZone.set(hit.id)
    } else {
      commands.createNoteAt(point)
    }
  }

  #onDoubleTap(screen: Point): void {
    this.#doubleTapAt = performance.now()
    const point = screenToBoard(this.#ctx.viewport.get(), screen)
    this.#openAt(point, this.#hit(point))
  }

  /** A tap: a dot for the note while voting; on empty canvas it ends choosing notes (a long press began it). */
  #onTap(screen: Point): void {
    const { ui, commands } = this.#ctx
    const hit = this.#hit(screenToBoard(this.#ctx.viewport.get(), screen))
    const onNote = hit.kind === 'note' || hit.kind === 'note-resize'
    if (onNote && commands.clickVotes()) {
      commands.vote(hit.id, 1)
      return
    }
    if (!ui.touchChoosing.get() || onNote) return
    ui.touchChoosing.set(false)
    ui.clearSelection()
  }

  /**
   * A long press on a note: while voting it takes one of one's dots back (as a right-click
   * does); otherwise it adds the note to the selection and starts choosing notes, so that
   * taps add more (for promote and spotlight). On a zone's title bar it selects the zone.
   */
  #onLongPress(screen: Point): void {
    const { ui, commands, session } = this.#ctx
    const hit = this.#hit(screenToBoard(this.#ctx.viewport.get(), screen))
    // The finger stays down: what it started (a drag not yet moving, a pan) ends here.
    this.#gesture = null
    ui.panning.set(false)
    if (hit.kind === 'note' || hit.kind === 'note-resize') {
      if (commands.clickVotes()) {
        commands.vote(hit.id, -1)
        return
      }
      const next = new Set(this.#selectionBeforePress)
      if (next.has(hit.id) && ui.touchChoosing.get()) next.delete(hit.id)
      else next.add(hit.id)
      ui.select(next)
      ui.touchChoosing.set(next.size > 0)
    } else if (hit.kind === 'zone-title' || hit.kind === 'zone-resize') {
      if (session.capabilities.get().editZones) commands.selectZone(hit.id)
    }
  }

  #onWheel = (event: WheelEvent): void => {
    event.preventDefault()
    const screen = this.#screenPoint(event)
    const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1
    const dx = event.deltaX * lines
    const dy = event.deltaY * lines
    if (event.ctrlKey || event.metaKey) {
      // Pinch on a trackpad arrives as ctrl+wheel with small deltas.
      this.#zoomLater(screen, Math.exp(-dy * 0.01))
    } else if (isMouseWheel(event)) {
      if (event.shiftKey) this.#panLater(-dy, 0)
      else this.#zoomLater(screen, Math.exp(-dy * 0.0015))
    } else {
      this.#panLater(-dx, -dy)
    }
  }

  #panLater(dx: number, dy: number): void {
    this.#pendingPan.dx += dx
    this.#pendingPan.dy += dy
    this.#schedule()
  }

  #zoomLater(anchor: Point, factor: number): void {
    this.#pendingZoom = { anchor, factor: (this.#pendingZoom?.factor ?? 1) * factor }
    this.#schedule()
  }

  #schedule(): void {
    if (this.#frame === 0) this.#frame = requestAnimationFrame(this.#applyCamera)
  }

  #applyCamera = (): void => {
    this.#frame = 0
    const { viewport } = this.#ctx
    const { dx, dy } = this.#pendingPan
    this.#pendingPan = { dx: 0, dy: 0 }
    if (dx !== 0 || dy !== 0) viewport.panBy(dx, dy)
    const zoom = this.#pendingZoom
    this.#pendingZoom = null
    if (zoom) viewport.zoomAtScreen(zoom.anchor, zoom.factor)
  }
}

/**
 * A mouse wheel scrolls in whole notches (lines, or large integral pixel steps, vertical
 * only); a trackpad sends small, often fractional pixel deltas on both axes. The first zooms,
 * the second pans — what people expect from each.
 */
export function isMouseWheel(event: Pick<WheelEvent, 'deltaMode' | 'deltaX' | 'deltaY'>): boolean {
  if (event.deltaMode !== 0) return true
  return event.deltaX === 0 && Number.isInteger(event.deltaY) && Math.abs(event.deltaY) >= 50
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}
