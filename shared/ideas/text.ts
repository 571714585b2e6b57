import { IDEA_DESCRIPTION_MAX_CHARS, IDEA_TITLE_MAX_CHARS } from './limits.ts'

/** Trims to a length, ending with an ellipsis when something was cut. */
export function truncate(text: string, maxChars: number): string {
  const chars = [...text]
  if (chars.length <= maxChars) return text
  return `${chars
    .slice(0, maxChars - 1)
    .join('')
    .trimEnd()}…`
}

/** The first non-blank line of a text, trimmed; '' when there is none. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim()
    if (trimmed.length > 0) return trimmed
  }
  return ''
}

/**
 * A promoted idea's default title: the first line of the first note (in the order the
 * facilitator chose), else of the first note that has text.
 */
export function defaultIdeaTitle(noteTexts: readonly string[]): string {
  for (const text of noteTexts) {
    const line = firstLine(text)
    if (line) return truncate(line.replace(/\s+/g, ' '), IDEA_TITLE_MAX_CHARS)
  }
  return ''
}

/**
 * A promoted idea's default description: the notes' texts, each trimmed, blank ones left
 * out, separated by a blank line. The full texts stay in the idea's frozen provenance.
 */
export function defaultIdeaDescription(noteTexts: readonly string[]): string {
  const parts = noteTexts.map((text) => text.trim()).filter((text) => text.length > 0)
  return truncate(parts.join('\n\n'), IDEA_DESCRIPTION_MAX_CHARS)
}

/**
 * The form a department or tag is compared in: Unicode NFC, trimmed, inner whitespace
 * collapsed, lower case. "Sivistystoimiala " and "sivistystoimiala" are one department.
 */
export function normalizeKey(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi')
}

/** Tags are stored in their compared form, without duplicates, in the order given. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const tag of tags) {
    const key = normalizeKey(tag)
    if (key.length > 0) seen.add(key)
  }
  return [...seen]
}
