import * as Y from 'yjs'
import { boardRoots } from './roots.ts'

/** What one transaction changed in a board document, by part. */
export interface BoardChange {
  /** Notes whose fields, text or votes changed, or that were added or removed. */
  notes: ReadonlySet<string>
  /** Whether notes were added or removed (the set of ids changed). */
  noteIdsChanged: boolean
  /** Zones that changed, were added or removed. */
  zones: ReadonlySet<string>
  meta: boolean
  session: boolean
  /** The transaction's origin, to tell local writes from remote ones. */
  origin: unknown
}

/**
 * Calls `listener` once after every transaction that changed the board, with the ids of the
 * notes and zones it touched, so that a view can re-read only those. Returns the unsubscribe.
 */
export function observeBoard(doc: Y.Doc, listener: (change: BoardChange) => void): () => void {
  const roots = boardRoots(doc)
  const rootNames = new Map<unknown, 'notes' | 'zones' | 'meta' | 'session'>([
    [roots.notes, 'notes'],
    [roots.zones, 'zones'],
    [roots.meta, 'meta'],
    [roots.session, 'session'],
  ])
  const onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.changed.size === 0) return
    const notes = new Set<string>()
    const zones = new Set<string>()
    let noteIdsChanged = false
    let meta = false
    let session = false
    const renamed = new Set<string>()
    for (const [type, keys] of transaction.changed) {
      if ((type as unknown) === roots.names) {
        for (const key of keys) if (key !== null) renamed.add(key)
        continue
      }
      const name = rootNames.get(type)
      if (name === 'notes') {
        noteIdsChanged = true
        for (const key of keys) if (key !== null) notes.add(key)
      } else if (name === 'zones') {
        for (const key of keys) if (key !== null) zones.add(key)
      } else if (name === 'meta') {
        meta = true
      } else if (name === 'session') {
        session = true
      } else {
        const [root, key] = topLevelKey(type)
        const rootName = rootNames.get(root)
        if (rootName === 'notes' && key !== null) notes.add(key)
        else if (rootName === 'zones' && key !== null) zones.add(key)
      }
    }
    // A renamed author's notes show the new name (names.ts): they changed for every view.
    if (renamed.size > 0) {
      roots.notes.forEach((map, id) => {
        if (map instanceof Y.Map && renamed.has(map.get('authorId') as string)) notes.add(id)
      })
    }
    if (notes.size === 0 && zones.size === 0 && !meta && !session && !noteIdsChanged) return
    listener({ notes, noteIdsChanged, zones, meta, session, origin: transaction.origin })
  }
  doc.on('afterTransaction', onAfterTransaction)
  return () => doc.off('afterTransaction', onAfterTransaction)
}

/** The root type a nested type lives in, and the key under which its top-level ancestor sits. */
function topLevelKey(type: { _item: Y.Item | null }): [unknown, string | null] {
  let current = type
  for (;;) {
    const item = current._item
    if (item === null) return [null, null]
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return [null, null]
    if (parent._item === null) return [parent, item.parentSub]
    current = parent
  }
}

/** The shared types a user's undo history covers: the notes and the zones. */
export function undoScope(doc: Y.Doc): [Y.Map<Y.Map<unknown>>, Y.Map<Y.Map<unknown>>] {
  const { notes, zones } = boardRoots(doc)
  return [notes, zones]
}
