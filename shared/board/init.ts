import type * as Y from 'yjs'
import { writeMeta } from './meta.ts'
import { writeSession, DEFAULT_VOTES_PER_PERSON } from './session.ts'
import { createZone, type NewZone } from './zones.ts'
import type { BoardMeta } from './schema.ts'

export interface BoardLayout {
  zones: readonly NewZone[]
  firstPhase: string
  votesPerPerson?: number
}

/** Writes a new board's meta, initial session and template zones in one transaction. */
export function initBoardDoc(doc: Y.Doc, meta: BoardMeta, layout: BoardLayout, origin?: unknown): void {
  doc.transact(() => {
    writeMeta(doc, meta)
    writeSession(doc, {
      phase: layout.firstPhase,
      timer: null,
      locked: false,
      silent: false,
      voting: { open: false, votesPerPerson: layout.votesPerPerson ?? DEFAULT_VOTES_PER_PERSON },
    })
    for (const zone of layout.zones) createZone(doc, zone)
  }, origin)
}
