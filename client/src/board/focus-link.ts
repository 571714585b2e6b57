/**
 * A board address that opens centred on given notes: `/b/:boardId?focus=<id>,<id>` (the
 * idea registry links back to an idea's notes this way). Note ids are not secrets, so they
 * may travel in the query; the token stays in the fragment or on the device.
 */
const MAX_FOCUS_NOTES = 100
const MAX_NOTE_ID_CHARS = 64

export function boardFocusLink(boardId: string, noteIds: readonly string[]): string {
  const base = `/b/${encodeURIComponent(boardId)}`
  const ids = noteIds.filter((id) => id.length > 0 && id.length <= MAX_NOTE_ID_CHARS).slice(0, MAX_FOCUS_NOTES)
  // Each id is escaped on its own (a comma inside an id becomes %2C), so the list splits on commas.
  return ids.length > 0 ? `${base}?focus=${ids.map(encodeURIComponent).join(',')}` : base
}

/** The note ids of a board address's `focus` parameter (malformed ones left out). */
export function focusIdsFrom(search: string): string[] {
  const raw = search
    .replace(/^\?/, '')
    .split('&')
    .find((part) => part.startsWith('focus='))
    ?.slice('focus='.length)
  if (!raw) return []
  const ids: string[] = []
  for (const part of raw.split(',')) {
    try {
      const id = decodeURIComponent(part.replace(/\+/g, ' ')).trim()
      if (id.length > 0 && id.length <= MAX_NOTE_ID_CHARS && !ids.includes(id)) ids.push(id)
    } catch {
      // A malformed escape names no note; the others still count.
    }
  }
  return ids.slice(0, MAX_FOCUS_NOTES)
}
