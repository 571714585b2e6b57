import type * as Y from 'yjs'
import { getNoteMap, listNotes, readNotePlacement, readVotes, type NotePlacement } from '@shared/board/notes.ts'

/** A note as last accepted: where it was, whose it is, and its votes. */
export interface IndexedNote {
  placement: NotePlacement
  votes: Readonly<Record<string, number>>
  ideaId: string | null
}

/**
 * The state of every note as of the last accepted transaction. The write policy judges a
 * change by comparing it with this "before" (Yjs gives no cheap view of a note's old
 * values, and a deleted note's fields are gone once it is deleted). It also keeps each
 * participant's total of dots, so a vote is checked without scanning the board.
 */
export class NoteIndex {
  readonly #notes = new Map<string, IndexedNote>()
  readonly #votesUsed = new Map<string, number>()

  constructor(doc: Y.Doc) {
    for (const note of listNotes(doc)) {
      const { zone, x, y, width, height, authorId } = note
      this.#set(note.id, { placement: { zone, x, y, width, height, authorId }, votes: note.votes, ideaId: note.ideaId })
    }
  }

  get(noteId: string): IndexedNote | undefined {
    return this.#notes.get(noteId)
  }

  /** Dots the participant has given across the board, as last accepted. */
  votesUsedBy(participantId: string): number {
    return this.#votesUsed.get(participantId) ?? 0
  }

  /** Re-reads the given notes from the document after a transaction was accepted. */
  refresh(doc: Y.Doc, noteIds: Iterable<string>): void {
    for (const id of noteIds) {
      const map = getNoteMap(doc, id)
      if (!map) {
        this.#delete(id)
        continue
      }
      const ideaId = map.get('ideaId')
      this.#set(id, {
        placement: readNotePlacement(map),
        votes: readVotes(map.get('votes')),
        ideaId: typeof ideaId === 'string' ? ideaId : null,
      })
    }
  }

  /** A note moved (only x and y changed): its placement as it is now; votes and idea stay. */
  moved(noteId: string, placement: NotePlacement): void {
    const note = this.#notes.get(noteId)
    if (note) note.placement = placement
  }

  get size(): number {
    return this.#notes.size
  }

  #set(id: string, note: IndexedNote): void {
    this.#delete(id)
    this.#notes.set(id, note)
    this.#count(note.votes, 1)
  }

  #delete(id: string): void {
    const previous = this.#notes.get(id)
    if (!previous) return
    this.#notes.delete(id)
    this.#count(previous.votes, -1)
  }

  #count(votes: Readonly<Record<string, number>>, sign: 1 | -1): void {
    for (const [participantId, count] of Object.entries(votes)) {
      const total = (this.#votesUsed.get(participantId) ?? 0) + sign * count
      if (total > 0) this.#votesUsed.set(participantId, total)
      else this.#votesUsed.delete(participantId)
    }
  }
}
