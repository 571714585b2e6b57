import {
  authorIdsNamed,
  eraseNameEntries,
  eraseNamesInNoteTexts,
  notesByAuthor,
  notesMentioning,
  replaceNoteAuthors,
  type AuthorMatch,
} from '@shared/board/index.ts'
import type * as Y from 'yjs'
import { readBoardDoc } from '../boards/board-doc.ts'
import { docFromState } from '../sync/board-state.ts'
import type { LifecycleStore } from '../storage/lifecycle-types.ts'
import type { BoardStore } from '../storage/types.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { BoardRoom } from '../sync/room.ts'
import { ERASED_NAME, normalizeNames } from './name-erasure.ts'

/** Whose name to erase: a display name, or an author id (a participant's, later a signed-in user's). */
export interface ErasureRequest {
  name?: string | undefined
  userId?: string | undefined
}

/** The person as each place sees them; the board notes add the names an id wrote under. */
export interface ErasureTarget {
  names: Set<string>
  userId: string | null
}

/**
 * One place that holds people's names. It erases the target there and answers with counts
 * by kind; it may add names it learned (the names an id wrote under) for the places after it.
 * Another place (for example an author-name map in the document) is one more function.
 */
export type NameEraser = (target: ErasureTarget) => Promise<Record<string, number>>

export interface ErasureDeps {
  boards: BoardStore
  lifecycle: LifecycleStore
  rooms: RoomRegistry
  now?: () => number
}

/**
 * The places, in order: board notes first, then participants' private drafts (both may tell
 * the names behind an id), then the registry with its search index.
 */
export function nameErasers(deps: ErasureDeps): NameEraser[] {
  return [
    (target) => eraseFromBoards(deps, target),
    (target) => eraseFromDrafts(deps, target),
    (target) => eraseFromRegistry(deps.lifecycle, target, (deps.now ?? Date.now)()),
  ]
}

/** Runs every eraser and adds up their counts. */
export async function erasePerson(
  erasers: readonly NameEraser[],
  request: ErasureRequest,
): Promise<Record<string, number>> {
  const target: ErasureTarget = {
    names: new Set(normalizeNames(request.name === undefined ? [] : [request.name])),
    userId: request.userId ?? null,
  }
  const counts: Record<string, number> = {}
  for (const erase of erasers) {
    for (const [kind, count] of Object.entries(await erase(target))) counts[kind] = (counts[kind] ?? 0) + count
  }
  return counts
}

/** The names as free text may mention them: the target's, without the replacement itself. */
function mentionedNames(target: ErasureTarget): string[] {
  return [...target.names].filter((name) => name !== ERASED_NAME.toLocaleLowerCase())
}

/**
 * Erases the person from one document of notes (a board or a draft), in one transaction of its
 * room: the author of their notes, the mentions of their names in any note's text and, on a
 * board, their entry in the board's `names`. Learns the names their notes were written under.
 * Returns how many notes changed.
 */
function eraseFromNotes(room: BoardRoom, target: ErasureTarget, { names }: { names: boolean }): number {
  const match: AuthorMatch = { names: [...target.names], authorId: target.userId }
  const current = notesByAuthor(room.doc, match)
  for (const note of current) for (const name of normalizeNames([note.authorName])) target.names.add(name)
  const authored = current.filter((note) => note.authorName !== ERASED_NAME).map((note) => note.id)
  const mentioned = notesMentioning(room.doc, mentionedNames(target))
  const authorIds = new Set(current.map((note) => note.authorId))
  if (target.userId !== null) authorIds.add(target.userId)
  room.transact((doc) => {
    replaceNoteAuthors(doc, authored, ERASED_NAME)
    eraseNamesInNoteTexts(doc, mentioned, mentionedNames(target), ERASED_NAME)
    // The name a note shows is its author's `names` entry: that goes too.
    if (names) eraseNameEntries(doc, authorIds, target.names)
  })
  return new Set([...authored, ...mentioned]).size
}

/** Whether a document of notes holds the person at all (read only). */
function holdsPerson(doc: Y.Doc, target: ErasureTarget): boolean {
  const match: AuthorMatch = { names: [...target.names], authorId: target.userId }
  return (
    notesByAuthor(doc, match).length > 0 ||
    authorIdsNamed(doc, target.names).length > 0 ||
    notesMentioning(doc, mentionedNames(target)).length > 0
  )
}

/**
 * Notes on every board. A board with matching notes is changed through its room (loaded for
 * the write, as the server's other writes are), so connected clients see the change at once and
 * other processes get it through the relay.
 */
async function eraseFromBoards(deps: ErasureDeps, target: ErasureTarget): Promise<Record<string, number>> {
  let notes = 0
  for (const { id: boardId } of await deps.lifecycle.listBoards()) {
    // A person is found by their notes, a mention, or by their entry in the board's `names` map alone.
    const found = await readBoardDoc(deps.boards, deps.rooms, boardId, (doc) => holdsPerson(doc, target))
    if (!found) continue
    notes += await deps.rooms.serverWrite(boardId, async () => {
      const lease = await deps.rooms.lease(boardId)
      if (!lease) return 0 // deleted meanwhile
      try {
        return eraseFromNotes(lease.room, target, { names: true })
      } finally {
        lease.release()
      }
    })
  }
  return { notes }
}

/**
 * Participants' private drafts (silent mode): stored ones and those loaded in this process. A
 * draft with matching notes is changed through its room, as a board is; a draft open in
 * another process gets the change through the relay.
 */
async function eraseFromDrafts(deps: ErasureDeps, target: ErasureTarget): Promise<Record<string, number>> {
  let draftNotes = 0
  for (const { id: boardId } of await deps.lifecycle.listBoards()) {
    const draftIds = new Set([...(await deps.boards.listDrafts(boardId)), ...deps.rooms.loadedDraftIds(boardId)])
    for (const draftId of draftIds) {
      if (!deps.rooms.loadedDraftIds(boardId).includes(draftId)) {
        // Read from storage first: most drafts hold nobody's name, and need not be loaded.
        const state = await deps.boards.loadDraftState(boardId, draftId)
        if (!state) break // the board was deleted meanwhile
        const doc = docFromState(state)
        const found = holdsPerson(doc, target)
        doc.destroy()
        if (!found) continue
      }
      draftNotes += await deps.rooms.serverWrite(boardId, async () => {
        const lease = await deps.rooms.lease(boardId, draftId)
        if (!lease) return 0 // deleted meanwhile
        try {
          return eraseFromNotes(lease.room, target, { names: false })
        } finally {
          lease.release()
        }
      })
    }
  }
  return { draftNotes }
}

async function eraseFromRegistry(
  lifecycle: LifecycleStore,
  target: ErasureTarget,
  at: number,
): Promise<Record<string, number>> {
  const names = [...target.names].filter((name) => name !== ERASED_NAME.toLocaleLowerCase())
  const counts = await lifecycle.eraseNamesFromIdeas(names, at)
  return { ...counts }
}
