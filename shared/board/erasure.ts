import type * as Y from 'yjs'
import { getNoteMap, listNotes } from './notes.ts'

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
