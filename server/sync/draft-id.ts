import { createHash } from 'node:crypto'

/**
 * A draft's id: a hash of its board id and the browser's secret draft key. The key itself is
 * never stored, so reading the database does not give anyone a way to connect to a draft,
 * and the same key on another board names another draft.
 */
export function draftIdOf(boardId: string, draftKey: string): string {
  return createHash('sha256').update(`${boardId}\n${draftKey}`).digest('base64url')
}

/**
 * The key of a room (and its relay channel): a board's own id, or the board id and draft id
 * joined by ":draft:", which no board id can contain (board ids are URL-safe characters).
 */
export function roomKeyOf(boardId: string, draftId: string | null): string {
  return draftId === null ? boardId : `${boardId}:draft:${draftId}`
}

/** The room key prefix shared by every draft of a board. */
export function draftKeyPrefix(boardId: string): string {
  return `${boardId}:draft:`
}
