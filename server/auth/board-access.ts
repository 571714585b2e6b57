import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '@shared/roles.ts'
import type { BoardAccess, LifecycleStore } from '../storage/lifecycle-types.ts'
import type { BoardGrant, TokenService } from './tokens.ts'

/** How long a WebSocket ticket may wait for its connection. */
export const TICKET_TTL_MS = 60_000

export type AccessRefusal =
  /** malformed or badly signed (401 / 4401) */
  | 'invalid'
  /** valid, for another board (403 / 4403) */
  | 'other-board'
  /** of a generation the board's links were reset from (401 / 4401) */
  | 'revoked'
  /** the board's participant and viewer links have expired (401 link_expired / 4410) */
  | 'expired'
  /** no such board (404 / 4404) */
  | 'missing'

export type AccessCheck = { ok: true; grant: BoardGrant } | { ok: false; reason: AccessRefusal }

/** The generation a role's tokens are of: the facilitator's link is reset separately. */
export function generationFor(access: BoardAccess, role: Role): number {
  return role === 'facilitator' ? access.facilitatorGeneration : access.linksGeneration
}

/** Participant and viewer links may expire; the facilitator's never does, so that someone can always reset them. */
export function isExpired(access: BoardAccess, role: Role, now: number): boolean {
  return role !== 'facilitator' && access.linksExpireAt !== null && access.linksExpireAt <= now
}

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('base64url')
}

/**
 * Whether a share token (or a ticket) still opens a board. The signature is checked first,
 * without storage; then the board's current link generations and expiry, which a reset or an
 * expiry changes for every process at once because they are read from the shared database.
 */
export class BoardAccessService {
  readonly #tokens: TokenService
  readonly #store: LifecycleStore
  readonly #now: () => number
  /**
   * Whether a share token alone opens a board (AUTH=links, or AUTH=oidc with GUEST_LINKS on).
   * When false, the WebSocket (4401) and every HTTP route that takes a share token (401
   * sign_in_required) also need a signed-in person: the callers ask, as only they know who is asking.
   */
  readonly guestsAdmitted: boolean

  constructor(
    tokens: TokenService,
    store: LifecycleStore,
    options: { now?: () => number; guestsAdmitted?: boolean } = {},
  ) {
    this.#tokens = tokens
    this.#store = store
    this.#now = options.now ?? Date.now
    this.guestsAdmitted = options.guestsAdmitted ?? true
  }

  /** The signature check alone: refuses forged tokens before storage is asked. */
  checkSignature(token: string | null | undefined, boardId: string): AccessCheck {
    const check = this.#tokens.check(token, boardId)
    return check.ok ? check : { ok: false, reason: check.reason }
  }

  async check(token: string | null | undefined, boardId: string): Promise<AccessCheck> {
    const signed = this.checkSignature(token, boardId)
    return signed.ok ? this.checkGrant(signed.grant) : signed
  }

  /** Whether a correctly signed grant is of the board's current generation and not expired. */
  async checkGrant(grant: BoardGrant): Promise<AccessCheck> {
    const access = await this.#store.getAccess(grant.boardId)
    if (!access) return { ok: false, reason: 'missing' }
    if (grant.generation !== generationFor(access, grant.role)) return { ok: false, reason: 'revoked' }
    if (isExpired(access, grant.role, this.#now())) return { ok: false, reason: 'expired' }
    return { ok: true, grant }
  }

  /** The current token of a role (what the links dialog hands out). */
  tokenFor(boardId: string, role: Role, access: BoardAccess): string {
    return this.#tokens.sign(boardId, role, generationFor(access, role))
  }

  /** A single-use ticket for one WebSocket connection with this grant, valid TICKET_TTL_MS. */
  async issueTicket(grant: BoardGrant): Promise<string> {
    const ticket = randomBytes(24).toString('base64url')
    const now = this.#now()
    await this.#store.createTicket(hashTicket(ticket), grant, now + TICKET_TTL_MS, now)
    return ticket
  }

  /** Takes a ticket (it cannot be used again) and checks its grant as it stands now. */
  async redeemTicket(ticket: string, boardId: string): Promise<AccessCheck> {
    if (ticket.length > 100) return { ok: false, reason: 'invalid' }
    const grant = await this.#store.consumeTicket(hashTicket(ticket), this.#now())
    if (!grant) return { ok: false, reason: 'invalid' }
    if (grant.boardId !== boardId) return { ok: false, reason: 'other-board' }
    return this.checkGrant(grant)
  }
}
