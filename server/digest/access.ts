import type { FastifyRequest } from 'fastify'

/**
 * Who may read the digest: whoever may read the registry, which today is anyone who reaches
 * the server (GET /api/ideas and /api/ideas/:id are open; the digest says nothing they do not).
 * Kept in one place so sign-in (request.user, roles) can narrow it without touching the routes.
 */
export function assertMayReadDigest(_request: FastifyRequest): void {
  // Open, as the registry is.
}
