import type { FastifyRequest } from 'fastify'
import { httpErrors } from '../errors.ts'
import type { AccessRefusal, BoardAccessService } from './board-access.ts'
import type { BoardGrant } from './tokens.ts'

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? null
}

/** The HTTP answer to a refused board token. */
export function accessRefusalError(reason: AccessRefusal, boardId: string): Error {
  switch (reason) {
    case 'other-board':
      return httpErrors.forbidden('This token is for another board.')
    case 'revoked':
      return httpErrors.unauthorized('This link has been reset; ask the facilitator for the new one.')
    case 'expired':
      return httpErrors.linkExpired()
    case 'missing':
      return httpErrors.notFound(`No board ${boardId}.`)
    case 'invalid':
      return httpErrors.unauthorized()
  }
}

/** Why a share token alone is refused when GUEST_LINKS=false (the WebSocket's 4401 "sign-in required"). */
export const SIGN_IN_TO_USE_LINKS =
  'Sign in to use this board: on this server, share links open boards only to people who have signed in.'

/**
 * The caller's grant on a board, or the 401/403/404 that explains why there is none. In the
 * order the WebSocket judges: the token's signature, then (GUEST_LINKS=false) a signed-in
 * person (401 sign_in_required), then the board's current links in storage.
 */
export async function requireBoardGrant(
  access: BoardAccessService,
  request: FastifyRequest,
  boardId: string,
): Promise<BoardGrant> {
  const signed = access.checkSignature(bearerToken(request), boardId)
  if (!signed.ok) throw accessRefusalError(signed.reason, boardId)
  if (!access.guestsAdmitted && !request.user) throw httpErrors.signInRequired(SIGN_IN_TO_USE_LINKS)
  const check = await access.checkGrant(signed.grant)
  if (check.ok) return check.grant
  throw accessRefusalError(check.reason, boardId)
}
