import { createHmac, timingSafeEqual } from 'node:crypto'

/** What the server remembers between sending a person to the provider and their return. */
export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
  /** ms */
  expiresAt: number
}

/** How long a sign-in at the provider may take. */
export const LOGIN_TTL_MS = 10 * 60_000
export const LOGIN_COOKIE = 'kokeileva_login'

/**
 * The pending login travels in a signed, httpOnly cookie of the browser that started it
 * rather than in the database: any process of a cluster can finish the sign-in, and a
 * callback from another browser (a stolen or forged `state`) finds no matching cookie.
 */
export class LoginStateCodec {
  readonly #key: string

  constructor(secret: string) {
    this.#key = secret
  }

  encode(login: PendingLogin): string {
    const payload = Buffer.from(JSON.stringify(login)).toString('base64url')
    return `${payload}.${this.#sign(payload)}`
  }

  /** The pending login, or null when the cookie is missing, forged or expired. */
  decode(value: string | null, now: number): PendingLogin | null {
    if (!value) return null
    const [payload, signature] = value.split('.')
    if (!payload || !signature) return null
    const expected = Buffer.from(this.#sign(payload))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    try {
      const login = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PendingLogin
      return typeof login.state === 'string' && login.expiresAt > now ? login : null
    } catch {
      // Signed by us, so this does not happen; treat it as no login.
      return null
    }
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(`kokeileva:login:v1:${payload}`).digest('base64url')
  }
}
