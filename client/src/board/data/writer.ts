import * as Y from 'yjs'
import {
  createNote,
  createZone,
  deleteNotes,
  deleteZone,
  getNote,
  getNoteMap,
  noteText,
  setVotes,
  clampCoordinate,
  AUTHOR_NAME_MAX_CHARS,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_SIZE,
  NOTE_MIN_SIZE,
  NOTE_TEXT_MAX_CHARS,
  TITLE_MAX_CHARS,
  ZONE_MAX_SIZE,
  ZONE_MIN_SIZE,
  listNotes,
  updateNotes,
  updateZone,
  zoneAt,
  type HeldBackReason,
  type NoteData,
  type NotePatch,
  type NotePlacement,
  type ZoneData,
  type ZonePatch,
} from '@shared/board/index.ts'
import type { Identity } from '../../identity/identity.ts'

export const DUPLICATE_OFFSET = 24

/** A position as the board stores it: whole canvas units within the board's bounds. */
const position = (value: number) => clampCoordinate(Math.round(value))
const zoneSize = (value: number) => Math.min(ZONE_MAX_SIZE, Math.max(ZONE_MIN_SIZE, Math.round(value)))

export interface Point {
  x: number
  y: number
}

/** This user's private draft (silent mode), as the writer sees it. */
export interface DraftTarget {
  /** The draft document, once it is open. */
  doc(): Y.Doc | null
  /** Whether new notes go into the draft now (the session is silent and the draft is open). */
  active(): boolean
}

const noDraft: DraftTarget = { doc: () => null, active: () => false }

/**
 * The one place where this client writes to the board. Every write is a transaction tagged
 * with this session's local origin, which is what the undo manager tracks, so undo only ever
 * reverts one's own changes. Methods take board coordinates and ids and keep the document
 * within the board's shape, which the server enforces (shared/board/shape.ts: positions and
 * sizes bounded, texts cut to their limits), and record the zone of a moved note.
 *
 * In silent mode new notes are written into this user's private draft document instead of
 * the board; a change to a note goes to whichever document holds it.
 */
export class BoardWriter {
  readonly #doc: Y.Doc
  readonly #identity: () => Identity
  readonly #zones: () => readonly ZoneData[]
  readonly origin: object
  readonly #untrackedOrigin: object
  readonly #draft: DraftTarget

  constructor(
    doc: Y.Doc,
    origin: object,
    identity: () => Identity,
    zones: () => readonly ZoneData[],
    untrackedOrigin: object = origin,
    draft: DraftTarget = noDraft,
  ) {
    this.#doc = doc
    this.origin = origin
    this.#untrackedOrigin = untrackedOrigin
    this.#identity = identity
    this.#zones = zones
    this.#draft = draft
  }

  /** The document that holds a note: the board, or this user's draft. */
  #docOf(id: string): Y.Doc {
    if (getNoteMap(this.#doc, id)) return this.#doc
    const draft = this.#draft.doc()
    return draft && getNoteMap(draft, id) ? draft : this.#doc
  }

  /** Where new notes go: the draft while the session is silent, else the board. */
  #newNotesDoc(): Y.Doc {
    return (this.#draft.active() && this.#draft.doc()) || this.#doc
  }

  /** Groups per-note values by the document holding each note. */
  #byDoc<T>(entries: Iterable<[string, T]>): Map<Y.Doc, Map<string, T>> {
    const groups = new Map<Y.Doc, Map<string, T>>()
    for (const [id, value] of entries) {
      const doc = this.#docOf(id)
      let group = groups.get(doc)
      if (!group) groups.set(doc, (group = new Map<string, T>()))
      group.set(id, value)
    }
    return groups
  }

  #updateNotes(patches: ReadonlyMap<string, NotePatch>): void {
    for (const [doc, group] of this.#byDoc(patches)) updateNotes(doc, group, this.origin)
  }

  #zoneIdAt(x: number, y: number, width: number, height: number): string | null {
    return zoneAt(this.#zones(), x + width / 2, y + height / 2)?.id ?? null
  }

