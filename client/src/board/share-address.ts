import { parseBoardLink } from '@shared/links.ts'
import { fetchBoardLinks } from '../api/http.ts'
import { addressBarToken, findKnownBoard, rememberParticipantToken } from '../device/known-boards.ts'
import type { BoardSession } from './data/board-session.ts'

/**
 * The address bar shares the board. People copy the address to invite colleagues, as they do
 * in Miro, so a board page's address is a link others can open: the participant link for a
 * facilitator or participant, the viewer link for a viewer. A facilitator's own token stays
 * on the device (known-boards) and never enters the address bar, where it could be copied.
 */

/** The page's address with `token` in the fragment (no fragment for null), query kept. */
export function addressWithToken(location: Pick<Location, 'pathname' | 'search'>, token: string | null): string {
  return `${location.pathname}${location.search}${token === null ? '' : `#token=${encodeURIComponent(token)}`}`
}

/** Replaces the address bar's fragment (no new history entry); no-op when it already reads so. */
export function showInAddressBar(token: string | null): void {
  const { pathname, search, hash } = window.location
  const next = addressWithToken({ pathname, search }, token)
  if (next !== `${pathname}${search}${hash}`) window.history.replaceState(window.history.state, '', next)
}

/** Puts this device's link of the board in the address bar, when it knows one. */
export function showBoardInAddressBar(boardId: string): void {
  const board = findKnownBoard(boardId)
  if (board) showInAddressBar(addressBarToken(board))
}

/**
 * For a facilitator whose device does not know the participant token yet (they opened a
 * facilitator link rather than creating the board here): asks the server for the board's
 * links, at once and, should that fail, again each time the board connects; keeps the
 * participant token on the device and shows it. Returns the function that stops it.
 */
export function learnParticipantLink(session: BoardSession): () => void {
  if (session.role !== 'facilitator' || findKnownBoard(session.boardId)?.participantToken) return () => undefined
  let stopped = false
  let asking = false
  const ask = () => {
    if (stopped || asking) return
    asking = true
    fetchBoardLinks(session.boardId, session.token).then(
      (body) => {
        const link = body.links.participant ? parseBoardLink(body.links.participant) : null
        if (stopped || !link || link.boardId !== session.boardId) return
        rememberParticipantToken(session.boardId, link.token)
        showBoardInAddressBar(session.boardId)
        stop()
      },
      () => {
        asking = false // offline or refused: asked again when the board connects
      },
    )
  }
  const off = session.connection.subscribe(() => {
    if (session.connection.get().kind === 'connected') ask()
  })
  const stop = () => {
    stopped = true
    off()
  }
  ask()
  return stop
}
