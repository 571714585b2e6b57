import { createHash } from 'node:crypto'
import * as client from 'openid-client'
import { AUTHOR_NAME_MAX_CHARS } from '@shared/board/schema.ts'
import type { UserRole } from '@shared/api/me.ts'
import type { Config } from '../config.ts'
import type { SessionUser } from '../storage/types.ts'
import type { PendingLogin } from './login-state.ts'
import { LOGIN_TTL_MS } from './login-state.ts'

export type OidcSettings = Pick<
  Config,
  'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_GROUPS_CLAIM' | 'OIDC_HUB_GROUP' | 'OIDC_ADMIN_GROUP'
>

/** Why a callback was refused: shown to the person on a short page, logged without secrets. */
export class LoginRefused extends Error {
  override name = 'LoginRefused'
}

/**
 * A person's id here: stable for the same subject at the same provider, on every device, and a
 * valid participant id (it is their identity on every board). The provider's subject itself
 * may be long or hold any characters, so it is hashed with the issuer.
 */
export function userIdFor(issuer: string, subject: string): string {
  return `u${createHash('sha256').update(`${issuer}\u0000${subject}`).digest('base64url').slice(0, 22)}`
}

/** The groups a claim lists: an array of strings, or one string. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string')
  return typeof value === 'string' ? [value] : []
}

/** The person as a session remembers them, from the ID token's and userinfo's claims. */
export function userFromClaims(settings: OidcSettings, issuer: string, claims: Record<string, unknown>): SessionUser {
  const text = (key: string): string | null => {
    const value = claims[key]
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
  }
  const email = text('email')
  const name = text('name') ?? text('preferred_username') ?? email ?? 'Signed-in user'
  const groups = groupsOf(claims[settings.OIDC_GROUPS_CLAIM])
  const roles: UserRole[] = []
  if (settings.OIDC_HUB_GROUP && groups.includes(settings.OIDC_HUB_GROUP)) roles.push('hub')
  if (settings.OIDC_ADMIN_GROUP && groups.includes(settings.OIDC_ADMIN_GROUP)) roles.push('admin')
  return {
    id: userIdFor(issuer, String(claims['sub'])),
    name: name.replace(/\s+/g, ' ').slice(0, AUTHOR_NAME_MAX_CHARS),
    email,
    roles,
  }
}

/**
 * The OpenID Connect relying party (openid-client): the authorization code flow with PKCE,
 * state and nonce. Discovery runs once at start, so a wrong issuer fails the boot.
 */
export class OidcLogin {
  readonly #config: client.Configuration
  readonly #settings: OidcSettings

  private constructor(config: client.Configuration, settings: OidcSettings) {
    this.#config = config
    this.#settings = settings
  }

  static async discover(settings: OidcSettings): Promise<OidcLogin> {
    const issuer = new URL(settings.OIDC_ISSUER ?? '')
    // A provider on plain http is only for trying it out on one machine (npm run dev:idp).
    const insecure = issuer.protocol === 'http:'
    const config = await client.discovery(
      issuer,
      settings.OIDC_CLIENT_ID ?? '',
      settings.OIDC_CLIENT_SECRET ?? '',
      undefined,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    return new OidcLogin(config, settings)
  }

  get issuer(): string {
    return this.#config.serverMetadata().issuer
  }

  /** A new pending login and the provider's URL to send the browser to. */
  async start(redirectUri: string, returnTo: string, now: number): Promise<{ login: PendingLogin; url: URL }> {
    const codeVerifier = client.randomPKCECodeVerifier()
    const login: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      returnTo,
      expiresAt: now + LOGIN_TTL_MS,
    }
    const scope = ['openid', 'profile', 'email', ...(this.#settings.OIDC_GROUPS_CLAIM === 'groups' ? ['groups'] : [])]
    const url = client.buildAuthorizationUrl(this.#config, {
      redirect_uri: redirectUri,
      scope: scope.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    })
    return { login, url }
  }

  /**
   * Finishes a login: checks state, exchanges the code (with the PKCE verifier), checks the ID
   * token and its nonce, and reads the person. Refusals are LoginRefused.
   */
  async finish(callbackUrl: URL, login: PendingLogin, redirectUri: string): Promise<SessionUser> {
    let tokens
    try {
      tokens = await client.authorizationCodeGrant(
        this.#config,
        callbackUrl,
        { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce },
        { redirect_uri: redirectUri },
      )
    } catch (error) {
      throw new LoginRefused(`the provider's answer was not accepted: ${(error as Error).message}`, { cause: error })
    }
    const idClaims = tokens.claims()
    if (!idClaims) throw new LoginRefused('the provider sent no ID token')
    let claims: Record<string, unknown> = { ...idClaims }
    // Some providers put names and groups only in userinfo.
    const needsUserinfo = !('name' in claims) || !(this.#settings.OIDC_GROUPS_CLAIM in claims)
    if (needsUserinfo && this.#config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(this.#config, tokens.access_token, idClaims.sub)
        // The ID token's claims win; userinfo adds what it lacks.
        claims = { ...info, ...claims }
      } catch (error) {
        throw new LoginRefused(`the provider's userinfo could not be read: ${(error as Error).message}`, {
          cause: error,
        })
      }
    }
    return userFromClaims(this.#settings, this.issuer, claims)
  }
}
