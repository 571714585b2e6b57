import type * as Y from 'yjs'
import { getNote, listNotes, type BoardChange, type NoteData } from '../../../../shared/board/index.ts'
import { Store, type Listener } from '../../lib/store.ts'

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

  constructor(doc: Y.Doc) {
    this.#doc = doc
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

  /** The same for a transaction of the draft document. */
  applyDraft(change: Pick<BoardChange, 'notes'>): void {
    if (this.#draftDoc) this.#applyTo(this.#draftNotes, this.#draftDoc, change.notes)
  }

  #applyTo(part: Map<string, NoteData>, doc: Y.Doc, ids: ReadonlySet<string>): void {
    if (ids.size === 0) return
    let membershipChanged = false
    const changed = new Set<string>()
    for (const id of ids) {
      const note = getNote(doc, id)
      if (note) part.set(id, note)
      else part.delete(id)
      const merged = this.#boardNotes.get(id) ?? this.#draftNotes.get(id)
      const previous = this.#notes.get(id)
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

  #countDrafts(): void {
    let count = 0
    for (const id of this.#draftNotes.keys()) if (!this.#boardNotes.has(id)) count++
    this.draftCount.set(count)
  }

  #rebuildOrder(): void {
    this.order.set([...this.#notes.values()].sort(compareNotes).map((note) => note.id))
  }
}
