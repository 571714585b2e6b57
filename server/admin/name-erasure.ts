import type { IdeaSource } from '@shared/api/ideas.ts'

/** What an erased name is replaced with, everywhere. */
export const ERASED_NAME = '[erased]'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The names in comparable form: trimmed, case folded; blanks left out. */
export function normalizeNames(names: Iterable<string>): string[] {
  return [...new Set([...names].map((name) => name.trim().toLocaleLowerCase()).filter((name) => name.length > 0))]
}

/** The text with every occurrence of the names (any case) replaced. */
export function eraseInText(text: string, names: readonly string[]): string {
  if (names.length === 0) return text
  const pattern = new RegExp(names.map(escapeRegExp).join('|'), 'giu')
  return text.replace(pattern, ERASED_NAME)
}

/** Whether a note's author name is one of the names. */
export function isNameOf(authorName: string, names: readonly string[]): boolean {
  return names.includes(authorName.trim().toLocaleLowerCase())
}

/** A frozen provenance with the names erased from its notes' authors; null when nothing changed. */
export function eraseInSource(source: IdeaSource, names: readonly string[]): IdeaSource | null {
  let changed = false
  const notes = source.notes.map((note) => {
    if (!isNameOf(note.authorName, names)) return note
    changed = true
    return { ...note, authorName: ERASED_NAME }
  })
  return changed ? { ...source, notes } : null
}

/** A history value (a string, strings, or null) with the names erased. */
export function eraseInValue(value: unknown, names: readonly string[]): unknown {
  if (typeof value === 'string') return eraseInText(value, names)
  if (Array.isArray(value))
    return value.map((item: unknown) => (typeof item === 'string' ? eraseInText(item, names) : item))
  return value
}

/** How many ideas, history entries and comments an erasure changed in the registry. */
export interface IdeaErasureCounts {
  ideas: number
  historyEntries: number
  comments: number
}