  /**
   * Where a note would be after a move or resize (or a new note, without `authorId`): what
   * the rules judge before the write is made.
   */
  placement(rect: { x: number; y: number; width: number; height: number }, authorId = this.#identity().id): NotePlacement {
    const x = position(rect.x)
    const y = position(rect.y)
    return { x, y, width: rect.width, height: rect.height, zone: this.#zoneIdAt(x, y, rect.width, rect.height), authorId }
  }

  /** The placement of a note created centred on a point. */
  newNotePlacement(center: Point): NotePlacement {
    const size = NOTE_DEFAULT_SIZE
    return this.placement({ x: center.x - size / 2, y: center.y - size / 2, width: size, height: size })
  }

  /** Creates a note centred on a board point, in the zone under that point. */
  createNoteAt(center: Point, color: string, text = ''): string {
    const size = NOTE_DEFAULT_SIZE
    const x = position(center.x - size / 2)
    const y = position(center.y - size / 2)
    const { id, name } = this.#identity()
    return createNote(
      this.#newNotesDoc(),
      {
        x, y, width: size, height: size, color, text: text.slice(0, NOTE_TEXT_MAX_CHARS), zone: this.#zoneIdAt(x, y, size, size),
        authorId: id, authorName: name.slice(0, AUTHOR_NAME_MAX_CHARS),
      },
      this.origin,
    )
  }

  /** Creates several notes in one undo step (a paste), each in the zone it lands in; returns their ids. */
  createNotes(notes: readonly { x: number; y: number; width: number; height: number; color: string; text: string }[]): string[] {
    const created: string[] = []
    const { id: authorId, name: authorName } = this.#identity()
    const target = this.#newNotesDoc()
    target.transact(() => {
      for (const note of notes) {
        const placement = this.placement(note)
        created.push(createNote(target, { ...placement, color: note.color, text: note.text, authorId, authorName }))
      }
    }, this.origin)
    return created
  }

  /** Moves notes to new top-left positions in one undo step, recording the zone each lands in. */
  moveNotes(positions: ReadonlyMap<string, Point>): void {
    const patches = new Map<string, NotePatch>()
    for (const [id, to] of positions) {
      const note = getNote(this.#docOf(id), id)
      if (!note) continue
      const x = position(to.x)
      const y = position(to.y)
      patches.set(id, { x, y, zone: this.#zoneIdAt(x, y, note.width, note.height) })
    }
    if (patches.size > 0) this.#updateNotes(patches)
  }

  resizeNote(id: string, width: number, height: number): void {
    const clamp = (value: number) => Math.round(Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, value)))
    updateNotes(this.#docOf(id), new Map([[id, { width: clamp(width), height: clamp(height) }]]), this.origin)
  }

  setNoteColor(ids: Iterable<string>, color: string): void {
    this.#updateNotes(new Map([...ids].map((id) => [id, { color }])))
  }

  deleteNotes(ids: Iterable<string>): void {
    for (const [doc, group] of this.#byDoc([...ids].map((id) => [id, true] as [string, boolean]))) {
      deleteNotes(doc, group.keys(), this.origin)
    }
  }

  /** Copies notes (text, colour, size) a little down and right; returns the new ids. */
  duplicateNotes(ids: Iterable<string>): string[] {
    const created: string[] = []
    const { id: authorId, name: authorName } = this.#identity()
    const target = this.#newNotesDoc()
    target.transact(() => {
      for (const id of ids) {
        const note = getNote(this.#docOf(id), id)
        if (!note) continue
        const x = position(note.x + DUPLICATE_OFFSET)
        const y = position(note.y + DUPLICATE_OFFSET)
        created.push(
          createNote(target, {
            x, y, width: note.width, height: note.height, color: note.color, text: note.text,
            zone: this.#zoneIdAt(x, y, note.width, note.height), authorId, authorName: authorName.slice(0, AUTHOR_NAME_MAX_CHARS),
          }),
        )
      }
    }, this.origin)
    return created
  }

  /**
   * Replaces `remove` characters at `index` with `insert` in a note's text, as one local
   * transaction (the text editor calls this with the diff of each input). Text beyond the
   * limit is cut.
   */
  editText(id: string, index: number, remove: number, insert: string): void {
    const doc = this.#docOf(id)
    const text = noteText(doc, id)
    if (!text) return
    const room = NOTE_TEXT_MAX_CHARS - (text.length - remove)
    const inserted = insert.slice(0, Math.max(0, room))
    if (remove === 0 && inserted.length === 0) return
    doc.transact(() => {
      if (remove > 0) text.delete(index, remove)
      if (inserted.length > 0) text.insert(index, inserted)
    }, this.origin)
  }

  /** The note's shared text, for the editor to observe (it writes through editText). */
  noteText(id: string): Y.Text | null {
    return noteText(this.#docOf(id), id)
  }

  /**
   * Puts a note of this user's that the board refused back into their private draft, under
   * the same id, marked with why (it stays with its writer instead of vanishing). Outside the
   * undo history: it is the server's answer, not an edit. False without an open draft.
   */
  holdBack(note: NoteData, reason: HeldBackReason): boolean {
    const draft = this.#draft.doc()
    if (!draft || getNoteMap(draft, note.id)) return draft !== null
    const { id, text, x, y, width, height, color, zone, authorId, authorName, createdAt } = note
    createNote(
      draft,
      { id, text, x, y, width, height, color, zone, authorId, authorName, createdAt, heldBack: reason },
      this.#untrackedOrigin,
    )
    return true
  }

  /** Grows a note to at least this height (text that no longer fits at the smallest font). */
  growNote(id: string, height: number): void {
    const doc = this.#docOf(id)
    const note = getNote(doc, id)
    if (!note || note.height >= height) return
    updateNotes(doc, new Map([[id, { height: Math.min(NOTE_MAX_SIZE, Math.ceil(height)) }]]), this.origin)
  }

  /**
   * Sets this user's dots on a note (0 removes them). Outside the undo history: a dot is
   * taken back with its own control, and Ctrl+Z must not reach into a vote.
   */
  setMyVotes(noteId: string, count: number): void {
    setVotes(this.#doc, noteId, this.#identity().id, Math.max(0, Math.floor(count)), this.#untrackedOrigin)
  }

  /** Facilitators: a titled frame. */
  createFrame(rect: { x: number; y: number; width: number; height: number }, title: string, color: string): string {
    return createZone(
      this.#doc,
      { kind: 'frame', title: title.slice(0, TITLE_MAX_CHARS), prompt: '', color, ...roundRect(rect) },
      this.origin,
    )
  }

  updateZone(id: string, patch: ZonePatch): void {
    const bounded: ZonePatch = { ...patch }
    if (bounded.title !== undefined) bounded.title = bounded.title.slice(0, TITLE_MAX_CHARS)
    if (bounded.x !== undefined) bounded.x = position(bounded.x)
    if (bounded.y !== undefined) bounded.y = position(bounded.y)
    if (bounded.width !== undefined) bounded.width = zoneSize(bounded.width)
    if (bounded.height !== undefined) bounded.height = zoneSize(bounded.height)
    updateZone(this.#doc, id, bounded, this.origin)
  }

  /** Moves a zone and the notes recorded in it, in one undo step. */
  moveZone(zone: ZoneData, dx: number, dy: number, notesInZone: Iterable<{ id: string; x: number; y: number }>): void {
    const patches = new Map<string, NotePatch>()
    for (const note of notesInZone) patches.set(note.id, { x: position(note.x + dx), y: position(note.y + dy) })
    const groups = this.#byDoc(patches)
    this.#doc.transact(() => {
      updateZone(this.#doc, zone.id, { x: position(zone.x + dx), y: position(zone.y + dy) })
      updateNotes(this.#doc, groups.get(this.#doc) ?? new Map())
    }, this.origin)
    // Draft notes in the zone move with it (their own document: a second transaction).
    for (const [doc, group] of groups) if (doc !== this.#doc) updateNotes(doc, group, this.origin)
  }

  /**
   * Deletes a zone or frame but none of its notes: each note that was recorded in it now
   * belongs to the zone around it, if another zone encloses it, else to none. One undo step.
   */
  deleteZone(id: string): void {
    const remaining = this.#zones().filter((zone) => zone.id !== id)
    this.#doc.transact(() => {
      const patches = new Map<string, NotePatch>()
      for (const note of listNotes(this.#doc)) {
        if (note.zone !== id) continue
        patches.set(note.id, { zone: zoneAt(remaining, note.x + note.width / 2, note.y + note.height / 2)?.id ?? null })
      }
      updateNotes(this.#doc, patches)
      deleteZone(this.#doc, id)
    }, this.origin)
  }
}

function roundRect(rect: { x: number; y: number; width: number; height: number }) {
  return { x: position(rect.x), y: position(rect.y), width: zoneSize(rect.width), height: zoneSize(rect.height) }
}
