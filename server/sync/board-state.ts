import * as Y from 'yjs'
import type { StoredBoardState } from '../storage/types.ts'

/** Builds a document from its stored snapshot and update log. */
export function docFromState(state: StoredBoardState, origin?: unknown): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    if (state.snapshot) Y.applyUpdate(doc, state.snapshot)
    for (const update of state.updates) Y.applyUpdate(doc, update)
  }, origin)
  return doc
}

/**
 * Folds a stored state into one snapshot. It goes through a document rather than
 * Y.mergeUpdates so that deleted content is garbage-collected and snapshots stay small.
 */
export function mergeBoardState(state: StoredBoardState): Uint8Array {
  const doc = docFromState(state)
  try {
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
