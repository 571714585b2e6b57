import type { Stage } from 'konva/lib/Stage'
import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'
import type { Identity } from '../identity/identity.ts'
import { Store } from '../lib/store.ts'
import type { BoardContextValue } from './board-context.ts'
import { BoardSession, type LocalPersistence } from './data/board-session.ts'
import { BoardCommands } from './input/commands.ts'
import { CulledNotes } from './view/culling.ts'
import { BoardUiState } from './view/ui-state.ts'
import { ViewportStore } from './view/viewport.ts'
import { FollowController } from './view/follow.ts'
import { SpotlightController } from './view/spotlight.ts'
import { fetchServerNow } from '../api/http.ts'
import { draftKeyFor, hasDraftKey } from '../device/draft-keys.ts'
import { localeStore } from '../i18n/index.ts'
import { FindController } from './find/find-controller.ts'

/** The IndexedDB database that keeps one board's edits on this device. */
export function localDatabaseName(boardId: string): string {
  return `kokeileva-board-${boardId}`
}

/** The IndexedDB database that keeps this device's private draft of a board (silent mode). */
export function localDraftDatabaseName(boardId: string): string {
  return `kokeileva-draft-${boardId}`
}

function indexedDbPersistence(boardId: string, doc: Y.Doc, name = localDatabaseName(boardId)): LocalPersistence {
  const persistence = new IndexeddbPersistence(name, doc)
  // y-indexeddb's whenSynced never settles when the database cannot be opened (private
  // windows, storage disabled); the session must learn that edits are not kept on this device.
  const opened = persistence._db
  const pending = trackLocalWrites(doc, persistence, opened)
  return {
    whenSynced: Promise.race([persistence.whenSynced, opened.then(() => new Promise<never>(() => undefined))]),
    pending: pending.store,
    destroy: () => {
      pending.stop()
      return opened.then(
        () => persistence.destroy(),
        () => undefined,
      )
    },
  }
}

/**
 * Whether y-indexeddb is still writing this document's updates. It writes each update in a
 * transaction of its own and tells nobody when it is done, and a page closed a moment too
 * early aborts what is unfinished (the last keystrokes). IndexedDB runs read-write
 * transactions on one store in the order they were made, so an empty one made after an update
 * completes only after that update's write has: its completion clears the flag.
 */
function trackLocalWrites(doc: Y.Doc, persistence: IndexeddbPersistence, opened: Promise<IDBDatabase>) {
  const store = new Store(false)
  let latest = 0
  let scheduled = false
  const mark = (db: IDBDatabase) => {
    scheduled = false
    const marker = ++latest
    try {
      const transaction = db.transaction(['updates'], 'readwrite')
      const settle = () => {
        if (marker === latest) store.set(false)
      }
      transaction.oncomplete = settle
      transaction.onabort = settle // the store failed: nothing more will come of waiting
    } catch {
      store.set(false) // the database is closing
    }
  }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === persistence) return // loaded from the store itself
    store.set(true)
    if (scheduled) return
    scheduled = true
    // After the update listeners, y-indexeddb's among them, have made their transactions.
    queueMicrotask(() => void opened.then(mark, () => store.set(false)))
  }
  doc.on('update', onUpdate)
  return { store, stop: () => doc.off('update', onUpdate) }
}

/** Builds everything one open board needs; `destroy` tears it down again. */
export function createBoardContext(
  boardId: string,
  token: string,
  syncUrl: string,
  identity: Store<Identity>,
): { value: BoardContextValue; destroy: () => void } {
  const session = new BoardSession({
    boardId,
    token,
    syncUrl,
    identity: identity.get(),
    persistence: typeof indexedDB === 'undefined' ? undefined : (id, doc) => indexedDbPersistence(id, doc),
    fetchServerNow,
    drafts: {
      key: () => draftKeyFor(boardId),
      known: () => hasDraftKey(boardId),
      ...(typeof indexedDB === 'undefined'
        ? {}
        : { persistence: (id: string, doc: Y.Doc) => indexedDbPersistence(id, doc, localDraftDatabaseName(id)) }),
    },
  })
  const ui = new BoardUiState()
  const viewport = new ViewportStore()
  const culled = new CulledNotes(session.stores.notes, viewport)
  const stage: { current: Stage | null } = { current: null }
  const commands = new BoardCommands(session, ui, viewport, stage)
  const follow = new FollowController(session.stores.session, session.awareness, viewport)
  const spotlight = new SpotlightController(
    session.stores.session,
    session.stores.zones,
    session.stores.notes,
    viewport,
    {
      centre: session.role !== 'facilitator',
      isFollowing: () => follow.status.get() === 'following',
    },
  )
  const find = new FindController(session, viewport, localeStore.get)
  // Forget a selection whose notes were deleted (by anyone).
  const offDeleted = session.stores.notes.order.subscribe(() => {
    const selection = ui.selection.get()
    const kept = [...selection].filter((id) => session.stores.notes.get(id))
    if (kept.length !== selection.size) ui.select(kept)
  })
  return {
    value: { session, ui, viewport, culled, commands, identity, stage, follow, spotlight, find },
    destroy() {
      offDeleted()
      find.destroy()
      spotlight.destroy()
      follow.destroy()
      culled.destroy()
      session.destroy()
    },
  }
}
