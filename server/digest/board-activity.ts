import type * as Y from 'yjs'
import { listNotes } from '@shared/board/notes.ts'
import type { BoardActivity } from '@shared/digest/build.ts'
import { readBoardDoc } from '../boards/board-doc.ts'
import type { BoardRecord, BoardStore } from '../storage/types.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/**
 * What a board's document says about a period: the notes written in it (each note keeps its
 * createdAt) and the people who wrote or voted on them (participant ids, counted once). No
 * per-connection record is kept: the document already holds who contributed and when.
 */
export function activityInDoc(doc: Y.Doc, board: BoardRecord, from: number, to: number): BoardActivity {
  let notes = 0
  let firstAt: number | null = null
  let lastAt: number | null = null
  const people = new Set<string>()
  for (const note of listNotes(doc)) {
    if (note.createdAt < from || note.createdAt >= to) continue
    notes++
    firstAt = firstAt === null ? note.createdAt : Math.min(firstAt, note.createdAt)
    lastAt = lastAt === null ? note.createdAt : Math.max(lastAt, note.createdAt)
    if (note.authorId) people.add(note.authorId)
    for (const voter of Object.keys(note.votes)) people.add(voter)
  }
  return {
    boardId: board.id,
    title: board.title,
    method: board.template,
    notes,
    participants: people.size,
    firstAt,
    lastAt,
  }
}

/** The activity of each board, read one after another (the live room, or one built from storage). */
export async function boardActivities(
  boards: BoardStore,
  rooms: RoomRegistry,
  records: readonly BoardRecord[],
  from: number,
  to: number,
): Promise<BoardActivity[]> {
  const activities: BoardActivity[] = []
  for (const record of records) {
    const activity = await readBoardDoc(boards, rooms, record.id, (doc) => activityInDoc(doc, record, from, to))
    if (activity) activities.push(activity)
  }
  return activities
}
