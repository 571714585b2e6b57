import { createHmac, timingSafeEqual } from 'node:crypto'
import { isBoardId } from '@shared/ids.ts'
import { isRole, type Role } from '@shared/roles.ts'

export interface BoardGrant {
  boardId: string
  role: Role
}

export type TokenCheck =
  | { ok: true; grant: BoardGrant }
  /** malformed or badly signed (401) / valid but for another board (403) */
  | { ok: false; reason: 'invalid' | 'other-board' }

const SIGNATURE_CHARS = 32 // 24 bytes of HMAC-SHA256, base64url

/**
 * Share tokens are `<boardId>.<role>.<signature>`: board-scoped, role-bearing, signed with
 * SECRET. The board id is in the clear so that a token for another board is told apart from
 * a forged one (4403 versus 4401).
 */
export class TokenService {
  readonly #secret: string

  constructor(secret: string) {
    this.#secret = secret
  }

  sign(boardId: string, role: Role): string {
    return `${boardId}.${role}.${this.#signature(boardId, role)}`
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
    if (parts.length !== 3) return null
    const [boardId, role, signature] = parts as [string, string, string]
    if (!isBoardId(boardId) || !isRole(role) || signature.length !== SIGNATURE_CHARS) return null
    const expected = Buffer.from(this.#signature(boardId, role))
    const given = Buffer.from(signature)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    return { boardId, role }
  }

  #signature(boardId: string, role: Role): string {
    return createHmac('sha256', this.#secret)
      .update(`kokeileva:v1:${boardId}:${role}`)
      .digest('base64url')
      .slice(0, SIGNATURE_CHARS)
  }
}

/** Constant-time comparison of a presented secret with the expected one. */
export function secretEquals(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
