import type { FastifyRequest } from 'fastify'
import type { HistoryActor } from '@shared/api/ideas.ts'
import { bearerToken } from '../auth/bearer.ts'
import type { TokenService } from '../auth/tokens.ts'
import { secretEquals } from '../auth/tokens.ts'
import { httpErrors } from '../errors.ts'

/**
 * The innovation hub is whoever holds HUB_TOKEN (`Authorization: Bearer …`), and with
 * AUTH=oidc a signed-in member of OIDC_HUB_GROUP. A board's share token is recognised and
 * refused with 403, so a facilitator learns that promoting is theirs but the workflow is the
 * hub's; so is a signed-in person outside the hub group.
 */
export function requireHub(request: FastifyRequest, hubToken: string, tokens: TokenService): HistoryActor {
  const token = bearerToken(request)
  if (secretEquals(token, hubToken)) return { role: 'hub' }
  if (request.user?.roles.includes('hub')) return { role: 'hub' }
  if (request.user && token === null)
    throw httpErrors.forbidden('Changing ideas is for the innovation hub; your account is not in its group.')
  if (tokens.verify(token))
    throw httpErrors.forbidden('Changing ideas needs the innovation hub token, not a board token.')
  throw httpErrors.unauthorized('The innovation hub token is required (Authorization: Bearer …).')
}
