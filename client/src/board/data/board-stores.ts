import type * as Y from 'yjs'
import {
  listZones,
  observeBoard,
  readPhases,
  readMeta,
  readSession,
  type BoardChange,
  type BoardMeta,
  type PhaseData,
  type SessionState,
  type ZoneData,
} from '@shared/board/index.ts'
import { Emitter, Store } from '../../lib/store.ts'
import { NoteStore } from './note-store.ts'

/**
 * Everything the views read from the board document, as plain snapshots in stores. One
 * observer on the document feeds them all; nothing here writes.
 */
export class BoardStores {
  readonly notes: NoteStore
  readonly zones: Store<readonly ZoneData[]>
  readonly meta: Store<BoardMeta>
  readonly session: Store<SessionState>
  /** The board's phase plan (meta.phases). */
  readonly phases: Store<readonly PhaseData[]>
  /** Every change set, after the stores above were updated. */
  readonly changes = new Emitter<BoardChange>()
  readonly #unobserve: () => void

  constructor(doc: Y.Doc) {
    this.notes = new NoteStore(doc)
    this.zones = new Store<readonly ZoneData[]>(listZones(doc))
    this.meta = new Store(readMeta(doc))
    this.session = new Store(readSession(doc))
    this.phases = new Store<readonly PhaseData[]>(readPhases(doc))
    this.#unobserve = observeBoard(doc, (change) => {
      this.notes.apply(change)
      if (change.zones.size > 0) this.zones.set(listZones(doc))
      if (change.meta) {
        this.meta.set(readMeta(doc))
        this.phases.set(readPhases(doc))
      }
      if (change.session) this.session.set(readSession(doc))
      this.changes.emit(change)
    })
  }

  destroy(): void {
    this.#unobserve()
  }
}
