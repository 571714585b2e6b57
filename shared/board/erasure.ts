import type * as Y from 'yjs'
import { FINNISH_ENDINGS } from '../ideas/search.ts'
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
 * The endings a name takes in running text: Finnish cases (Annan, Annalle, Annasta, Ariin…),
 * possessive suffixes and clitics after them (Annallekin), the Swedish and English genitive
 * (Annas, Anna's). Listed rather than "any letters", so that erasing Eva leaves "evaluation"
 * and erasing Anna leaves "Annankatu" alone. Names whose stem changes when inflected
 * (Kuusjärvi → Kuusjärveltä) are not found this way.
 */
const CASE_ENDINGS = [
  ...FINNISH_ENDINGS,
  // The short ones the search's stemmer leaves alone (they would cut too much of a word).
  'n',
  'a',
  'ä',
  'an',
  'on',
  'un',
  'yn',
  'än',
  'ön',
  // The Swedish and English genitive.
  's',
  "'s",
  '’s',
]
const CLITICS = ['ni', 'si', 'mme', 'nne', 'nsa', 'nsä', 'kin', 'kaan', 'kään', 'han', 'hän', 'ko', 'kö', 'pa', 'pä']

/** Longest first, so that an alternation tries "ssa" before "s". */
function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A mention of any of the names in free text (erasure): any case, at the start of a word,
 * bare or with an inflection ending (CASE_ENDINGS), never inside or at the start of another
 * word (the name Ari is not erased from "variaatio" or "Arizona"). Only the name itself is
 * matched; the ending stays. null for no names.
 */
export function mentionPattern(names: readonly string[]): RegExp | null {
  const usable = names.filter((name) => name.length > 0)
  if (usable.length === 0) return null
  const ending = `(?:${alternation(CASE_ENDINGS)})?(?:${alternation(CLITICS)}){0,2}`
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(usable)})(?=${ending}(?![\\p{L}\\p{N}]))`, 'giu')
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
