import type { FastifyRequest } from 'fastify'

/**
 * Who may read the digest: whoever may read the registry. With share links that is anyone who
 * reaches the server; with sign-in (AUTH=oidc) the accounts plugin asks for sign-in first, for
 * the digest as for the registry (accounts/access.ts), before this runs.
 */
export function assertMayReadDigest(_request: FastifyRequest): void {
  // Open, as the registry is.
}
