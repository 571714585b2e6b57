import { readTokenClaims } from '@shared/links.ts'
import type { Role } from '@shared/roles.ts'
import { readJson, writeJson } from '../lib/local-storage.ts'
import { Store } from '../lib/store.ts'

/** A board this device has opened: its token (from the share link) and what we last saw. */
export interface KnownBoard {
  id: string
  token: string
  role: Role
  title: string
  lastOpened: number
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
    typeof v['role'] === 'string'
  )
}

function isKnownBoardList(value: unknown): value is KnownBoard[] {
  return Array.isArray(value) && value.every(isKnownBoard)
}

/**
 * Tokens are kept per board on this device (never in the address bar after the first load),
 * newest first. The list is the start page's "boards on this device".
 */
export const knownBoards = new Store<readonly KnownBoard[]>(readJson(KEY, isKnownBoardList, []))
knownBoards.subscribe(() => writeJson(KEY, knownBoards.get()))

export function findKnownBoard(boardId: string): KnownBoard | undefined {
  return knownBoards.get().find((board) => board.id === boardId)
}

/** Remembers a board's token; the link opened last wins, as the user chose it. */
export function rememberBoard(boardId: string, token: string, title?: string, now = Date.now()): KnownBoard | null {
  const claims = readTokenClaims(token)
  if (!claims || claims.boardId !== boardId) return null
  const previous = findKnownBoard(boardId)
  const entry: KnownBoard = {
    id: boardId,
    token,
    role: claims.role,
    title: title ?? previous?.title ?? '',
    lastOpened: now,
  }
  knownBoards.set([entry, ...knownBoards.get().filter((board) => board.id !== boardId)].slice(0, MAX_BOARDS))
  return entry
}

export function renameKnownBoard(boardId: string, title: string): void {
  const list = knownBoards.get()
  if (!list.some((board) => board.id === boardId && board.title !== title)) return
  knownBoards.set(list.map((board) => (board.id === boardId ? { ...board, title } : board)))
}

export function forgetBoard(boardId: string): void {
  knownBoards.set(knownBoards.get().filter((board) => board.id !== boardId))
}
