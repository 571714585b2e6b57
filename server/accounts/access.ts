import type { FastifyRequest } from 'fastify'
import type { AuthMode } from '@shared/api/me.ts'
import { bearerToken } from '../auth/bearer.ts'
import { secretEquals } from '../auth/tokens.ts'

/**
 * With AUTH=oidc, what needs a signed-in person, in one place: creating boards, and the
 * registry with its idea pages and the digest (an integration holding HUB_TOKEN still reads it). The hub's
 * actions are judged by requireHub (ideas/hub-auth.ts); share links (GUEST_LINKS) by the board
 * access service, on the WebSocket and on every route that takes a share token
 * (auth/bearer.ts). Returns what the person is asked to sign in for, or null.
 */
export function signInNeededFor(request: FastifyRequest, auth: AuthMode, hubToken: string): string | null {
  if (auth !== 'oidc' || request.user) return null
  const route = request.routeOptions.url ?? ''
  if (request.method === 'POST' && route === '/api/boards') return 'create a board'
  if (route === '/api/boards' && request.method === 'GET') return 'see your boards'
  // The digest says what the registry says: it is read on the same terms.
  if ((route.startsWith('/api/ideas') || route.startsWith('/api/digest')) && request.method === 'GET') {
    return secretEquals(bearerToken(request), hubToken) ? null : 'read the idea registry'
  }
  return null
}

/** Whether share links admit people who have not signed in. */
export function guestsAdmitted(auth: AuthMode, guestLinks: boolean): boolean {
  return auth === 'links' || guestLinks
}
