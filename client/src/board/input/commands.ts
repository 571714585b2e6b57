import type { Stage } from 'konva/lib/Stage'
import type { BoardSession } from '../data/board-session.ts'
import { boundsOf, type Point, type Rect } from '../view/geometry.ts'
import type { BoardUiState } from '../view/ui-state.ts'
import { screenToBoard, type ViewportStore } from '../view/viewport.ts'
import { FRAME_COLOR } from '../view/colors.ts'
import { exportStagePng } from '../canvas/export-png.ts'

const ZOOM_STEP = 1.25
const NUDGE = 10
const FRAME_SIZE = { width: 640, height: 420 }

/**
 * The intents of the board (from the toolbar, the keyboard, the pointer) turned into writes
 * and view changes. Each checks the user's capabilities first: the server would refuse the
 * write anyway, but the user should not see a change that is then taken back.
 */
export class BoardCommands {
  readonly #session: BoardSession
  readonly #ui: BoardUiState
  readonly #viewport: ViewportStore
  readonly #stage: { current: Stage | null }

  constructor(session: BoardSession, ui: BoardUiState, viewport: ViewportStore, stage: { current: Stage | null }) {
    this.#session = session
    this.#ui = ui
    this.#viewport = viewport
    this.#stage = stage
  }

  get #can() {
    return this.#session.capabilities.get()
  }

  /** Creates a note centred on a board point, selects it and opens its editor. */
  createNoteAt(point: Point): string | null {
    if (!this.#can.editNotes) return null
    const id = this.#session.writer.createNoteAt(point, this.#ui.noteColor.get())
    this.#ui.select([id])
    this.#ui.freshNote = id
    this.#ui.editingNote.set(id)
    return id
  }

  createNoteInView(): string | null {
    const { width, height } = this.#viewport.size.get()
    return this.createNoteAt(screenToBoard(this.#viewport.get(), { x: width / 2, y: height / 2 }))
  }

  editNote(id: string): void {
    if (!this.#can.editNotes || !this.#session.stores.notes.get(id)) return
    this.#ui.select([id])
    this.#ui.editingNote.set(id)
  }

  /** Ends text editing; a note created for it and left empty is removed again. */
  closeEditor(): void {
    const id = this.#ui.editingNote.get()
    if (id === null) return
    this.#ui.editingNote.set(null)
    const note = this.#session.stores.notes.get(id)
    if (this.#ui.freshNote === id && note && note.text.trim() === '' && this.#can.editNotes) {
      this.#session.writer.deleteNotes([id])
      this.#ui.clearSelection()
    }
    this.#ui.freshNote = null
    this.#session.undo.stopCapturing()
  }

  deleteSelection(): void {
    const ids = [...this.#ui.selection.get()]
    if (ids.length === 0 || !this.#can.editNotes) return
    this.#session.writer.deleteNotes(ids)
    this.#ui.clearSelection()
  }

  duplicateSelection(): void {
    const ids = [...this.#ui.selection.get()]
    if (ids.length === 0 || !this.#can.editNotes) return
    this.#ui.select(this.#session.writer.duplicateNotes(ids))
  }

  setColor(color: string): void {
    this.#ui.noteColor.set(color)
    const ids = [...this.#ui.selection.get()]
    if (ids.length > 0 && this.#can.editNotes) this.#session.writer.setNoteColor(ids, color)
  }

  moveSelectionBy(dx: number, dy: number, large = false): void {
    const ids = this.#ui.selection.get()
    if (ids.size === 0 || !this.#can.editNotes) return
    const step = large ? NUDGE * 5 : NUDGE
    const positions = new Map<string, Point>()
    for (const id of ids) {
      const note = this.#session.stores.notes.get(id)
      if (note) positions.set(id, { x: note.x + dx * step, y: note.y + dy * step })
    }
    this.#session.writer.moveNotes(positions)
  }

  selectAll(): void {
    this.#ui.select(this.#session.stores.notes.order.get())
  }

  undo(): void {
    if (!this.#can.editNotes && !this.#can.editZones) return
    this.#session.undo.undo()
  }

  redo(): void {
    if (!this.#can.editNotes && !this.#can.editZones) return
    this.#session.undo.redo()
  }

  zoomIn(): void {
    this.#viewport.zoomAtCenter(ZOOM_STEP)
  }

  zoomOut(): void {
    this.#viewport.zoomAtCenter(1 / ZOOM_STEP)
  }

  zoomReset(): void {
    this.#viewport.zoomAtCenter(1 / this.#viewport.get().scale)
  }

  /** Shows every note and zone. */
  zoomToFit(): void {
    this.#viewport.fit(this.contentBounds())
  }

  contentBounds(): Rect | null {
    return boundsOf([...this.#session.stores.notes.values(), ...this.#session.stores.zones.get()])
  }

  /** Facilitators: a new frame in the middle of the view, its title editor open. */
  addFrame(title: string): string | null {
    if (!this.#can.editZones) return null
    const { width, height } = this.#viewport.size.get()
    const center = screenToBoard(this.#viewport.get(), { x: width / 2, y: height / 2 })
    const id = this.#session.writer.createFrame(
      { x: center.x - FRAME_SIZE.width / 2, y: center.y - FRAME_SIZE.height / 2, ...FRAME_SIZE },
      title,
      FRAME_COLOR,
    )
    this.#ui.editingZone.set(id)
    return id
  }

  renameZone(id: string, title: string): void {
    if (this.#can.editZones && title.trim().length > 0) this.#session.writer.updateZone(id, { title: title.trim() })
  }

  deleteZone(id: string): void {
    if (this.#can.editZones) this.#session.writer.deleteZone(id)
  }

  /** Downloads what the canvas shows now, as a PNG. */
  exportPng(fileName: string): boolean {
    const stage = this.#stage.current
    if (!stage) return false
    exportStagePng(stage, fileName)
    return true
  }
}
