import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'

/**
 * A real OpenID Provider (oidc-provider, a certified implementation) with a few people and
 * groups, for the tests and for `npm run dev:idp`. Its sign-in page is oidc-provider's own
 * development page: any login name and any password; the names below have groups.
 */

export interface IdpPerson {
  name: string
  email: string
  groups: string[]
}

export const IDP_CLIENT_ID = 'kokeileva'
export const IDP_CLIENT_SECRET = 'kokeileva-dev-secret-not-for-production'
export const IDP_HUB_GROUP = 'innovation-hub'
export const IDP_ADMIN_GROUP = 'kokeileva-admins'

/** Login name → person. Another login name signs in as a person with no groups. */
export const IDP_PEOPLE: Readonly<Record<string, IdpPerson>> = {
  anna: { name: 'Anna Virtanen', email: 'anna.virtanen@example.org', groups: ['staff'] },
  harri: { name: 'Harri Hubinen', email: 'harri.hubinen@example.org', groups: ['staff', IDP_HUB_GROUP] },
  aino: { name: 'Aino Ylläpito', email: 'aino.yllapito@example.org', groups: ['staff', IDP_ADMIN_GROUP] },
}

export interface IdentityProvider {
  /** The issuer URL (OIDC_ISSUER). */
  issuer: string
  /** The environment that points Kokeileva at this provider. */
  env: Record<string, string>
  close(): Promise<void>
}

function personOf(login: string): IdpPerson {
  return IDP_PEOPLE[login] ?? { name: login, email: `${login}@example.org`, groups: [] }
}

/**
 * Starts the provider on 127.0.0.1 (port 0: a free one). `redirectUris` are Kokeileva's
 * /auth/callback addresses the client may use.
 */
export async function startIdentityProvider(options: {
  redirectUris: string[]
  port?: number
  host?: string
}): Promise<IdentityProvider> {
  const host = options.host ?? '127.0.0.1'
  const configuration: Configuration = {
    clients: [
      {
        client_id: IDP_CLIENT_ID,
        client_secret: IDP_CLIENT_SECRET,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    // Names and groups in the ID token too, as Entra ID and Keycloak can be configured to do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['kokeileva-dev-idp-cookie-key-0123456789'] },
    // Lifetimes in seconds (set, so that the provider does not remind of its defaults).
    ttl: { Interaction: 600, Session: 86_400, Grant: 86_400, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const person = personOf(sub)
      return {
        accountId: sub,
        claims: () => ({ sub, name: person.name, email: person.email, groups: person.groups }),
      }
    },
    // A first-party client: no consent screen after the sign-in.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc
      if (!client || !session?.accountId) return undefined
      const grantId = session.grantIdFor(client.clientId)
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId)
        if (existing) return existing
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId })
      grant.addOIDCScope('openid profile email groups')
      grant.addOIDCClaims(['name', 'email', 'groups'])
      await grant.save()
      return grant
    },
  }

  // The issuer must name the port before the provider is made: reserve it by listening first.
  const { createServer } = await import('node:http')
  let handler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | null =
    null
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res)
    else res.writeHead(503).end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const issuer = `http://${host}:${port}`
  const provider = new Provider(issuer, configuration)
  provider.on('server_error', (_ctx: unknown, error: Error) => process.stderr.write(`idp: ${error.message}\n`))
  const callback = provider.callback()
  handler = (req, res) => void callback(req, res)
  return {
    issuer,
    env: {
      AUTH: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: IDP_CLIENT_ID,
      OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
      OIDC_HUB_GROUP: IDP_HUB_GROUP,
      OIDC_ADMIN_GROUP: IDP_ADMIN_GROUP,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
