import type { NoteData } from '@shared/board/index.ts'
import type { BoardContextValue } from '../board-context.ts'
import type { Point } from '../view/geometry.ts'
import { hitTest, type Hit } from '../view/hit-test.ts'
import { screenToBoard } from '../view/viewport.ts'

/** A press that moves further than this (screen px) is a drag, not a click. */
const CLICK_SLOP_PX = 5
/**
 * A click on a title zooms only once this long has passed without a second click: a
 * double-click on a title renames the zone (facilitators), and the view must not move
 * between its two clicks.
 */
const TITLE_CLICK_DELAY_MS = 300

type TitleClickContext = Pick<BoardContextValue, 'session' | 'viewport' | 'culled' | 'ui' | 'commands'>

/**
 * "Zoom to zone" by clicking (or tapping) a zone's title, for everyone. It listens beside
 * the PointerController, which still selects and moves zones from their title bar: a press
 * that becomes a drag, a second click, a pan or a pinch cancels the zoom. Over a title the
 * pointer shows a zoom cursor to those who cannot move zones.
 */
export function attachZoneTitleClicks(element: HTMLElement, board: TitleClickContext): () => void {
  /** The press on a title: its zone, and where it was on the page (the canvas itself may move). */
  let press: { id: string; pointerId: number; client: Point } | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const pointers = new Set<number>()

  const cancelZoom = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  const screenPoint = (event: PointerEvent): Point => {
    const rect = element.getBoundingClientRect()
    return { x: event.clientX - rect.left, y: event.clientY - rect.top }
  }
  const clientPoint = (event: PointerEvent): Point => ({ x: event.clientX, y: event.clientY })
  const hitAt = (screen: Point): Hit => {
    const notes: NoteData[] = []
    for (const id of board.culled.ids.get()) {
      const note = board.session.stores.notes.get(id)
      if (note) notes.push(note)
    }
    const can = board.session.capabilities.get()
    return hitTest(screenToBoard(board.viewport.get(), screen), {
      notes,
      zones: board.session.stores.zones.get(),
      selected: board.ui.selection.get(),
      scale: board.viewport.get().scale,
      zoneHandles: can.editZones,
      noteHandles: can.editNotes,
    })
  }
  // Only presses on the canvas itself: the HTML laid over it (editors, chips) is not a title.
  const onCanvas = (event: PointerEvent) => event.target === element || event.target instanceof HTMLCanvasElement

  const onDown = (event: PointerEvent) => {
    // A press while a click waits is the second click of a double-click: no zoom at all.
    const second = timer !== null
    cancelZoom()
    pointers.add(event.pointerId)
    press = null
    if (second) return
    const plain = !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey
    if (event.button !== 0 || !plain || pointers.size > 1 || board.ui.panMode.get() || !onCanvas(event)) return
    const hit = hitAt(screenPoint(event))
    if (hit.kind === 'zone-title') press = { id: hit.id, pointerId: event.pointerId, client: clientPoint(event) }
  }
  const onMove = (event: PointerEvent) => {
    if (press && event.pointerId === press.pointerId) {
      const client = clientPoint(event)
      if (Math.hypot(client.x - press.client.x, client.y - press.client.y) > CLICK_SLOP_PX) press = null
      return
    }
    if (pointers.size > 0 || board.session.capabilities.get().editZones || !onCanvas(event)) return
    if (hitAt(screenPoint(event)).kind === 'zone-title') element.style.cursor = 'zoom-in'
  }
  const onUp = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    const clicked = press && press.pointerId === event.pointerId ? press.id : null
    press = null
    if (clicked === null) return
    timer = setTimeout(() => {
      timer = null
      board.commands.zoomToZone(clicked)
    }, TITLE_CLICK_DELAY_MS)
  }
  const onCancel = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    press = null
  }
  // Before the PointerController's own listener: what it selects can re-render the page
  // above the canvas (a toolbar button appears) and move the canvas before this one reads it.
  element.addEventListener('pointerdown', onDown, { capture: true })
  element.addEventListener('pointermove', onMove)
  element.addEventListener('pointerup', onUp)
  element.addEventListener('pointercancel', onCancel)
  element.addEventListener('wheel', cancelZoom, { passive: true })
  return () => {
    cancelZoom()
    element.removeEventListener('pointerdown', onDown, { capture: true })
    element.removeEventListener('pointermove', onMove)
    element.removeEventListener('pointerup', onUp)
    element.removeEventListener('pointercancel', onCancel)
    element.removeEventListener('wheel', cancelZoom)
  }
}
