import type * as Y from 'yjs'
import type { IdeaSource, PromoteBody, SourceZone } from '@shared/api/ideas.ts'
import { listNotes, listZones, readMeta, totalVotes, type NoteData } from '@shared/board/index.ts'
import { orderZones } from '@shared/export/board-data.ts'
import { newId } from '@shared/ids.ts'
import { defaultIdeaDescription, defaultIdeaTitle } from '@shared/ideas/text.ts'
import { httpErrors } from '../errors.ts'
import type { IdeaStore, LinkNotes, PromotedNote, PromoteOutcome, StoredIdeaWithHistory } from '../storage/types.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/**
 * Promotion: a facilitator's chosen notes become one idea in the registry.
 *
 * "The same notes" are the same set of note ids on the same board, in any order. Promoting
 * them again answers the idea they became (200), whatever title or description comes with
 * the request. A note belongs to at most one idea: a set that shares some notes with an idea
 * but is not exactly its notes is refused with 409 naming those notes and their idea, since
 * a note's badge can show only one idea and an idea's provenance must not change under it.
 *
 * With `linkTo` the notes join an existing idea instead (the promote dialog offers this for
 * the similar ideas it shows): their provenance is added to the idea's `links`, their
 * session votes to its votes, and a `linked` entry to its history. The same rules of "same
 * notes" and overlap apply; linking the same notes to the same idea again changes nothing.
 */

export interface PromoteResult {
  /** created: a new idea (201); linked: notes joined an idea; existing: nothing changed. */
  outcome: 'created' | 'linked' | 'existing'
  idea: StoredIdeaWithHistory
}

const MAX_LISTED_IDS = 10

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED_IDS).join(', ')
  return ids.length > MAX_LISTED_IDS ? `${shown} and ${ids.length - MAX_LISTED_IDS} more` : shown
}

/** The frozen provenance and default texts, read from the live board document. */
export function readPromotion(doc: Y.Doc, boardId: string, body: PromoteBody, at: number) {
  const notesById = new Map(listNotes(doc).map((note) => [note.id, note]))
  const missing = body.noteIds.filter((id) => !notesById.has(id))
  if (missing.length > 0) {
    throw httpErrors.badRequest(`body/noteIds: no such notes on this board: ${listIds(missing)}`)
  }
  const notes = body.noteIds.map((id) => notesById.get(id)).filter((note): note is NoteData => note !== undefined)
  const meta = readMeta(doc)
  const zoneIds = new Set(notes.map((note) => note.zone).filter((zone) => zone !== null))
  const zones: SourceZone[] = orderZones(listZones(doc), meta.template)
    .filter((zone) => zoneIds.has(zone.id))
    .map((zone) => ({ id: zone.id, title: zone.title, kind: zone.kind }))
  const knownZones = new Set(zones.map((zone) => zone.id))

  const texts = notes.map((note) => note.text)
  const title = body.title?.replace(/\s+/g, ' ').trim() || defaultIdeaTitle(texts)
  if (!title) throw httpErrors.badRequest('body/title is required: the notes have no text to take a title from')
  const description = body.description !== undefined ? body.description.trim() : defaultIdeaDescription(texts)

  const source: IdeaSource = {
    boardId,
    boardTitle: meta.title,
    method: meta.template,
    noteIds: [...body.noteIds],
    zones,
    notes: notes.map((note) => ({
      id: note.id,
      text: note.text,
      zone: note.zone !== null && knownZones.has(note.zone) ? note.zone : null,
      votes: totalVotes(note),
      authorName: note.authorName,
      createdAt: note.createdAt,
    })),
    promotedAt: at,
  }
  const votes = source.notes.reduce((sum, note) => sum + note.votes, 0)
  return { title, description, votes, source }
}

/** Promotes notes of a board; 404 for a missing board, 400 for unknown notes, 409 for overlap. */
export async function promoteNotes(
  deps: { rooms: RoomRegistry; ideas: IdeaStore },
  boardId: string,
  body: PromoteBody,
): Promise<PromoteResult> {
  if (body.linkTo !== undefined && (body.title !== undefined || body.description !== undefined)) {
    throw httpErrors.badRequest('body/linkTo links the notes to an existing idea; give no title or description with it')
  }
  const room = await deps.rooms.acquire(boardId)
  if (!room) throw httpErrors.notFound(`No board ${boardId}.`)
  const at = Date.now()
  const read = room.read((doc) => readPromotion(doc, boardId, body, at))
  const by = { role: 'facilitator' as const, boardId, boardTitle: read.source.boardTitle }
  if (body.linkTo !== undefined)
    return linkNotes(deps.ideas, body.linkTo, { source: read.source, votes: read.votes, at, by })
  const outcome: PromoteOutcome = await deps.ideas.promote({
    id: newId(),
    ...read,
    createdAt: at,
    by,
    comment: null,
  })
  switch (outcome.kind) {
    case 'created':
      return { outcome: 'created', idea: outcome.idea }
    case 'existing':
      return { outcome: 'existing', idea: outcome.idea }
    case 'overlap':
      throw overlapError(outcome.notes)
  }
}

function overlapError(notes: readonly PromotedNote[]) {
  const named = notes.map((note) => `${note.noteId} (${note.ref})`)
  return httpErrors.conflict(
    `body/noteIds: some notes already belong to another idea: ${listIds(named)}. Promote exactly that idea's notes to get it, or leave these notes out.`,
  )
}

async function linkNotes(ideas: IdeaStore, target: string, link: Omit<LinkNotes, 'idea'>): Promise<PromoteResult> {
  const outcome = await ideas.link({ idea: target, ...link })
  switch (outcome.kind) {
    case 'linked':
      return { outcome: 'linked', idea: outcome.idea }
    case 'existing':
      return { outcome: 'existing', idea: outcome.idea }
    case 'overlap':
      throw overlapError(outcome.notes)
    case 'missing':
      throw httpErrors.badRequest(`body/linkTo: there is no idea ${target}`)
    case 'merged':
      throw httpErrors.conflict(`${outcome.idea.ref} is merged into another idea; link the notes to that one instead.`)
  }
}
