import type { FastifyRequest } from 'fastify'
import type { HistoryActor } from '@shared/api/ideas.ts'
import { bearerToken } from '../auth/bearer.ts'
import type { TokenService } from '../auth/tokens.ts'
import { secretEquals } from '../auth/tokens.ts'
import { httpErrors } from '../errors.ts'

/**
 * The innovation hub is whoever holds HUB_TOKEN (`Authorization: Bearer …`). A board's
 * share token is recognised and refused with 403, so a facilitator learns that promoting is
 * theirs but the workflow is the hub's.
 */
export function requireHub(request: FastifyRequest, hubToken: string, tokens: TokenService): HistoryActor {
  const token = bearerToken(request)
  if (secretEquals(token, hubToken)) return { role: 'hub' }
  if (tokens.verify(token))
    throw httpErrors.forbidden('Changing ideas needs the innovation hub token, not a board token.')
  throw httpErrors.unauthorized('The innovation hub token is required (Authorization: Bearer …).')
}
