import type { Experiment, IdeaSource } from '@shared/api/ideas.ts'
import { mentionPattern } from '@shared/board/erasure.ts'

/** What an erased name is replaced with, everywhere. */
export const ERASED_NAME = '[erased]'

/** The names in comparable form: trimmed, case folded; blanks left out. */
export function normalizeNames(names: Iterable<string>): string[] {
  return [...new Set([...names].map((name) => name.trim().toLocaleLowerCase()).filter((name) => name.length > 0))]
}

/** The text with every mention of the names (any case, at a word's start: mentionPattern) replaced. */
export function eraseInText(text: string, names: readonly string[]): string {
  const pattern = mentionPattern(names)
  return pattern ? text.replace(pattern, ERASED_NAME) : text
}

/** Whether a note's author name is one of the names. */
export function isNameOf(authorName: string, names: readonly string[]): boolean {
  return names.includes(authorName.trim().toLocaleLowerCase())
}

/**
 * A frozen provenance with the names erased from its notes: an author who is one of the names
 * becomes ERASED_NAME, and the names are erased from the notes' text (the registry searches
 * that text). null when nothing changed.
 */
export function eraseInSource(source: IdeaSource, names: readonly string[]): IdeaSource | null {
  let changed = false
  const notes = source.notes.map((note) => {
    const authorName = isNameOf(note.authorName, names) ? ERASED_NAME : note.authorName
    const text = eraseInText(note.text, names)
    if (authorName === note.authorName && text === note.text) return note
    changed = true
    return { ...note, authorName, text }
  })
  return changed ? { ...source, notes } : null
}

/** The fields of an idea that may hold a person's name. */
export interface IdeaNameFields {
  title: string
  description: string
  source: IdeaSource
  links: IdeaSource[]
  experiment: Experiment | null
}

/**
 * An idea's fields with the names erased, and whether its searchable text (title,
 * description, notes' text: what the search index holds) changed too; null when nothing did.
 */
export function eraseInIdea(
  idea: IdeaNameFields,
  names: readonly string[],
): { fields: IdeaNameFields; searchableChanged: boolean } | null {
  if (names.length === 0) return null
  const title = eraseInText(idea.title, names)
  const description = eraseInText(idea.description, names)
  const source = eraseInSource(idea.source, names)
  const links = idea.links.map((link) => eraseInSource(link, names))
  let experiment = idea.experiment
  if (experiment) {
    const erased = Object.fromEntries(
      Object.entries(experiment).map(([key, value]) => [
        key,
        typeof value === 'string' ? eraseInText(value, names) : value,
      ]),
    ) as Experiment
    if (JSON.stringify(erased) !== JSON.stringify(experiment)) experiment = erased
  }
  const notesText = (sources: readonly IdeaSource[]) =>
    sources.flatMap((s) => s.notes.map((note) => note.text)).join('\n')
  const fields: IdeaNameFields = {
    title,
    description,
    source: source ?? idea.source,
    links: links.map((link, i) => link ?? idea.links[i]!),
    experiment,
  }
  const changed =
    title !== idea.title ||
    description !== idea.description ||
    source !== null ||
    links.some((link) => link !== null) ||
    experiment !== idea.experiment
  if (!changed) return null
  const searchableChanged =
    title !== idea.title ||
    description !== idea.description ||
    notesText([fields.source, ...fields.links]) !== notesText([idea.source, ...idea.links])
  return { fields, searchableChanged }
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
  /** Ideas whose entry in the search index was rewritten (their searchable text held the name). */
  searchEntries: number
}
