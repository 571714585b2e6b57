import type { BoardSession } from '../data/board-session.ts'
import { boundsOf, type Point, type Rect } from '../view/geometry.ts'
import type { BoardUiState } from '../view/ui-state.ts'
import { screenToBoard, type ViewportStore } from '../view/viewport.ts'
import { FRAME_COLOR } from '../view/colors.ts'
import { adjacentZone, currentZone, zoneViewport, zonesInReadingOrder } from '../view/zone-navigation.ts'
import { ZONE_MIN_SIZE, type NoteData, type ZoneData } from '@shared/board/index.ts'
import type { RefusalCode } from '../data/note-rules.ts'
import { DUPLICATE_OFFSET } from '../data/writer.ts'
import { currentPhase, nextVoteCount, openZoneIds, remainingVotes } from '@shared/facilitation/index.ts'
import { PERMISSIONS } from '@shared/roles.ts'
import type { ClipboardNote } from './clipboard.ts'
import { NEW_NOTE_SIZE, NotePlacer } from './note-placer.ts'

const ZOOM_STEP = 1.25
const NUDGE = 10
const FRAME_SIZE = { width: 640, height: 420 }
/** Below this zoom a note's text is smaller than 7 px: the opening view does not go below it for the open zone. */
const READABLE_SCALE = 0.6
const OPENING_MARGIN_PX = 12
/** A canvas this narrow is a phone's (styles.css folds the header below 700 px too). */
const NARROW_CANVAS_PX = 700

/**
 * The intents of the board (from the toolbar, the keyboard, the pointer) turned into writes
 * and view changes. Each checks the user's capabilities first: the server would refuse the
 * write anyway, but the user should not see a change that is then taken back.
 */
export class BoardCommands {
  readonly #session: BoardSession
  readonly #ui: BoardUiState
  readonly #viewport: ViewportStore
  readonly #placer: NotePlacer
  /** The zone last zoomed to: Z goes on from it while the view stays there. */
  #lastZone: string | null = null

  constructor(session: BoardSession, ui: BoardUiState, viewport: ViewportStore) {
    this.#session = session
    this.#ui = ui
    this.#viewport = viewport
    this.#placer = new NotePlacer(session, viewport)
  }

