import type * as Y from 'yjs'
import { boardRoots } from './roots.ts'
import type { PhaseData } from './schema.ts'
import { asBoolean, asNumber, asRecord, asString } from './coerce.ts'

/** The meta key that holds the board's phase plan (a plain JSON array of PhaseData). */
export const PHASES_KEY = 'phases'

/** Reads one phase defensively; null when it has no usable id. */
export function parsePhase(value: unknown): PhaseData | null {
  const phase = asRecord(value)
  const id = phase?.['id']
  if (!phase || typeof id !== 'string' || id.length === 0) return null
  const open = phase['openZones']
  const loopTo = phase['loopTo']
  return {
    id,
    title: asString(phase['title'], id),
    prompt: asString(phase['prompt']),
    minutes: Math.max(0, asNumber(phase['minutes'])),
    openZones: Array.isArray(open) ? open.filter((key): key is string => typeof key === 'string') : 'all',
    silent: asBoolean(phase['silent']),
    voting: asBoolean(phase['voting']),
    loopTo: typeof loopTo === 'string' ? loopTo : null,
  }
}

/** The board's phases in order; [] for a board made before phases were stored. */
export function readPhases(doc: Y.Doc): PhaseData[] {
  const value = boardRoots(doc).meta.get(PHASES_KEY)
  if (!Array.isArray(value)) return []
  const phases: PhaseData[] = []
  for (const entry of value) {
    const phase = parsePhase(entry)
    if (phase) phases.push(phase)
  }
  return phases
}

/** Replaces the phase plan (facilitator only on the server). */
export function writePhases(doc: Y.Doc, phases: readonly PhaseData[], origin?: unknown): void {
  doc.transact(() => {
    boardRoots(doc).meta.set(
      PHASES_KEY,
      phases.map((phase) => ({ ...phase, openZones: phase.openZones === 'all' ? 'all' : [...phase.openZones] })),
    )
  }, origin)
}
