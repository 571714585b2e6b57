import * as Y from 'yjs'
import { BoardRoot } from '@shared/board/schema.ts'

/** What one transaction did to one note. */
export interface NoteChange {
  /** The note's entry under `notes` was set or deleted (created, replaced, removed). */
  replaced: boolean
  /** Keys of the note map that changed (x, y, zone …; also 'text' or 'votes' when replaced). */
  fields: Set<string>
  /** The note's Y.Text was edited. */
  text: boolean
  /** The note's votes map was edited. */
  votes: boolean
}

export interface TransactionChanges {
  /** Root maps other than `notes` that changed, with their changed top-level keys. */
  roots: Map<string, Set<string>>
  notes: Map<string, NoteChange>
}

/** The root type's name and the keys leading from it down to `type`. */
function pathOf(type: Y.AbstractType<unknown>): { root: string; path: string[] } {
  const path: string[] = []
  let current: Y.AbstractType<unknown> = type
  while (current._item !== null) {
    const item: Y.Item = current._item
    // Children of arrays and texts have no key; '' stands for "inside a sequence".
    path.push(item.parentSub ?? '')
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) break
    current = parent
  }
  return { root: Y.findRootTypeKey(current), path: path.reverse() }
}

/**
 * Sorts a transaction's changed types (Yjs lists only types that existed before it; a type
 * created in it shows as a changed key of its parent) into root keys and per-note changes.
 */
export function collectChanges(transaction: Y.Transaction): TransactionChanges {
  const roots = new Map<string, Set<string>>()
  const notes = new Map<string, NoteChange>()
  const noteChange = (id: string): NoteChange => {
    let change = notes.get(id)
    if (!change) {
      change = { replaced: false, fields: new Set(), text: false, votes: false }
      notes.set(id, change)
    }
    return change
  }

  for (const [type, keys] of transaction.changed) {
    const { root, path } = pathOf(type as Y.AbstractType<unknown>)
    if (root !== BoardRoot.Notes) {
      let rootKeys = roots.get(root)
      if (!rootKeys) roots.set(root, (rootKeys = new Set()))
      if (path.length > 0) rootKeys.add(path[0] ?? '')
      else for (const key of keys) rootKeys.add(key ?? '')
      continue
    }
    const [noteId, field, ...deeper] = path
    if (noteId === undefined) {
      for (const key of keys) if (key !== null) noteChange(key).replaced = true
    } else if (field === undefined) {
      const change = noteChange(noteId)
      for (const key of keys) change.fields.add(key ?? '')
    } else if (field === 'text' && deeper.length === 0) {
      noteChange(noteId).text = true
    } else if (field === 'votes' && deeper.length === 0) {
      noteChange(noteId).votes = true
    } else {
      // Something nested under another key of a note: a change to that field.
      noteChange(noteId).fields.add(field)
    }
  }
  return { roots, notes }
}
