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
 */
export class NoteStore {
  readonly #doc: Y.Doc
  readonly #notes = new Map<string, NoteData>()
  readonly #listeners = new Map<string, Set<Listener>>()
  readonly #changeListeners = new Set<(ids: ReadonlySet<string>) => void>()
  readonly order = new Store<readonly string[]>([])

  constructor(doc: Y.Doc) {
    this.#doc = doc
    for (const note of listNotes(doc)) this.#notes.set(note.id, note)
    this.#rebuildOrder()
  }

  get(id: string): NoteData | undefined {
    return this.#notes.get(id)
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

  /** Applies one transaction's change set: re-reads the touched notes and tells their subscribers. */
  apply(change: BoardChange): void {
    if (change.notes.size === 0) return
    let membershipChanged = false
    for (const id of change.notes) {
      const note = getNote(this.#doc, id)
      if (note) {
        if (!this.#notes.has(id)) membershipChanged = true
        this.#notes.set(id, note)
      } else if (this.#notes.delete(id)) {
        membershipChanged = true
      }
    }
    if (membershipChanged) this.#rebuildOrder()
    for (const id of change.notes) {
      const listeners = this.#listeners.get(id)
      if (listeners) for (const listener of [...listeners]) listener()
    }
    for (const listener of [...this.#changeListeners]) listener(change.notes)
  }

  #rebuildOrder(): void {
    this.order.set([...this.#notes.values()].sort(compareNotes).map((note) => note.id))
  }
}
