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

/** The caller's grant on a board, or the 401/403/404 that explains why there is none. */
export async function requireBoardGrant(
  access: BoardAccessService,
  request: FastifyRequest,
  boardId: string,
): Promise<BoardGrant> {
  const check = await access.check(bearerToken(request), boardId)
  if (check.ok) return check.grant
  throw accessRefusalError(check.reason, boardId)
}
