import type { FastifyInstance, FastifyRequest } from 'fastify'
import { bearerToken } from '../auth/bearer.ts'
import { secretEquals } from '../auth/tokens.ts'
import { httpErrors } from '../errors.ts'

/** Who an admin action is recorded as in the audit log. */
export interface AdminActor {
  kind: 'admin'
}

/** Whether the request carries an administrator's credentials (no exception: for "facilitator or admin"). */
export function isAdmin(app: FastifyInstance, request: FastifyRequest): boolean {
  // With sign-in (AUTH=oidc) a member of OIDC_ADMIN_GROUP; in either mode whoever holds
  // HUB_TOKEN (with share links only, that is the administrator; with sign-in, integrations).
  if (request.user?.roles.includes('admin')) return true
  return secretEquals(bearerToken(request), app.config.HUB_TOKEN)
}

/**
 * The one place that decides who is an administrator: every admin route calls it first.
 * Throws 401 without credentials, 403 with credentials that are not an admin's.
 */
export function requireAdmin(app: FastifyInstance, request: FastifyRequest): AdminActor {
  if (isAdmin(app, request)) return { kind: 'admin' }
  if (bearerToken(request) !== null) throw httpErrors.forbidden('This needs the administrator (the hub token).')
  throw httpErrors.unauthorized('The administrator token is required (Authorization: Bearer <HUB_TOKEN>).')
}
