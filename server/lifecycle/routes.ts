import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { BoardIdParams } from '@shared/api/boards.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import { RotateLinksBody, RotatedLinks, SyncTicket } from '@shared/api/lifecycle.ts'
import { boardLink } from '@shared/links.ts'
import { TICKET_TTL_MS } from '../auth/board-access.ts'
import { bearerToken, requireBoardGrant } from '../auth/bearer.ts'
import { isAdmin } from '../admin/require-admin.ts'
import { httpErrors } from '../errors.ts'
import type { LifecycleActor } from './board-lifecycle.ts'

/** Resetting links, WebSocket tickets and deleting a board. */
export const lifecycleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * Who may delete a board, as the audit log records them: an administrator, the signed-in
   * person who created it (its owner), or whoever holds its facilitator token. A signed-in
   * person who is none of these and sent no token is refused with 403.
   */
  const deleterOf = async (
    request: FastifyRequest,
    boardId: string,
  ): Promise<{ actor: LifecycleActor; details: Record<string, unknown> }> => {
    const user = request.user
    if (isAdmin(app, request)) return { actor: 'admin', details: user ? { userId: user.id } : {} }
    if (user && (await app.storage.accounts.ownsBoard(user.id, boardId)))
      return { actor: 'owner', details: { userId: user.id } }
    if (user && bearerToken(request) === null)
      throw httpErrors.forbidden(
        "Only the board's owner (who created it), its facilitator or an administrator may delete it.",
      )
    const grant = await requireBoardGrant(app.access, request, boardId)
    if (grant.role !== 'facilitator') throw httpErrors.forbidden('Only the facilitator may delete the board.')
    return { actor: 'facilitator', details: user ? { userId: user.id } : {} }
  }

  app.post(
    '/api/boards/:id/links/rotate',
    {
      schema: {
        tags: ['boards'],
        summary: "Reset the board's links: old participant and viewer links stop working",
        description:
          'Facilitator only. New participant and viewer tokens (with {"facilitator": true} also a new facilitator ' +
          'token); the old ones are refused from now on (401, WebSocket 4401) and their open connections are closed. ' +
          'expiresAt (ms) makes the new participant and viewer links expire. Never cached.',
        security: [{ boardToken: [] }],
        params: BoardIdParams,
        body: RotateLinksBody,
        response: { 200: RotatedLinks, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id
      const grant = await requireBoardGrant(app.access, request, boardId)
      if (grant.role !== 'facilitator') throw httpErrors.forbidden('Only the facilitator may reset the links.')
      const expiresAt = request.body.expiresAt ?? null
      if (expiresAt !== null && expiresAt <= Date.now())
        throw httpErrors.badRequest('body/expiresAt must be in the future')
      const facilitator = request.body.facilitator === true
      const access = await app.lifecycle.rotateLinks(boardId, { facilitator, expiresAt }, 'facilitator')
      if (!access) throw httpErrors.notFound(`No board ${boardId}.`)
      request.log.info({ boardId, facilitator }, 'board links reset')
      void reply.header('cache-control', 'no-store')
      const token = (role: 'facilitator' | 'participant' | 'viewer') => app.access.tokenFor(boardId, role, access)
      const link = (role: 'facilitator' | 'participant' | 'viewer') => boardLink(app.publicUrl(), boardId, token(role))
      return {
        id: boardId,
        tokens: {
          ...(facilitator ? { facilitator: token('facilitator') } : {}),
          participant: token('participant'),
          viewer: token('viewer'),
        },
        links: {
          ...(facilitator ? { facilitator: link('facilitator') } : {}),
          participant: link('participant'),
          viewer: link('viewer'),
        },
        expiresAt: access.linksExpireAt,
      }
    },
  )

  app.post(
    '/api/boards/:id/ticket',
    {
      schema: {
        tags: ['boards'],
        summary: 'A single-use ticket for the WebSocket, valid 60 s',
        description:
          'Any token of the board. The ticket stands for the token in /sync/:id?ticket=… so that the long-lived ' +
          'token never appears in a URL that proxies log. It opens one connection, once, within 60 seconds.',
        security: [{ boardToken: [] }],
        params: BoardIdParams,
        response: { 200: SyncTicket, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const grant = await requireBoardGrant(app.access, request, request.params.id)
      const ticket = await app.access.issueTicket(grant)
      // The socket follows: the board loads meanwhile (a cold board's first render waited for it).
      app.sync.rooms.preload(request.params.id)
      void reply.header('cache-control', 'no-store')
      return { ticket, expiresAt: Date.now() + TICKET_TTL_MS }
    },
  )

  app.delete(
    '/api/boards/:id',
    {
      schema: {
        tags: ['boards'],
        summary: 'Delete a board: its document, drafts, update log and snapshots',
        description:
          "The board's facilitator (its token), the administrator (HUB_TOKEN, or with AUTH=oidc a member of " +
          'OIDC_ADMIN_GROUP), or with AUTH=oidc its owner: the signed-in person who created it, without a token. ' +
          'Anyone else signed in gets 403. Every connection to the board closes with 4404; ideas promoted from ' +
          'it keep their text and history, and their provenance says the board was deleted.',
        security: [{ boardToken: [] }, { hubToken: [] }],
        params: BoardIdParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id
      const { actor, details } = await deleterOf(request, boardId)
      if (!(await app.lifecycle.deleteBoard(boardId, actor, details))) throw httpErrors.notFound(`No board ${boardId}.`)
      return reply.status(204).send(null)
    },
  )
}
