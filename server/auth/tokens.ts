import { createHmac, timingSafeEqual } from 'node:crypto'
import { isBoardId } from '@shared/ids.ts'
import { isRole, type Role } from '@shared/roles.ts'

export interface BoardGrant {
  boardId: string
  role: Role
  /** The board's link generation the token was made for (0: before any rotation). */
  generation: number
}

export type TokenCheck =
  | { ok: true; grant: BoardGrant }
  /** malformed or badly signed (401) / valid but for another board (403) */
  | { ok: false; reason: 'invalid' | 'other-board' }

const SIGNATURE_CHARS = 32 // 24 bytes of HMAC-SHA256, base64url

/** Generations in tokens stay small: a rotation a second for a century stays below this. */
const GENERATION_MAX = 2 ** 40

/**
 * Share tokens are `<boardId>.<role>.<signature>`: board-scoped, role-bearing, signed with
 * SECRET. The board id is in the clear so that a token for another board is told apart from
 * a forged one (4403 versus 4401). After the board's links were reset (rotated) its tokens
 * carry the generation: `<boardId>.<role>.<generation>.<signature>`; whether that generation
 * is still the board's is for board-access.ts to say (the token alone cannot know).
 */
export class TokenService {
  readonly #secret: string

  constructor(secret: string) {
    this.#secret = secret
  }

  sign(boardId: string, role: Role, generation = 0): string {
    const signature = this.#signature(boardId, role, generation)
    return generation === 0 ? `${boardId}.${role}.${signature}` : `${boardId}.${role}.${generation}.${signature}`
  }

  /** Checks a token against the board it is used for. */
  check(token: string | undefined | null, boardId: string): TokenCheck {
    const grant = this.verify(token)
    if (!grant) return { ok: false, reason: 'invalid' }
    if (grant.boardId !== boardId) return { ok: false, reason: 'other-board' }
    return { ok: true, grant }
  }

  verify(token: string | undefined | null): BoardGrant | null {
    if (typeof token !== 'string' || token.length > 200) return null
    const parts = token.split('.')
    if (parts.length !== 3 && parts.length !== 4) return null
    const [boardId, role] = parts as [string, string]
    const signature = parts[parts.length - 1]!
    let generation = 0
    if (parts.length === 4) {
      const text = parts[2]!
      if (!/^[1-9][0-9]{0,12}$/.test(text)) return null
      generation = Number(text)
      if (generation > GENERATION_MAX) return null
    }
    if (!isBoardId(boardId) || !isRole(role) || signature.length !== SIGNATURE_CHARS) return null
    const expected = Buffer.from(this.#signature(boardId, role, generation))
    const given = Buffer.from(signature)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    return { boardId, role, generation }
  }

  #signature(boardId: string, role: Role, generation: number): string {
    // Generation 0 signs exactly what tokens signed before links could be reset.
    const signed =
      generation === 0 ? `kokeileva:v1:${boardId}:${role}` : `kokeileva:v1:${boardId}:${role}:${generation}`
    return createHmac('sha256', this.#secret).update(signed).digest('base64url').slice(0, SIGNATURE_CHARS)
  }
}

/** Constant-time comparison of a presented secret with the expected one. */
export function secretEquals(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
