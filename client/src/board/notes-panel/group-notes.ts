import type { NoteData, ZoneData } from '@shared/board/index.ts'
import { zonesInReadingOrder } from '../view/zone-navigation.ts'

/** The notes of one zone (or of none: `zone` null), in reading order. */
export interface NoteGroup {
  zone: ZoneData | null
  notes: NoteData[]
}

const readingOrder = (a: NoteData, b: NoteData) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id)

/**
 * Every note of the board, grouped by the zone it is recorded in, zones in reading order
 * (top to bottom, left to right) and the notes in no zone last. Zones without notes are kept:
 * a reader learns the board's layout from the list too. Nothing is left out or capped here.
 */
export function groupNotesByZone(notes: Iterable<NoteData>, zones: readonly ZoneData[]): NoteGroup[] {
  const groups = new Map<string | null, NoteData[]>()
  const known = new Set(zones.map((zone) => zone.id))
  for (const note of notes) {
    const key = note.zone !== null && known.has(note.zone) ? note.zone : null
    const list = groups.get(key)
    if (list) list.push(note)
    else groups.set(key, [note])
  }
  const ordered: NoteGroup[] = zonesInReadingOrder(zones).map((zone) => ({
    zone,
    notes: (groups.get(zone.id) ?? []).sort(readingOrder),
  }))
  const loose = groups.get(null)
  if (loose) ordered.push({ zone: null, notes: loose.sort(readingOrder) })
  return ordered
}
