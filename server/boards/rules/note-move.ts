import * as Y from 'yjs'

/** The fields a move sets. */
const MOVE_FIELDS: ReadonlySet<string | null> = new Set(['x', 'y'])

/** A transaction that did nothing but set x and/or y of one note that existed before it. */
export interface NoteMove {
  noteId: string
  note: Y.Map<unknown>
  /** The fields it set: x, y or both. */
  fields: ReadonlySet<'x' | 'y'>
}

/**
 * Recognises a move — the write a board receives most, a note dragged at a few updates a
 * second — from what Yjs already recorded of the transaction, so that the write policy can
 * judge it without sorting the transaction into per-item changes (collectChanges) or looking
 * at each inserted struct (insertionProblems). Null for anything else, which the policy
 * judges in full.
 *
 * Why the changed types suffice: Yjs records a type as changed (with the key) for every
 * struct integrated into it or deleted from it, when the type existed before the transaction
 * and is not deleted. A live struct inserted anywhere else sits in a type created by the same
 * transaction, whose own struct was inserted into its parent: following parents up, one
 * reaches a type that existed before (a root type at the latest), which is then changed too.
 * (What was inserted into a deleted type is deleted itself, as the full judgement also
 * ignores.) So when the only changed type is one note's map, and only its x and y, every live
 * inserted struct is the current value of x or y — of older values set in the same
 * transaction Yjs deleted all but the last — and the current values are checked to be one
 * plain value each: a type there (which could hold more content) is not a move.
 */
export function noteMoveOf(transaction: Y.Transaction, notes: Y.Map<unknown>): NoteMove | null {
  if (transaction.changed.size !== 1) return null
  for (const [type, fields] of transaction.changed) {
    if (!(type instanceof Y.Map)) return null
    const item = type._item
    if (item === null || item.deleted || item.parent !== notes) return null
    const noteId = item.parentSub
    if (noteId === null || notes.get(noteId) !== type) return null
    for (const field of fields) {
      if (!MOVE_FIELDS.has(field)) return null
      const value = type._map.get(field as string)
      if (!value || value.deleted || !(value.content instanceof Y.ContentAny) || value.length !== 1) return null
    }
    // Checked just above: every changed key is x or y.
    return { noteId, note: type, fields: fields as ReadonlySet<'x' | 'y'> }
  }
  return null
}
