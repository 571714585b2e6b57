import * as Y from 'yjs'
import { BoardRoot } from '@shared/board/schema.ts'

/** What one transaction did to one note or zone (an entry of `notes` or `zones`). */
export interface EntryChange {
  /** The entry itself was set or deleted (created, replaced, removed). */
  replaced: boolean
  /** Keys of the entry's map that changed (x, y, zone …; also 'text' or 'votes' when replaced). */
  fields: Set<string>
  /** A note's Y.Text was edited. */
  text: boolean
  /** A note's votes map was edited. */
  votes: boolean
}

export interface TransactionChanges {
  /** `meta` and `session`, with their changed keys. */
  settings: Map<string, Set<string>>
  zones: Map<string, EntryChange>
  notes: Map<string, EntryChange>
  /** Participant ids whose entry in `names` changed. */
  names: Set<string>
  /** Changes outside the board's layout (another root, content without a key), or null. */
  unplaced: string | null
}

/** The root type's name and the keys leading from it down to `type`. */
function pathOf(type: Y.AbstractType<unknown>): { root: string; path: Array<string | null> } {
  const path: Array<string | null> = []
  let current: Y.AbstractType<unknown> = type
  while (current._item !== null) {
    const item: Y.Item = current._item
    // Children of arrays and texts have no key.
    path.push(item.parentSub)
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) break
    current = parent
  }
  return { root: Y.findRootTypeKey(current), path: path.reverse() }
}

const SETTINGS_ROOTS: ReadonlySet<string> = new Set([BoardRoot.Meta, BoardRoot.Session])

/** The change record of one entry, made on first use (a module function: it runs on every write). */
function entryChange(entries: Map<string, EntryChange>, id: string): EntryChange {
  let change = entries.get(id)
  if (!change) {
    change = { replaced: false, fields: new Set(), text: false, votes: false }
    entries.set(id, change)
  }
  return change
}

/**
 * Sorts a transaction's changed types (Yjs lists only types that existed before it; a type
 * created in it shows as a changed key of its parent) into settings keys, per-zone and
 * per-note changes, and whatever has no place in a board document.
 */
export function collectChanges(transaction: Y.Transaction): TransactionChanges {
  const changes: TransactionChanges = {
    settings: new Map(),
    zones: new Map(),
    notes: new Map(),
    names: new Set(),
    unplaced: null,
  }
  for (const [type, keys] of transaction.changed) {
    const { root, path } = pathOf(type as Y.AbstractType<unknown>)
    const [entry, field, ...deeper] = path
    if (entry === null || field === null) {
      changes.unplaced ??= `content without a key in "${root}"`
      continue
    }
    if (SETTINGS_ROOTS.has(root)) {
      let rootKeys = changes.settings.get(root)
      if (!rootKeys) changes.settings.set(root, (rootKeys = new Set()))
      if (entry !== undefined) rootKeys.add(entry)
      for (const key of entry === undefined ? keys : []) {
        if (key === null) changes.unplaced ??= `content without a key in "${root}"`
        else rootKeys.add(key)
      }
      continue
    }
    if (root === BoardRoot.Names) {
      if (entry !== undefined) changes.unplaced ??= 'a name holds no nested content'
      for (const key of keys) {
        if (key === null) changes.unplaced ??= `content without a key in "${root}"`
        else changes.names.add(key)
      }
      continue
    }
    if (root !== BoardRoot.Notes && root !== BoardRoot.Zones) {
      changes.unplaced ??= `unknown root type "${root}"`
      continue
    }
    const entries = root === BoardRoot.Notes ? changes.notes : changes.zones
    if (entry === undefined) {
      for (const key of keys) {
        if (key === null) changes.unplaced ??= `content without a key in "${root}"`
        else entryChange(entries, key).replaced = true
      }
    } else if (field === undefined) {
      const change = entryChange(entries, entry)
      for (const key of keys) change.fields.add(key ?? '')
    } else if (root === BoardRoot.Notes && field === 'text' && deeper.length === 0) {
      entryChange(entries, entry).text = true
    } else if (root === BoardRoot.Notes && field === 'votes' && deeper.length === 0) {
      entryChange(entries, entry).votes = true
    } else {
      // Something nested under another key of a note or zone: a change to that field.
      entryChange(entries, entry).fields.add(field)
    }
  }
  return changes
}
