import { createHash, randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { AccountStore, SessionUser } from '../storage/types.ts'
import { readCookie } from './cookies.ts'

export const SESSION_COOKIE = 'kokeileva_session'
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** The database key of a session: a hash, so that a copy of the database holds no usable cookie. */
function hashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url')
}

/**
 * Server-side sessions: the cookie holds 256 random bits, the database (shared by every process)
 * holds who they stand for until when. Signing out deletes the row, everywhere at once.
 */
export class SessionService {
  readonly #store: AccountStore
  readonly #ttlMs: number

  constructor(store: AccountStore, ttlMs: number) {
    this.#store = store
    this.#ttlMs = ttlMs
  }

  get ttlMs(): number {
    return this.#ttlMs
  }

  /** Starts a session; returns the cookie value. */
  async create(user: SessionUser, now: number): Promise<string> {
    const sessionId = randomBytes(32).toString('base64url')
    await this.#store.createSession(hashOf(sessionId), { user, expiresAt: now + this.#ttlMs }, now)
    return sessionId
  }

  /** The signed-in person of a request, or null (no cookie, unknown or expired session). */
  async userOf(request: Pick<FastifyRequest, 'headers'>, now: number): Promise<SessionUser | null> {
    const sessionId = readCookie(request, SESSION_COOKIE)
    if (!sessionId || !SESSION_ID_PATTERN.test(sessionId)) return null
    return (await this.#store.getSession(hashOf(sessionId), now))?.user ?? null
  }

  /** The database key of the request's session (a hash of its cookie), or null without one. */
  keyOf(request: Pick<FastifyRequest, 'headers'>): string | null {
    const sessionId = readCookie(request, SESSION_COOKIE)
    return sessionId && SESSION_ID_PATTERN.test(sessionId) ? hashOf(sessionId) : null
  }

  /** Ends the request's session, if it has one. */
  async end(request: Pick<FastifyRequest, 'headers'>): Promise<void> {
    const sessionId = readCookie(request, SESSION_COOKIE)
    if (sessionId && SESSION_ID_PATTERN.test(sessionId)) await this.#store.deleteSession(hashOf(sessionId))
  }

  async sweep(now: number): Promise<number> {
    return this.#store.deleteExpiredSessions(now)
  }
}
