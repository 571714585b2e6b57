import fp from 'fastify-plugin'
import type { SessionUser } from '../storage/types.ts'
import { httpErrors } from '../errors.ts'
import { signInNeededFor } from './access.ts'
import { LoginStateCodec } from './login-state.ts'
import { OidcLogin } from './oidc.ts'
import { SessionService } from './sessions.ts'

const DAY_MS = 86_400_000
/** How often expired sessions are removed from the database. */
const SWEEP_INTERVAL_MS = 60 * 60_000

/** What sign-in adds to the app: null with AUTH=links. */
export interface Accounts {
  oidc: OidcLogin
  sessions: SessionService
  loginState: LoginStateCodec
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in (AUTH=oidc), or null with AUTH=links. */
    accounts: Accounts | null
  }
  interface FastifyRequest {
    /** The signed-in person (AUTH=oidc and a valid session cookie), else null. */
    user: SessionUser | null
    /** The key of the session `user` comes from (signing out closes what it opened), else null. */
    sessionKey: string | null
  }
}

/**
 * Sign-in through OpenID Connect when AUTH=oidc: discovers the provider at start (a wrong
 * issuer fails the boot), resolves every request's session cookie into `request.user` (the
 * WebSocket upgrade included), and refuses what needs a signed-in person (access.ts).
 * With AUTH=links it only sets `request.user` to null.
 */
export const accountsPlugin = fp(
  async (app) => {
    const { config } = app
    app.decorateRequest('user', null)
    app.decorateRequest('sessionKey', null)
    if (config.AUTH !== 'oidc') {
      app.decorate('accounts', null)
      return
    }
    let oidc: OidcLogin
    try {
      oidc = await OidcLogin.discover(config)
    } catch (error) {
      throw new Error(`OIDC_ISSUER ${config.OIDC_ISSUER} could not be discovered: ${(error as Error).message}`, {
        cause: error,
      })
    }
    const sessions = new SessionService(app.storage.accounts, config.SESSION_DAYS * DAY_MS)
    app.decorate('accounts', { oidc, sessions, loginState: new LoginStateCodec(config.SECRET) })
    app.log.info({ issuer: oidc.issuer, guestLinks: config.GUEST_LINKS }, 'sign-in through OpenID Connect')

    app.addHook('onRequest', async (request) => {
      request.user = await sessions.userOf(request, Date.now())
      request.sessionKey = request.user ? sessions.keyOf(request) : null
      const needed = signInNeededFor(request, config.AUTH, config.HUB_TOKEN)
      if (needed) throw httpErrors.signInRequired(`Sign in to ${needed}.`)
    })

    const sweep = setInterval(() => {
      sessions.sweep(Date.now()).then(
        (removed) => {
          if (removed > 0) app.log.info({ removed }, 'expired sessions removed')
        },
        (error: unknown) => app.log.warn({ err: error }, 'expired sessions could not be removed'),
      )
    }, SWEEP_INTERVAL_MS)
    sweep.unref()
    app.addHook('onClose', async () => clearInterval(sweep))
  },
  { name: 'accounts', dependencies: ['config', 'storage'] },
)
