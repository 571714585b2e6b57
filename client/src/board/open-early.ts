import { isBoardId } from '@shared/ids.ts'
import { tokenFromHash } from '@shared/links.ts'
import { syncUrlFor } from '../api/http.ts'
import { identityStore } from '../app/identity.ts'
import { findKnownBoard, tokenInForce } from '../device/known-boards.ts'
import { openEarly } from './data/early-connection.ts'

/**
 * On a board's address (`/b/:boardId#token=…`, or a board this device knows), opens the
 * board's first connection from the app's entry, beside the board's code and the strings
 * rather than after them (data/early-connection.ts). The token is the one BoardPage opens
 * with: the link's, or a token of a greater role this device keeps (tokenInForce).
 * On a board this device has not opened before, nothing is stored locally: the whole board
 * is asked for at once.
 */
export function openBoardEarly(location: Location, participantReady: Promise<unknown>): void {
  const match = /^\/b\/([^/]+)$/.exec(location.pathname)
  if (!match || typeof WebSocket === 'undefined') return
  let boardId: string
  try {
    boardId = decodeURIComponent(match[1] ?? '')
  } catch {
    return // not a board's address: the router says so
  }
  if (!isBoardId(boardId)) return
  const known = findKnownBoard(boardId)
  const opened = tokenFromHash(location.hash) ?? known?.token
  // The token BoardPage will open with: a participant link opened on the facilitator's device
  // opens the board as facilitator, and its socket must be that one's (not a socket and a
  // ticket spent on the link's role, then closed).
  const token = opened ? tokenInForce(boardId, opened)?.token : undefined
  if (!token) return
  openEarly({
    boardId,
    token,
    syncUrl: syncUrlFor(location),
    // After /api/me: a signed-in person's participant id is their account's.
    participant: () => identityStore.get().id,
    participantReady,
    askForAll: !known,
  })
}
