import type * as Y from 'yjs'
import { writeMeta } from './meta.ts'
import { writePhases } from './phases.ts'
import { writeSession, DEFAULT_VOTES_PER_PERSON } from './session.ts'
import { createZone, type NewZone } from './zones.ts'
import type { BoardMeta, PhaseData } from './schema.ts'
import { phaseEntry } from '../facilitation/phases.ts'
import { silenceFields } from '../facilitation/silent.ts'

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
    const off = { silent: false, beforeSilence: null }
    writeSession(doc, { phase: '', timer: null, locked: false, ...off, voting, follow: null, spotlight: null })
    const first = layout.phases[0]
    // A board whose first phase is silent has no notes yet: nothing to keep readable.
    if (first)
      writeSession(doc, { ...phaseEntry(first, { voting }, serverNow), ...silenceFields(first.silent, off, () => []) })
    for (const zone of layout.zones) createZone(doc, zone)
  }, origin)
}
