import type * as Y from 'yjs'
import { getNote, listNotes, type BoardChange, type NoteData } from '@shared/board/index.ts'
import { Store, type Listener } from '../../lib/store.ts'

/**
 * How long a note the server took out of this user's draft at a reveal stays shown while its
 * board copy is on the way. The two arrive on different sockets; the server sends the copy
 * first, but nothing makes the browser deliver them in that order.
 */
export const REVEAL_HOLD_MS = 5000

function compareNotes(a: NoteData, b: NoteData): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Plain snapshots of the notes, re-read only for the notes a transaction touched, with one
 * subscription per note: a remote edit of one note re-renders that note's component alone.
 * `order` holds the ids in paint order (oldest first) and changes only when notes come or go.
 *
 * In silent mode the notes are those of the board plus this user's private draft (a second
 * document, attachDraft): one set, by note id. A note in both (the moment of the reveal,
 * when the server has copied it into the board and not yet emptied the draft) is the board's.
 * A note the reveal removed from the draft before its board copy arrived is held, as it was,
 * until the copy comes (REVEAL_HOLD_MS at most): it neither blinks out nor closes its editor.
 */
export class NoteStore {
  readonly #doc: Y.Doc
  #draftDoc: Y.Doc | null = null
  readonly #boardNotes = new Map<string, NoteData>()
  readonly #draftNotes = new Map<string, NoteData>()
  readonly #notes = new Map<string, NoteData>()
  readonly #listeners = new Map<string, Set<Listener>>()
  readonly #changeListeners = new Set<(ids: ReadonlySet<string>) => void>()
  readonly order = new Store<readonly string[]>([])
  /** How many notes are in this user's draft only (not yet on the board). */
  readonly draftCount = new Store(0)
  /** Notes held while their board copy is on the way, with the timer that lets them go. */
  readonly #held = new Map<string, ReturnType<typeof setTimeout>>()
  readonly #revealHoldMs: number

  constructor(doc: Y.Doc, { revealHoldMs = REVEAL_HOLD_MS }: { revealHoldMs?: number } = {}) {
    this.#doc = doc
    this.#revealHoldMs = revealHoldMs
    for (const note of listNotes(doc)) {
      this.#boardNotes.set(note.id, note)
      this.#notes.set(note.id, note)
    }
    this.#rebuildOrder()
  }

  get(id: string): NoteData | undefined {
    return this.#notes.get(id)
  }

  /** True when the note lives only in this user's private draft (nobody else sees it yet). */
  isDraft(id: string): boolean {
    return !this.#boardNotes.has(id) && this.#draftNotes.has(id)
  }

  get size(): number {
    return this.#notes.size
  }

  values(): IterableIterator<NoteData> {
    return this.#notes.values()
  }

  /** Subscribes to one note; the listener runs when that note changes or disappears. */
  subscribeNote(id: string, listener: Listener): () => void {
    let set = this.#listeners.get(id)
    if (!set) this.#listeners.set(id, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.#listeners.delete(id)
    }
  }

  /** Subscribes to every change, with the ids that changed (for culling and the minimap). */
  subscribeChanges(listener: (ids: ReadonlySet<string>) => void): () => void {
    this.#changeListeners.add(listener)
    return () => this.#changeListeners.delete(listener)
  }

  /** Adds this user's draft document; its notes join the set. */
  attachDraft(doc: Y.Doc): void {
    this.#draftDoc = doc
    const ids = new Set<string>()
    for (const note of listNotes(doc)) ids.add(note.id)
    this.applyDraft({ notes: ids })
  }

  /** Applies one transaction's change set of the board: re-reads the touched notes and tells their subscribers. */
  apply(change: Pick<BoardChange, 'notes'>): void {
    this.#applyTo(this.#boardNotes, this.#doc, change.notes)
  }

  /**
   * The same for a transaction of the draft document. `revealing`: the server removed notes
   * from the draft because the session is no longer silent (their board copies follow).
   */
  applyDraft(change: Pick<BoardChange, 'notes'>, { revealing = false }: { revealing?: boolean } = {}): void {
    if (this.#draftDoc) this.#applyTo(this.#draftNotes, this.#draftDoc, change.notes, revealing)
  }

  #applyTo(part: Map<string, NoteData>, doc: Y.Doc, ids: ReadonlySet<string>, revealing = false): void {
    if (ids.size === 0) return
    let membershipChanged = false
    const changed = new Set<string>()
    for (const id of ids) {
      const note = getNote(doc, id)
      if (note) part.set(id, note)
      else part.delete(id)
      const previous = this.#notes.get(id)
      let merged = this.#boardNotes.get(id) ?? this.#draftNotes.get(id)
      if (this.#boardNotes.has(id)) this.#release(id)
      else if (!merged && previous && (revealing || this.#held.has(id))) merged = this.#hold(id, previous)
      if (merged) {
        if (!previous) membershipChanged = true
        if (merged !== previous) changed.add(id)
        this.#notes.set(id, merged)
      } else if (this.#notes.delete(id)) {
        membershipChanged = true
        changed.add(id)
      }
    }
    // A draft holds at most a few hundred notes: recounting it is cheap.
    if (this.#draftNotes.size > 0 || part === this.#draftNotes) this.#countDrafts()
    if (membershipChanged) this.#rebuildOrder()
    if (changed.size === 0) return
    for (const id of changed) {
      const listeners = this.#listeners.get(id)
      if (listeners) for (const listener of [...listeners]) listener()
    }
    for (const listener of [...this.#changeListeners]) listener(changed)
  }

  #hold(id: string, note: NoteData): NoteData {
    if (!this.#held.has(id)) {
      this.#held.set(id, setTimeout(() => {
        // No copy came (the note was deleted, not revealed): show what the documents hold.
        this.#held.delete(id)
        this.#applyTo(this.#boardNotes, this.#doc, new Set([id]))
      }, this.#revealHoldMs))
    }
    return note
  }

  #release(id: string): void {
    const timer = this.#held.get(id)
    if (timer === undefined) return
    clearTimeout(timer)
    this.#held.delete(id)
  }

  #countDrafts(): void {
    let count = 0
    for (const id of this.#draftNotes.keys()) if (!this.#boardNotes.has(id)) count++
    this.draftCount.set(count)
  }

  #rebuildOrder(): void {
    this.order.set([...this.#notes.values()].sort(compareNotes).map((note) => note.id))
  }
}
