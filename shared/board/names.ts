import * as Y from 'yjs'
import { PARTICIPANT_ID_PATTERN } from '../ids.ts'
import { boardRoots } from './roots.ts'
import { AUTHOR_NAME_MAX_CHARS, BoardRoot } from './schema.ts'

/**
 * Authors' names. A board keeps every author's current display name once, in its `names` map
 * (participant id → name): a note shows its author's name from there, so renaming oneself
 * renames one's notes everywhere (canvas, exports, the promotion dialog). A note still carries
 * the name it was written with (`authorName`) as a fallback for boards and drafts that have no
 * entry (boards from before, private drafts). authorNameOf is the one place a name is
 * resolved; eraseAuthorName the one place both are cleared.
 */

const participantId = new RegExp(PARTICIPANT_ID_PATTERN)

/** What is wrong with an entry of `names`, or null (a client may not delete one). */
export function nameEntryProblem(key: string, value: unknown): string | null {
  if (!participantId.test(key)) return 'a name is kept under a participant id'
  if (typeof value !== 'string' || value.trim() === '' || value.length > AUTHOR_NAME_MAX_CHARS)
    return `a name must be text of 1 to ${AUTHOR_NAME_MAX_CHARS} characters`
  return null
}

/** Cleans a display name for the board: one line, trimmed, within the limit. */
export function cleanAuthorName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, AUTHOR_NAME_MAX_CHARS)
}

/**
 * The name to show for an author: their entry in the document's `names`, else the name the
 * note was written with. `doc` is the document the note lives in (null for a detached note).
 */
export function authorNameOf(doc: Y.Doc | null, authorId: string, writtenName: string): string {
  const current = doc?.share.has(BoardRoot.Names) ? doc.getMap(BoardRoot.Names).get(authorId) : undefined
  return typeof current === 'string' && current !== '' ? current : writtenName
}

/** The name this board has for a participant, or null. */
export function readAuthorName(doc: Y.Doc, authorId: string): string | null {
  const value = boardRoots(doc).names.get(authorId)
  return typeof value === 'string' ? value : null
}

/** Sets a participant's name on the board (only when it differs: no empty updates). */
export function setAuthorName(doc: Y.Doc, authorId: string, name: string, origin?: unknown): boolean {
  const cleaned = cleanAuthorName(name)
  if (cleaned === '' || readAuthorName(doc, authorId) === cleaned) return false
  doc.transact(() => boardRoots(doc).names.set(authorId, cleaned), origin)
  return true
}

/**
 * Removes a person's name from a board (a data-protection erasure): their `names` entry and the
 * name their notes were written with. Returns how many notes carried it.
 */
export function eraseAuthorName(doc: Y.Doc, authorId: string, origin?: unknown): number {
  const { names, notes } = boardRoots(doc)
  let cleared = 0
  doc.transact(() => {
    names.delete(authorId)
    notes.forEach((note) => {
      if (note instanceof Y.Map && note.get('authorId') === authorId && note.get('authorName') !== '') {
        note.set('authorName', '')
        cleared++
      }
    })
  }, origin)
  return cleared
}

/**
 * The erasure's part in the `names` map: removes the entries of the given author ids and every
 * entry whose name is one of `lowerNames` (lower case). Returns the author ids whose entries it
 * removed, so their notes can be cleared too.
 */
export function eraseNameEntries(doc: Y.Doc, authorIds: Iterable<string>, lowerNames: ReadonlySet<string>): string[] {
  const { names } = boardRoots(doc)
  const removed = new Set<string>()
  for (const id of authorIds) if (names.has(id)) removed.add(id)
  names.forEach((value, id) => {
    if (typeof value === 'string' && lowerNames.has(value.trim().toLocaleLowerCase())) removed.add(id)
  })
  for (const id of removed) names.delete(id)
  return [...removed]
}

/** Author ids whose current name (the `names` map) is one of `lowerNames` (lower case). */
export function authorIdsNamed(doc: Y.Doc, lowerNames: ReadonlySet<string>): string[] {
  const ids: string[] = []
  boardRoots(doc).names.forEach((value, id) => {
    if (typeof value === 'string' && lowerNames.has(value.trim().toLocaleLowerCase())) ids.push(id)
  })
  return ids
}
