import type { RotatedLinks } from '@shared/api/lifecycle.ts'
import { rotateLinks } from '../api/lifecycle.ts'
import { rememberBoard, rememberParticipantToken } from '../device/known-boards.ts'
import type { BoardSession } from './data/board-session.ts'
import { showBoardInAddressBar } from './share-address.ts'

/**
 * Resets the board's links from the open board (the facilitator's), and with `facilitator`
 * their own link too. Everything this browser keeps of the old links is brought up to date:
 * the open board and its connections take the new facilitator token (session.replaceToken),
 * this device's list of boards keeps the new tokens, and the address bar shows the new
 * participant link. Everyone else's old links stop working (their connections close with 4401).
 */
export async function resetLinks(
  session: BoardSession,
  { facilitator }: { facilitator: boolean },
): Promise<RotatedLinks> {
  const rotated = await session.replaceToken(async (token) => {
    const result = await rotateLinks(session.boardId, token, { facilitator })
    return { token: result.tokens.facilitator ?? null, result }
  })
  if (rotated.tokens.facilitator) rememberBoard(session.boardId, rotated.tokens.facilitator)
  rememberParticipantToken(session.boardId, rotated.tokens.participant)
  showBoardInAddressBar(session.boardId)
  return rotated
}
