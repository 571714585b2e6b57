import type * as Y from 'yjs'
import type { IdeaSource, PromoteBody, SourceZone } from '../../shared/api/ideas.ts'
import { listNotes, listZones, readMeta, totalVotes, type NoteData } from '../../shared/board/index.ts'
import { orderZones } from '../../shared/export/board-data.ts'
import { newId } from '../../shared/ids.ts'
import { defaultIdeaDescription, defaultIdeaTitle } from '../../shared/ideas/text.ts'
import { httpErrors } from '../errors.ts'
import type { IdeaStore, PromoteOutcome, StoredIdeaWithHistory } from '../storage/types.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/**
 * Promotion: a facilitator's chosen notes become one idea in the registry.
 *
 * "The same notes" are the same set of note ids on the same board, in any order. Promoting
 * them again answers the idea they became (200), whatever title or description comes with
 * the request. A note belongs to at most one idea: a set that shares some notes with an idea
 * but is not exactly its notes is refused with 409 naming those notes and their idea, since
 * a note's badge can show only one idea and an idea's provenance must not change under it.
 */

export interface PromoteResult {
  created: boolean
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
  const room = await deps.rooms.acquire(boardId)
  if (!room) throw httpErrors.notFound(`No board ${boardId}.`)
  const at = Date.now()
  const read = readPromotion(room.doc, boardId, body, at)
  const outcome: PromoteOutcome = await deps.ideas.promote({
    id: newId(),
    ...read,
    createdAt: at,
    by: { role: 'facilitator', boardId, boardTitle: read.source.boardTitle },
    comment: null,
  })
  switch (outcome.kind) {
    case 'created':
      return { created: true, idea: outcome.idea }
    case 'existing':
      return { created: false, idea: outcome.idea }
    case 'overlap': {
      const named = outcome.notes.map((note) => `${note.noteId} (${note.ref})`)
      throw httpErrors.conflict(
        `body/noteIds: some notes already belong to another idea: ${listIds(named)}. Promote exactly that idea's notes to get it, or leave these notes out.`,
      )
    }
  }
}
