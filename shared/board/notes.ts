import * as Y from 'yjs'
import { newId } from '../ids.ts'
import { boardRoots } from './roots.ts'
import { HELD_BACK_REASONS, NOTE_DEFAULT_SIZE, type HeldBackReason, type NoteData } from './schema.ts'
import { asNumber, asString } from './coerce.ts'
import { authorNameOf } from './names.ts'

export interface NewNote {
  id?: string
  text?: string
  x: number
  y: number
  width?: number
  height?: number
  color: string
  zone: string | null
  authorId: string
  authorName: string
  createdAt?: number
  /** Only in the writer's private draft: why the board sent the note back. */
  heldBack?: HeldBackReason | null
}

/** Fields of a note that are plain values (text and votes are nested types). */
export type NotePatch = Partial<Pick<NoteData, 'x' | 'y' | 'width' | 'height' | 'color' | 'zone'>>

/** What a promoted note shows: its idea's id, ref and status. */
export interface NoteIdeaBadge {
  ideaId: string
  ideaRef: string
  ideaStatus: string
}

/** Where a note is and whose it is: what the facilitation rules look at. */
export interface NotePlacement {
  zone: string | null
  x: number
  y: number
  width: number
  height: number
  authorId: string
}

/** participantId → dots, keeping only positive finite counts. */
export function readVotes(value: unknown): Record<string, number> {
  const votes: Record<string, number> = {}
  if (value instanceof Y.Map) {
    value.forEach((count, participantId) => {
      if (typeof count === 'number' && Number.isFinite(count) && count > 0) votes[participantId] = count
    })
  }
  return votes
}

export function readNote(id: string, map: Y.Map<unknown>): NoteData {
  const text = map.get('text')
  const zone = map.get('zone')
  const ideaId = map.get('ideaId')
  const ideaRef = map.get('ideaRef')
  const ideaStatus = map.get('ideaStatus')
  return {
    id,
    text: text instanceof Y.Text ? text.toString() : asString(text),
    x: asNumber(map.get('x')),
    y: asNumber(map.get('y')),
    width: Math.max(1, asNumber(map.get('width'), NOTE_DEFAULT_SIZE)),
    height: Math.max(1, asNumber(map.get('height'), NOTE_DEFAULT_SIZE)),
    color: asString(map.get('color'), '#fde68a'),
    zone: typeof zone === 'string' ? zone : null,
    authorId: asString(map.get('authorId')),
    authorName: authorNameOf(map.doc, asString(map.get('authorId')), asString(map.get('authorName'))),
    createdAt: asNumber(map.get('createdAt')),
    votes: readVotes(map.get('votes')),
    ideaId: typeof ideaId === 'string' ? ideaId : null,
    ideaRef: typeof ideaRef === 'string' ? ideaRef : null,
    ideaStatus: typeof ideaStatus === 'string' ? ideaStatus : null,
    heldBack: readHeldBack(map.get('heldBack')),
  }
}

function readHeldBack(value: unknown): HeldBackReason | null {
  return (HELD_BACK_REASONS as readonly unknown[]).includes(value) ? (value as HeldBackReason) : null
}

export function readNotePlacement(map: Y.Map<unknown>): NotePlacement {
  const zone = map.get('zone')
  return {
    zone: typeof zone === 'string' ? zone : null,
    x: asNumber(map.get('x')),
    y: asNumber(map.get('y')),
    width: Math.max(1, asNumber(map.get('width'), NOTE_DEFAULT_SIZE)),
    height: Math.max(1, asNumber(map.get('height'), NOTE_DEFAULT_SIZE)),
    authorId: asString(map.get('authorId')),
  }
}

/** The raw votes map of a note (for checking exactly what a client wrote), or null. */
export function noteVotesMap(map: Y.Map<unknown>): Y.Map<unknown> | null {
  const votes = map.get('votes')
  return votes instanceof Y.Map ? votes : null
}

/** The length of a note's text in UTF-16 units, without copying it. */
export function noteTextLength(map: Y.Map<unknown>): number {
  const text = map.get('text')
  return text instanceof Y.Text ? text.length : typeof text === 'string' ? text.length : 0
}

export function getNoteMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const map = boardRoots(doc).notes.get(id)
  return map instanceof Y.Map ? map : null
}

export function listNotes(doc: Y.Doc): NoteData[] {
  const notes: NoteData[] = []
  boardRoots(doc).notes.forEach((map, id) => {
    if (map instanceof Y.Map) notes.push(readNote(id, map))
  })
  return notes
}

