import type * as Y from 'yjs'
import { getNoteMap, listNotes, noteText } from './notes.ts'

/** Whose notes: author names (trimmed, lower case) and/or an author (participant or user) id. */
export interface AuthorMatch {
  names: readonly string[]
  authorId: string | null
}

/** The notes written by that person, with the name they wrote under. */
export function notesByAuthor(
  doc: Y.Doc,
  match: AuthorMatch,
): Array<{ id: string; authorId: string; authorName: string }> {
  return listNotes(doc)
    .filter(
      (note) =>
        (match.authorId !== null && note.authorId === match.authorId) ||
        match.names.includes(note.authorName.trim().toLocaleLowerCase()),
    )
    .map((note) => ({ id: note.id, authorId: note.authorId, authorName: note.authorName }))
}

/** Replaces the author name of these notes (data-protection erasure); the notes stay. */
export function replaceNoteAuthors(doc: Y.Doc, ids: readonly string[], replacement: string, origin?: unknown): void {
  doc.transact(() => {
    for (const id of ids) getNoteMap(doc, id)?.set('authorName', replacement)
  }, origin)
}

/**
 * A mention of any of the names in free text (erasure): any case, at the start of a word —
 * with whatever ending follows, as Finnish and Swedish inflect names (Ilonalle, Annas) — but
 * not inside another word (the name Ari is not erased from "variaatio"). null for no names.
 */
export function mentionPattern(names: readonly string[]): RegExp | null {
  const usable = names.filter((name) => name.length > 0)
  if (usable.length === 0) return null
  const alternatives = usable.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})`, 'giu')
}

/** The notes whose text mentions any of the names (any case). */
export function notesMentioning(doc: Y.Doc, names: readonly string[]): string[] {
  const pattern = mentionPattern(names)
  if (!pattern) return []
  return listNotes(doc)
    .filter((note) => {
      pattern.lastIndex = 0
      return pattern.test(note.text)
    })
    .map((note) => note.id)
}

/**
 * Replaces every mention of the names (any case) in the text of these notes, in place (the
 * rest of the text and its history of edits stay); returns how many notes changed.
 */
export function eraseNamesInNoteTexts(
  doc: Y.Doc,
  ids: readonly string[],
  names: readonly string[],
  replacement: string,
  origin?: unknown,
): number {
  const pattern = mentionPattern(names)
  if (!pattern) return 0
  let changed = 0
  doc.transact(() => {
    for (const id of ids) {
      const text = noteText(doc, id)
      if (!text) continue
      const matches = [...text.toString().matchAll(pattern)]
      // From the end, so that earlier positions stay valid.
      for (const match of matches.reverse()) {
        text.delete(match.index, match[0].length)
        text.insert(match.index, replacement)
      }
      if (matches.length > 0) changed++
    }
  }, origin)
  return changed
}
