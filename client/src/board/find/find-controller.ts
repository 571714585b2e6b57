import { shallowEqualArrays, Store } from '../../lib/store.ts'
import type { BoardSession } from '../data/board-session.ts'
import { centerOn, type ViewportStore } from '../view/viewport.ts'
import { findNotes } from './find-notes.ts'

/** Below this zoom a match is shown at 100 %: found text should be readable. */
const READABLE_SCALE = 0.6

export interface FindState {
  open: boolean
  query: string
  /** The matching notes' ids, in reading order. */
  matches: readonly string[]
  /** The match shown last (an index into matches), or -1 before next/previous. */
  current: number
}

const CLOSED: FindState = { open: false, query: '', matches: [], current: -1 }

function sameState(a: FindState, b: FindState): boolean {
  return a.open === b.open && a.query === b.query && a.current === b.current && shallowEqualArrays(a.matches, b.matches)
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id))
}

/**
 * Find on the board, framework-free: the notes whose text matches the query (re-found as
 * notes change while find is open), and next / previous, which move the view to a match.
 * Notes face down in silent mode never match.
 */
export class FindController {
  readonly state = new Store<FindState>(CLOSED, sameState)
  /** The matches as a set, for views that draw them (useNotesOf). */
  readonly matchIds = new Store<ReadonlySet<string>>(new Set(), sameSet)
  /** Counts requests to put the keyboard in the find box (Ctrl+F again while it is open). */
  readonly focusRequests = new Store(0)
  readonly #session: BoardSession
  readonly #viewport: ViewportStore
  readonly #locale: () => string
  #unsubscribe: (() => void)[] = []

  constructor(session: BoardSession, viewport: ViewportStore, locale: () => string) {
    this.#session = session
    this.#viewport = viewport
    this.#locale = locale
  }

  open(): void {
    if (this.state.get().open) return
    this.state.set({ ...this.state.get(), open: true })
    const refresh = () => this.#refind()
    this.#unsubscribe = [this.#session.stores.changes.on(refresh), this.#session.stores.session.subscribe(refresh)]
    this.#refind()
  }

  /** Asks the find box to take the keyboard (and select its query). */
  focus(): void {
    this.focusRequests.update((count) => count + 1)
  }

  close(): void {
    for (const off of this.#unsubscribe) off()
    this.#unsubscribe = []
    this.state.set(CLOSED)
    this.matchIds.set(new Set())
  }

  setQuery(query: string): void {
    this.state.set({ ...this.state.get(), query, current: -1 })
    this.#refind()
  }

  /** Shows the next match (after the last one shown, wrapping round); false when there is none. */
  next(): boolean {
    return this.#step(1)
  }

  previous(): boolean {
    return this.#step(-1)
  }

  destroy(): void {
    this.close()
  }

  #step(direction: 1 | -1): boolean {
    const { matches, current } = this.state.get()
    if (matches.length === 0) return false
    const index =
      current < 0 ? (direction > 0 ? 0 : matches.length - 1) : (current + direction + matches.length) % matches.length
    this.state.set({ ...this.state.get(), current: index })
    this.#show(matches[index] as string)
    return true
  }

  #refind(): void {
    const state = this.state.get()
    if (!state.open) return
    const { stores, rules } = this.#session
    const matches = findNotes(stores.notes.values(), state.query, {
      zones: stores.zones.get(),
      readable: (note) => rules.visibility(note) === 'visible',
      locale: this.#locale(),
    }).map((note) => note.id)
    // The match being looked at stays current while the list around it changes.
    const shown = state.current >= 0 ? state.matches[state.current] : undefined
    const current = shown === undefined ? -1 : matches.indexOf(shown)
    this.state.set({ ...state, matches, current })
    this.matchIds.set(new Set(matches))
  }

  #show(id: string): void {
    const note = this.#session.stores.notes.get(id)
    if (!note) return
    const view = this.#viewport.get()
    const scaled = view.scale < READABLE_SCALE ? { ...view, scale: 1 } : view
    const centre = { x: note.x + note.width / 2, y: note.y + note.height / 2 }
    this.#viewport.set(centerOn(scaled, centre, this.#viewport.size.get()))
  }
}
