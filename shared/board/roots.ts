import * as Y from 'yjs'
import { BoardRoot } from './schema.ts'

/** The raw root maps of a board document. Only the accessors in shared/board use these. */
export interface BoardRoots {
  meta: Y.Map<unknown>
  session: Y.Map<unknown>
  zones: Y.Map<Y.Map<unknown>>
  notes: Y.Map<Y.Map<unknown>>
  names: Y.Map<unknown>
}

export function boardRoots(doc: Y.Doc): BoardRoots {
  return {
    meta: doc.getMap(BoardRoot.Meta),
    session: doc.getMap(BoardRoot.Session),
    zones: doc.getMap(BoardRoot.Zones),
    notes: doc.getMap(BoardRoot.Notes),
    names: doc.getMap(BoardRoot.Names),
  }
}