export function countNotes(doc: Y.Doc): number {
  return boardRoots(doc).notes.size
}

/** The note's shared text, for editors that bind to it directly. */
export function noteText(doc: Y.Doc, id: string): Y.Text | null {
  const text = getNoteMap(doc, id)?.get('text')
  return text instanceof Y.Text ? text : null
}

export function createNote(doc: Y.Doc, note: NewNote, origin?: unknown): string {
  const id = note.id ?? newId()
  const map = new Y.Map<unknown>()
  map.set('text', new Y.Text(note.text ?? ''))
  map.set('x', note.x)
  map.set('y', note.y)
  // Every key is one struct that each client integrates when it loads the board, and loading
  // a big board is bounded by that: a note of the default size outside any zone is stored
  // without width, height and zone (every reader defaults them: readNote, readNotePlacement),
  // which makes such a board about a fifth smaller and faster to load.
  if (note.width !== undefined && note.width !== NOTE_DEFAULT_SIZE) map.set('width', note.width)
  if (note.height !== undefined && note.height !== NOTE_DEFAULT_SIZE) map.set('height', note.height)
  map.set('color', note.color)
  if (typeof note.zone === 'string') map.set('zone', note.zone)
  map.set('authorId', note.authorId)
  map.set('authorName', note.authorName)
  map.set('createdAt', note.createdAt ?? Date.now())
  // Created with the note, never on the first vote: two clients each creating the map for
  // their first dot at once would write two maps under one key, and one map's dots would be lost.
  map.set('votes', new Y.Map<number>())
  if (note.heldBack) map.set('heldBack', note.heldBack)
  doc.transact(() => boardRoots(doc).notes.set(id, map), origin)
  return id
}

export function updateNote(doc: Y.Doc, id: string, patch: NotePatch, origin?: unknown): void {
  const map = getNoteMap(doc, id)
  if (!map) return
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) map.set(key, value)
    }
  }, origin)
}

export function deleteNotes(doc: Y.Doc, ids: Iterable<string>, origin?: unknown): void {
  const { notes } = boardRoots(doc)
  doc.transact(() => {
    for (const id of ids) notes.delete(id)
  }, origin)
}

/** Sets one participant's dots on a note (0 removes them). */
export function setVotes(doc: Y.Doc, noteId: string, participantId: string, count: number, origin?: unknown): void {
  const votes = getNoteMap(doc, noteId)?.get('votes')
  if (!(votes instanceof Y.Map)) return
  doc.transact(() => {
    if (count > 0) votes.set(participantId, count)
    else votes.delete(participantId)
  }, origin)
}

/** Removes every vote on the board (a facilitator starting a new round). */
export function clearVotes(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => {
    boardRoots(doc).notes.forEach((map) => {
      const votes = map instanceof Y.Map ? map.get('votes') : null
      if (votes instanceof Y.Map) for (const key of [...votes.keys()]) votes.delete(key)
    })
  }, origin)
}

export function totalVotes(note: NoteData): number {
  let total = 0
  for (const count of Object.values(note.votes)) total += count
  return total
}

/** One note by id, or null when there is none. */
export function getNote(doc: Y.Doc, id: string): NoteData | null {
  const map = getNoteMap(doc, id)
  return map ? readNote(id, map) : null
}

/** The ids of all notes (unordered). */
export function listNoteIds(doc: Y.Doc): string[] {
  return [...boardRoots(doc).notes.keys()]
}

/** Changes several notes in one transaction (a multi-note move is one undo step). */
export function updateNotes(doc: Y.Doc, patches: ReadonlyMap<string, NotePatch>, origin?: unknown): void {
  doc.transact(() => {
    for (const [id, patch] of patches) updateNote(doc, id, patch)
  }, origin)
}

/**
 * Writes a promoted note's idea badge (server only: clients may not write these keys).
 * Only keys whose value differs are set, so a repeated call makes no update. Returns whether
 * anything changed; false also when the note no longer exists.
 */
export function writeNoteIdea(doc: Y.Doc, noteId: string, badge: NoteIdeaBadge, origin?: unknown): boolean {
  const map = getNoteMap(doc, noteId)
  if (!map) return false
  const changes = (Object.entries(badge) as Array<[keyof NoteIdeaBadge, string]>).filter(
    ([key, value]) => map.get(key) !== value,
  )
  if (changes.length === 0) return false
  doc.transact(() => {
    for (const [key, value] of changes) map.set(key, value)
  }, origin)
  return true
}