  get #can() {
    return this.#session.capabilities.get()
  }

  /** Tells the user why nothing happened (the first reason is enough). */
  #refuse(code: RefusalCode | null | undefined): void {
    if (code) this.#session.refusals.emit(code)
  }

  /** The selected notes this user may act on; notices the first refusal of the others. */
  #allowed(check: (note: NoteData) => RefusalCode | null): NoteData[] {
    const allowed: NoteData[] = []
    let refusal: RefusalCode | null = null
    for (const id of this.#ui.selection.get()) {
      const note = this.#session.stores.notes.get(id)
      if (!note) continue
      const problem = check(note)
      if (problem) refusal ??= problem
      else allowed.push(note)
    }
    this.#refuse(refusal)
    return allowed
  }

  /** Creates a note centred on a board point, selects it and opens its editor. */
  createNoteAt(point: Point): string | null {
    const refusal = this.#session.rules.toCreate(this.#session.writer.newNotePlacement(point))
    if (refusal) {
      // A viewer double-clicking is looking around, not trying to write: no notice for them.
      if (refusal !== 'read-only') this.#refuse(refusal)
      return null
    }
    const id = this.#session.writer.createNoteAt(point, this.#ui.noteColor.get())
    this.#ui.select([id])
    this.#ui.freshNote = id
    this.#ui.editingNote.set(id)
    return id
  }

  /**
   * "+ Note" and N: a note at a free place in the open zone in view (else the first open zone,
   * where the view then moves), its editor open for typing.
   */
  createNoteInView(): string | null {
    const blocked = this.#placer.blocked()
    if (blocked) {
      if (blocked !== 'read-only') this.#refuse(blocked)
      return null
    }
    const [spot] = this.#placer.plan([NEW_NOTE_SIZE])
    if (!spot) return null
    this.#placer.reveal(spot)
    return this.createNoteAt({ x: spot.x + spot.width / 2, y: spot.y + spot.height / 2 })
  }

  /** Why this user cannot add notes now ("+ Note", N, Duplicate and paste say it), or null. */
  newNotesBlocked(): RefusalCode | null {
    return this.#placer.blocked()
  }

  /** The zone new notes go to now (null: anywhere in view). */
  newNotesZone(): ZoneData | null {
    return this.#placer.target()
  }

  /** The selected notes this user can read, for the clipboard (face-down notes stay private). */
  notesToCopy(): NoteData[] {
    const notes: NoteData[] = []
    for (const id of this.#ui.selection.get()) {
      const note = this.#session.stores.notes.get(id)
      if (note && this.#session.rules.visibility(note) === 'visible') notes.push(note)
    }
    return notes
  }

  /**
   * Pastes notes within the phase's rules, as one undo step: copied notes keep their layout
   * where the group fits in the open zone (`keepLayout`), else each goes to a free place, as
   * lines of text do. `leftOut` lines did not fit in one paste (the user is told).
   * Selects them and shows them; returns their ids.
   */
  pasteNotes(
    notes: readonly ClipboardNote[],
    { keepLayout, leftOut = 0 }: { keepLayout: boolean; leftOut?: number },
  ): string[] {
    if (notes.length === 0) return []
    const blocked = this.#placer.blocked()
    if (blocked) {
      this.#refuse(blocked === 'read-only' ? null : blocked)
      return []
    }
    const { rules, writer } = this.#session
    const allowed = (rects: readonly Rect[]) => rects.every((rect) => rules.toCreate(writer.placement(rect)) === null)
    let rects = keepLayout ? this.#placer.planGroup(notes) : null
    if (!rects || !allowed(rects)) rects = this.#placer.plan(notes)
    if (!allowed(rects)) {
      this.#refuse('zone-closed')
      return []
    }
    this.closeEditor()
    this.#session.undo.stopCapturing()
    const ids = writer.createNotes(notes.map((note, index) => ({ ...note, ...(rects[index] as Rect) })))
    this.#session.undo.stopCapturing()
    this.#ui.select(ids)
    const bounds = boundsOf(rects)
    if (bounds) this.#placer.reveal(bounds)
    if (leftOut > 0) this.#refuse('paste-limit')
    return ids
  }

  editNote(id: string): void {
    const note = this.#session.stores.notes.get(id)
    if (!note) return
    const refusal = this.#session.rules.toChange(note)
    if (refusal) {
      if (refusal !== 'read-only') this.#refuse(refusal)
      return
    }
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
    const notes = this.#allowed((note) => this.#session.rules.toDelete(note))
    if (notes.length === 0) return
    this.#session.writer.deleteNotes(notes.map((note) => note.id))
    this.#ui.clearSelection()
  }

  duplicateSelection(): void {
    const { rules, writer } = this.#session
    const notes = this.#allowed((note) =>
      rules.toCreate(writer.placement({ ...note, x: note.x + DUPLICATE_OFFSET, y: note.y + DUPLICATE_OFFSET })),
    )
    if (notes.length > 0) this.#ui.select(writer.duplicateNotes(notes.map((note) => note.id)))
  }

  setColor(color: string): void {
    this.#ui.noteColor.set(color)
    if (this.#ui.selection.get().size === 0) return
    const notes = this.#allowed((note) => this.#session.rules.toChange(note))
    if (notes.length > 0)
      this.#session.writer.setNoteColor(
        notes.map((note) => note.id),
        color,
      )
  }

  moveSelectionBy(dx: number, dy: number, large = false): void {
    const step = large ? NUDGE * 5 : NUDGE
    this.moveNotesBy(this.#ui.selection.get(), dx * step, dy * step)
  }

  /**
   * Moves notes by an offset in one write, if the rules allow every one of them to go there;
   * otherwise moves none and says why (a group move is all or nothing).
   */
  moveNotesBy(ids: Iterable<string>, dx: number, dy: number): boolean {
    const list = [...ids]
    const refused = this.moveRefusal(list, dx, dy)
    if (refused) {
      this.#refuse(refused.refusal)
      return false
    }
    const positions = new Map<string, Point>()
    for (const id of list) {
      const note = this.#session.stores.notes.get(id)
      if (note) positions.set(id, { x: note.x + dx, y: note.y + dy })
    }
    if (positions.size > 0) this.#session.writer.moveNotes(positions)
    return positions.size > 0
  }

  /**
   * Why moving these notes by an offset would be refused (the first reason, and the zone the
   * refused note would land in), or null when the move is allowed: the cue while dragging.
   */
  moveRefusal(ids: Iterable<string>, dx: number, dy: number): { refusal: RefusalCode; zone: ZoneData | null } | null {
    const { rules, writer, stores } = this.#session
    for (const id of ids) {
      const note = stores.notes.get(id)
      if (!note) continue
      const after = writer.placement({ ...note, x: note.x + dx, y: note.y + dy }, note.authorId)
      const refusal = rules.toMove(note, after)
      if (refusal) return { refusal, zone: stores.zones.get().find((zone) => zone.id === after.zone) ?? null }
    }
    return null
  }

  /** Alt+arrows: each selected note this user may change grows or shrinks by a step. */
  resizeSelectionBy(dw: number, dh: number, large = false): void {
    const step = large ? NUDGE * 5 : NUDGE
    for (const note of this.#allowed((candidate) => this.#session.rules.toChange(candidate)))
      this.resizeNote(note.id, note.width + dw * step, note.height + dh * step)
  }

  /** The notes list's "show": selects the note and moves the view to it, keeping the zoom when it is readable. */
  goToNote(id: string): void {
    const note = this.#session.stores.notes.get(id)
    if (!note) return
    this.#ui.select([id])
    const view = this.#viewport.get()
    const size = this.#viewport.size.get()
    const scale = Math.max(view.scale, 0.75)
    this.#viewport.set({
      scale,
      x: size.width / 2 - (note.x + note.width / 2) * scale,
      y: size.height / 2 - (note.y + note.height / 2) * scale,
    })
  }

  /** Resizes a note if the rules allow it. */
  resizeNote(id: string, width: number, height: number): void {
    const { rules, writer, stores } = this.#session
    const note = stores.notes.get(id)
    if (!note) return
    const refusal = rules.toMove(note, writer.placement({ x: note.x, y: note.y, width, height }, note.authorId))
    if (refusal) this.#refuse(refusal)
    else writer.resizeNote(id, width, height)
  }

  /** Whether these notes may be picked up at all (said when not). */
  mayChange(ids: Iterable<string>): boolean {
    for (const id of ids) {
      const note = this.#session.stores.notes.get(id)
      const refusal = note ? this.#session.rules.toChange(note) : null
      if (refusal) {
        if (refusal !== 'read-only') this.#refuse(refusal)
        return false
      }
    }
    return true
  }

  /**
   * Whether a click on a note gives it a dot: for participants while a round is open (the
   * facilitator's clicks still select and move, so that the session can be run; facilitators
   * vote with V or the vote bar).
   */
  clickVotes(): boolean {
    const { role } = this.#can
    const { voting, locked } = this.#session.stores.session.get()
    return role === 'participant' && voting.open && !locked
  }

  /**
   * Gives (+1) or takes back (−1) one of this user's dots on a note, within the round's
   * rules (shared nextVoteCount); says why when it cannot. Returns whether a dot moved.
   */
  vote(noteId: string, delta: 1 | -1): boolean {
    const session = this.#session
    const state = session.stores.session.get()
    if (!PERMISSIONS[session.role].writeContent) return false
    const notes = [...session.stores.notes.values()]
    const me = session.identity.id
    const next = nextVoteCount(notes, noteId, me, state, delta)
    if (next === null) {
      if (state.locked) this.#refuse('locked')
      else if (!state.voting.open) this.#refuse('vote-closed')
      else if (delta > 0 && remainingVotes(notes, me, state) === 0) this.#refuse('vote-limit')
      return false
    }
    session.writer.setMyVotes(noteId, next)
    return true
  }

  /** V / Shift+V: a dot on (or off) the one selected note. */
  voteSelected(delta: 1 | -1): boolean {
    const [only, ...rest] = this.#ui.selection.get()
    if (!only || rest.length > 0) return false
    return this.vote(only, delta)
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
  /**
   * The view a board opens with: everything fitted. Where that makes notes too small to read
   * on a narrow canvas (a phone), the zone the phase has open instead, whole if it fits readably, else from its
   * top-left corner at the smallest readable zoom.
   */
  openingView(): void {
    this.zoomToFit()
    // On a wide screen the whole board is the better start, even if small: one look shows it all.
    if (this.#viewport.size.get().width > NARROW_CANVAS_PX || this.#viewport.get().scale >= READABLE_SCALE) return
    const { phases, session, zones } = this.#session.stores
    const open = openZoneIds(currentPhase(phases.get(), session.get()))
    if (open === 'all') return
    const zone = zonesInReadingOrder(zones.get()).find((candidate) => open.has(candidate.id))
    if (!zone) return
    const view = zoneViewport(zone, this.#viewport.size.get())
    this.#lastZone = zone.id
    if (view.scale >= READABLE_SCALE) this.#viewport.set(view)
    else
      this.#viewport.set({
        scale: READABLE_SCALE,
        x: OPENING_MARGIN_PX - zone.x * READABLE_SCALE,
        y: OPENING_MARGIN_PX - zone.y * READABLE_SCALE,
      })
  }

  zoomToFit(): void {
    this.#viewport.fit(this.contentBounds())
  }

  contentBounds(): Rect | null {
    return boundsOf([...this.#session.stores.notes.values(), ...this.#session.stores.zones.get()])
  }

  /** Shows one zone whole (a click on its title). */
  zoomToZone(id: string): void {
    const zone = this.#session.stores.zones.get().find((candidate) => candidate.id === id)
    if (!zone) return
    this.#lastZone = id
    this.#viewport.set(zoneViewport(zone, this.#viewport.size.get()))
  }

  /**
   * Z / Shift+Z: the next (or previous) zone in reading order, from the one in view. For a
   * facilitator it is also selected, so that the keyboard can move, resize, rename or delete it.
   */
  zoomToNextZone(step: 1 | -1): void {
    const zones = this.#session.stores.zones.get()
    const current = currentZone(zones, this.#viewport.get(), this.#viewport.size.get(), this.#lastZone)
    const next = adjacentZone(zones, current, step)
    if (!next) return
    this.zoomToZone(next.id)
    if (this.#can.editZones) this.selectZone(next.id)
  }

  /** Facilitators: selects a zone (its notes are not selected), as a press on its title bar does. */
  selectZone(id: string): void {
    if (!this.#can.editZones) return
    this.#ui.clearSelection()
    this.#ui.selectedZone.set(id)
  }

  /** Arrows on a selected zone: it moves with the notes recorded in it, one undo step per press. */
  moveZoneBy(id: string, dx: number, dy: number, large = false): void {
    const zone = this.#session.stores.zones.get().find((candidate) => candidate.id === id)
    if (!zone || !this.#can.editZones) return
    const step = large ? NUDGE * 5 : NUDGE
    const inside = [...this.#session.stores.notes.values()].filter((note) => note.zone === id)
    this.#session.undo.stopCapturing()
    this.#session.writer.moveZone(zone, dx * step, dy * step, inside)
  }

  /** Alt+arrows on a selected zone: its right and bottom edges move (never below the smallest zone). */
  resizeZoneBy(id: string, dw: number, dh: number, large = false): void {
    const zone = this.#session.stores.zones.get().find((candidate) => candidate.id === id)
    if (!zone || !this.#can.editZones) return
    const step = large ? NUDGE * 5 : NUDGE
    this.#session.writer.updateZone(id, {
      width: Math.max(ZONE_MIN_SIZE, zone.width + dw * step),
      height: Math.max(ZONE_MIN_SIZE, zone.height + dh * step),
    })
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

  /**
   * Delete on a selected zone: at once when it holds no notes, else after the facilitator
   * confirmed (the notes stay either way). Undo brings the zone back with its notes in it.
   */
  requestDeleteZone(id: string): void {
    if (!this.#can.editZones) return
    if (this.notesInZone(id) > 0) this.#ui.zoneToDelete.set(id)
    else this.deleteZone(id)
  }

  /** How many notes are recorded in a zone. */
  notesInZone(id: string): number {
    let count = 0
    for (const note of this.#session.stores.notes.values()) if (note.zone === id) count++
    return count
  }

  deleteZone(id: string): void {
    this.#ui.zoneToDelete.set(null)
    if (!this.#can.editZones) return
    if (this.#ui.selectedZone.get() === id) this.#ui.selectedZone.set(null)
    if (this.#ui.editingZone.get() === id) this.#ui.editingZone.set(null)
    this.#session.undo.stopCapturing()
    this.#session.writer.deleteZone(id)
    this.#session.undo.stopCapturing()
  }
}
