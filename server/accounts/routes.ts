import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { ErrorBody } from '@shared/api/errors.ts'
import { CallbackQuery, LoginQuery, MeResponse, MyBoards } from '@shared/api/me.ts'
import { boardLink } from '@shared/links.ts'
import { httpErrors } from '../errors.ts'
import { readCookie, serializeCookie } from './cookies.ts'
import { LOGIN_COOKIE, LOGIN_TTL_MS } from './login-state.ts'
import { LoginRefused } from './oidc.ts'
import { safeReturnTo } from './return-to.ts'
import { SESSION_COOKIE } from './sessions.ts'
import type { Accounts } from './plugin.ts'

/** The most boards GET /api/boards lists. */
const MY_BOARDS_LIMIT = 100

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * Sign-in (OpenID Connect, AUTH=oidc): /auth/login sends the browser to the provider,
 * /auth/callback finishes the login and starts a session, /auth/logout ends it; /api/me says
 * who is asking in both modes, and GET /api/boards lists a signed-in person's boards.
 */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app
  const redirectUri = () => `${app.publicUrl()}/auth/callback`
  /** Cookies are Secure whenever people reach the app over https. */
  const secure = (request: FastifyRequest) =>
    request.protocol === 'https' || (config.PUBLIC_URL?.startsWith('https://') ?? false)
  const enabled = (): Accounts => {
    if (!app.accounts) throw httpErrors.notFound('Sign-in is not enabled on this server (AUTH=links).')
    return app.accounts
  }

  app.get(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in: redirects to the identity provider',
        description:
          'AUTH=oidc only (404 otherwise). `returnTo` is a path on this site to come back to; anything else ' +
          'returns to the start page.',
        querystring: LoginQuery,
        response: { 302: Type.Null({ description: 'To the provider' }), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const accounts = enabled()
      const now = Date.now()
      const { login, url } = await accounts.oidc.start(redirectUri(), safeReturnTo(request.query.returnTo), now)
      void reply.header(
        'set-cookie',
        serializeCookie(LOGIN_COOKIE, accounts.loginState.encode(login), {
          maxAgeSeconds: LOGIN_TTL_MS / 1000,
          secure: secure(request),
          path: '/auth',
        }),
      )
      void reply.header('cache-control', 'no-store')
      return reply.redirect(url.href, 302)
    },
  )

  app.get(
    '/auth/callback',
    {
      schema: {
        tags: ['auth'],
        summary: "The identity provider's redirect back: starts the session",
        description:
          'Checks state (against the cookie of the browser that started the login), the PKCE verifier and the ' +
          "ID token's nonce, then sets the httpOnly session cookie and redirects to returnTo. A refused login " +
          'is a 400 page that says why.',
        querystring: CallbackQuery,
        response: {
          302: Type.Null({ description: 'Signed in: to returnTo' }),
          400: Type.String({ description: 'The login was refused (an HTML page)' }),
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const accounts = enabled()
      const now = Date.now()
      const clearLogin = serializeCookie(LOGIN_COOKIE, '', { maxAgeSeconds: 0, secure: secure(request), path: '/auth' })
      const refuse = (reason: string) => {
        request.log.warn({ reason }, 'sign-in refused')
        return reply
          .status(400)
          .header('set-cookie', clearLogin)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><meta charset="utf-8"><title>Sign-in failed</title>` +
              `<p>Sign-in failed: ${escapeHtml(reason)}.</p><p><a href="/auth/login">Try again</a> · <a href="/">Kokeileva</a></p>`,
          )
      }
      if (request.query.error) return refuse(`the provider answered ${request.query.error}`)
      const login = accounts.loginState.decode(readCookie(request, LOGIN_COOKIE), now)
      if (!login) return refuse('this browser has no sign-in in progress (it expired, or began elsewhere)')
      if (request.query.state !== login.state) return refuse('the answer does not belong to this sign-in (state)')
      const callbackUrl = new URL(request.url, `${app.publicUrl()}/`)
      let user
      try {
        user = await accounts.oidc.finish(callbackUrl, login, redirectUri())
      } catch (error) {
        if (error instanceof LoginRefused) return refuse(error.message)
        throw error
      }
      const sessionId = await accounts.sessions.create(user, now)
      request.log.info({ userId: user.id, roles: user.roles }, 'signed in')
      void reply.header('set-cookie', [
        clearLogin,
        serializeCookie(SESSION_COOKIE, sessionId, {
          maxAgeSeconds: accounts.sessions.ttlMs / 1000,
          secure: secure(request),
        }),
      ])
      void reply.header('cache-control', 'no-store')
      return reply.redirect(login.returnTo, 302)
    },
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session on every process',
        description: "The session's board connections, in every process, close with 4401 (reason `signed out`).",
        response: { 204: Type.Null(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const accounts = enabled()
      const sessionKey = accounts.sessions.keyOf(request)
      await accounts.sessions.end(request)
      // The board connections this session opened, in every process, no longer speak for the person.
      if (sessionKey) await app.lifecycle.endSession(sessionKey)
      if (request.user) request.log.info({ userId: request.user.id }, 'signed out')
      return reply
        .status(204)
        .header('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: secure(request) }))
        .send(null)
    },
  )

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is asking: the sign-in mode and the signed-in person, or null',
        response: { 200: MeResponse },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store')
      return { auth: config.AUTH, user: request.user, guestLinks: config.AUTH === 'links' || config.GUEST_LINKS }
    },
  )

  app.get(
    '/api/boards',
    {
      schema: {
        tags: ['boards'],
        summary: 'The boards I created or joined, on any device (sign-in)',
        description:
          "AUTH=oidc: the signed-in person's boards, most recently seen first, each with the share link of the " +
          'highest role they had (401 without sign-in). AUTH=links: always empty — without accounts, boards are ' +
          'remembered by each device.',
        response: { 200: MyBoards, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store')
      if (config.AUTH === 'links' || !request.user) return { auth: config.AUTH, items: [] }
      const records = await app.storage.accounts.listBoards(request.user.id, MY_BOARDS_LIMIT)
      const base = app.publicUrl()
      return {
        auth: config.AUTH,
        items: records.map(({ board, role, lastSeenAt, owner, access }) => ({
          ...board,
          role,
          lastSeenAt,
          owner,
          // Of the board's current generation: a link from before a reset would be refused.
          link: boardLink(base, board.id, app.access.tokenFor(board.id, role, access)),
        })),
      }
    },
  )
}
