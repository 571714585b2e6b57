import { readTokenClaims } from '@shared/links.ts'
import { rolesAtOrBelow, type Role } from '@shared/roles.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'
import { Store } from '../lib/store.ts'

/** A board this device has opened: its token (from the share link) and what we last saw. */
export interface KnownBoard {
  id: string
  token: string
  role: Role
  title: string
  lastOpened: number
  /**
   * A facilitator's copy of the board's participant token: the address bar shows the
   * participant link, so that a copied address invites a participant (never the facilitator).
   */
  participantToken?: string
}

const KEY = 'kokeileva.boards'
const MAX_BOARDS = 50

function isKnownBoard(value: unknown): value is KnownBoard {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v['id'] === 'string' &&
    typeof v['token'] === 'string' &&
    typeof v['title'] === 'string' &&
    typeof v['lastOpened'] === 'number' &&
    typeof v['role'] === 'string' &&
    (v['participantToken'] === undefined || typeof v['participantToken'] === 'string')
  )
}

function isKnownBoardList(value: unknown): value is KnownBoard[] {
  return Array.isArray(value) && value.every(isKnownBoard)
}

/**
 * Tokens are kept per board on this device, newest first; a facilitator's never goes into the
 * address bar (addressBarToken). The list is the start page's "boards on this device".
 */
export const knownBoards = new Store<readonly KnownBoard[]>(readJson(KEY, isKnownBoardList, []))
/** Set while this tab's copy takes what another tab stored: nothing to write back then. */
let readingStorage = false
knownBoards.subscribe(() => {
  if (!readingStorage) writeJson(KEY, knownBoards.get())
})

export function findKnownBoard(boardId: string): KnownBoard | undefined {
  return knownBoards.get().find((board) => board.id === boardId)
}

/**
 * The token a board opened with `token` uses (rememberBoard keeps it): that one, or one of a
 * greater role this device holds for the board. Null for a token of another board, or none.
 * The board's early connection (board/open-early.ts) asks for its ticket with it too.
 */
export function tokenInForce(boardId: string, token: string): { token: string; role: Role } | null {
  const claims = readTokenClaims(token)
  if (!claims || claims.boardId !== boardId) return null
  const previous = findKnownBoard(boardId)
  const outranked =
    previous !== undefined && previous.role !== claims.role && rolesAtOrBelow(previous.role).includes(claims.role)
  return outranked ? { token: previous.token, role: previous.role } : { token, role: claims.role }
}

/**
 * Remembers a board's token, and returns the entry now in force. The link opened last wins,
 * as the user chose it, unless this device holds a token of a greater role for the board: a
 * facilitator who reloads the participant link in the address bar (or opens one from the
 * chat) stays facilitator. A participant token opened by a facilitator is kept beside theirs,
 * for the address bar.
 */
export function rememberBoard(boardId: string, token: string, title?: string, now = Date.now()): KnownBoard | null {
  const claims = readTokenClaims(token)
  const held = tokenInForce(boardId, token)
  if (!claims || !held) return null
  const previous = findKnownBoard(boardId)
  const participantToken =
    claims.role === 'participant'
      ? token
      : previous?.role === 'participant'
        ? previous.token
        : previous?.participantToken
  const entry: KnownBoard = {
    id: boardId,
    ...held,
    title: title ?? previous?.title ?? '',
    lastOpened: now,
    ...(held.role === 'facilitator' && participantToken !== undefined ? { participantToken } : {}),
  }
  knownBoards.set([entry, ...knownBoards.get().filter((board) => board.id !== boardId)].slice(0, MAX_BOARDS))
  return entry
}

/** Keeps the board's participant token beside a facilitator's (from the board's share links). */
export function rememberParticipantToken(boardId: string, participantToken: string): void {
  const claims = readTokenClaims(participantToken)
  if (!claims || claims.boardId !== boardId || claims.role !== 'participant') return
  const list = knownBoards.get()
  const stale = (board: KnownBoard) =>
    board.id === boardId && board.role === 'facilitator' && board.participantToken !== participantToken
  if (list.some(stale)) knownBoards.set(list.map((board) => (stale(board) ? { ...board, participantToken } : board)))
}

/**
 * The token the address bar shows for this board: the participant link for a facilitator
 * (null until it is known), one's own link for a participant or viewer.
 */
export function addressBarToken(board: KnownBoard): string | null {
  return board.role === 'facilitator' ? (board.participantToken ?? null) : board.token
}

/**
 * Calls `changed` with the board's token whenever another tab of this device stores a new one
 * (a facilitator who reset their own link there). Returns the function that stops listening.
 */
export function watchStoredToken(boardId: string, changed: (token: string) => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return
    // Read now, not the event's value: another write may have come since.
    const list = readJson(KEY, isKnownBoardList, [])
    // This tab's copy follows (so that its next write does not put the old token back), without
    // writing it back: a write of what was read could undo one made meanwhile.
    readingStorage = true
    try {
      knownBoards.set(list)
    } finally {
      readingStorage = false
    }
    const stored = list.find((board) => board.id === boardId)
    if (stored) changed(stored.token)
  }
  window.addEventListener('storage', onStorage)
  return () => window.removeEventListener('storage', onStorage)
}

export function renameKnownBoard(boardId: string, title: string): void {
  const list = knownBoards.get()
  if (!list.some((board) => board.id === boardId && board.title !== title)) return
  knownBoards.set(list.map((board) => (board.id === boardId ? { ...board, title } : board)))
}

export function forgetBoard(boardId: string): void {
  knownBoards.set(knownBoards.get().filter((board) => board.id !== boardId))
}
