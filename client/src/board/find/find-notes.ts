import type { NoteData, ZoneData } from '@shared/board/index.ts'

/** Text as find compares it: lower case in the reader's language, one kind of space. */
export function normalizeForFind(text: string, locale?: string): string {
  return text.normalize('NFC').toLocaleLowerCase(locale).replace(/\s+/g, ' ').trim()
}

/**
 * The notes whose text holds every word of the query (in any order, any case), in reading
 * order: zone by zone (zones top to bottom, left to right; notes outside zones last), then
 * top to bottom and left to right within a zone. Notes `readable` refuses (face down in silent
 * mode) never match: find must not tell what they say.
 */
export function findNotes(
  notes: Iterable<NoteData>,
  query: string,
  { zones, readable, locale }: { zones: readonly ZoneData[]; readable: (note: NoteData) => boolean; locale?: string },
): NoteData[] {
  const terms = normalizeForFind(query, locale).split(' ').filter(Boolean)
  if (terms.length === 0) return []
  const matches: NoteData[] = []
  for (const note of notes) {
    if (!readable(note)) continue
    const text = normalizeForFind(note.text, locale)
    if (terms.every((term) => text.includes(term))) matches.push(note)
  }
  const zoneRank = new Map(
    [...zones]
      .sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
      .map((zone, index) => [zone.id, index]),
  )
  const rankOf = (note: NoteData) => (note.zone !== null ? (zoneRank.get(note.zone) ?? zones.length) : zones.length)
  return matches.sort((a, b) => rankOf(a) - rankOf(b) || a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
}
