import type * as Y from 'yjs'
import { writeMeta } from './meta.ts'
import { writePhases } from './phases.ts'
import { writeSession, DEFAULT_VOTES_PER_PERSON } from './session.ts'
import { createZone, type NewZone } from './zones.ts'
import type { BoardMeta, PhaseData } from './schema.ts'
import { phaseEntry } from '../facilitation/phases.ts'

export interface BoardLayout {
  zones: readonly NewZone[]
  phases: readonly PhaseData[]
  votesPerPerson?: number
}

/**
 * Writes a new board's meta, phase plan, template zones and initial session in one
 * transaction. The session begins in the first phase, as if the facilitator had entered it.
 */
export function initBoardDoc(
  doc: Y.Doc,
  meta: BoardMeta,
  layout: BoardLayout,
  serverNow = meta.createdAt,
  origin?: unknown,
): void {
  doc.transact(() => {
    writeMeta(doc, meta)
    writePhases(doc, layout.phases)
    const voting = { open: false, votesPerPerson: layout.votesPerPerson ?? DEFAULT_VOTES_PER_PERSON }
    writeSession(doc, { phase: '', timer: null, locked: false, silent: false, voting, follow: null, spotlight: null })
    const first = layout.phases[0]
    if (first) writeSession(doc, phaseEntry(first, { voting }, serverNow))
    for (const zone of layout.zones) createZone(doc, zone)
  }, origin)
}
