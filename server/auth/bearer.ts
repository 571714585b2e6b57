import type { FastifyRequest } from 'fastify'
import { httpErrors } from '../errors.ts'
import type { BoardGrant, TokenService } from './tokens.ts'

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? null
}

/** The caller's grant on a board, or the 401/403 that explains why there is none. */
export function requireBoardGrant(tokens: TokenService, request: FastifyRequest, boardId: string): BoardGrant {
  const check = tokens.check(bearerToken(request), boardId)
  if (check.ok) return check.grant
  if (check.reason === 'other-board') throw httpErrors.forbidden('This token is for another board.')
  throw httpErrors.unauthorized()
}
