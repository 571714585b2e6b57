import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BoardCreated, BoardIdParams, BoardLinks, BoardSummary, CreateBoardBody } from '@shared/api/boards.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import { localeFromAcceptLanguage } from '@shared/locale.ts'
import { DEFAULT_TEMPLATE_ID } from '@shared/templates/index.ts'
import { recordBoardFor } from '../accounts/record-board.ts'
import { requireBoardGrant } from '../auth/bearer.ts'
import { httpErrors } from '../errors.ts'
import { findAnyTemplate } from '../templates/catalogue.ts'
import { boardLinksFor, createBoard, summarizeBoard } from './service.ts'

export const boardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/boards',
    {
      schema: {
        tags: ['boards'],
        summary: 'Create a board from a template',
        description:
          'Anyone may create a board (at most BOARD_CREATE_LIMIT a minute per address); with AUTH=oidc, anyone ' +
          'signed in (401 otherwise). The answer holds the three ' +
          'share tokens and links: facilitator, participant, viewer.',
        body: CreateBoardBody,
        response: { 201: BoardCreated, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
      config: {
        rateLimit: {
          max: app.config.BOARD_CREATE_LIMIT,
          timeWindow: 60_000,
          errorResponseBuilder: (_request, context) =>
            httpErrors.rateLimited(`Too many boards created from this address; try again in ${context.after}.`),
        },
      },
    },
    async (request, reply) => {
      const templateId = request.body.template ?? DEFAULT_TEMPLATE_ID
      const template = (await findAnyTemplate(app.storage.templates, templateId))?.template
      if (!template) throw httpErrors.badRequest(`body/template: unknown template "${templateId}"`)
      const title = request.body.title.trim()
      if (title.length === 0) throw httpErrors.badRequest('body/title must not be blank')
      const { expiresAt } = request.body
      if (expiresAt !== undefined && expiresAt <= Date.now())
        throw httpErrors.badRequest('body/expiresAt must be in the future')
      const created = await createBoard(
        app.storage.boards,
        app.tokens,
        app.publicUrl(),
        { title, template, locale: localeFromAcceptLanguage(request.headers['accept-language']), expiresAt },
        app.storage.lifecycle,
      )
      if (request.user)
        await recordBoardFor(app.storage.accounts, request.log, request.user.id, created.id, 'facilitator', true)
      request.log.info({ boardId: created.id, template: created.template }, 'board created')
      return reply.status(201).send(created)
    },
  )

  app.get(
    '/api/boards/:id',
    {
      schema: {
        tags: ['boards'],
        summary: "A board's title, template and counts",
        security: [{ boardToken: [] }],
        params: BoardIdParams,
        response: { 200: BoardSummary, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const grant = await requireBoardGrant(app.access, request, request.params.id)
      const summary = await summarizeBoard(app.storage.boards, app.sync.rooms, request.params.id, grant.role)
      if (!summary) throw httpErrors.notFound(`No board ${request.params.id}.`)
      return summary
    },
  )

  app.get(
    '/api/boards/:id/links',
    {
      schema: {
        tags: ['boards'],
        summary: "The share links of the caller's role and every lesser one",
        description: 'Facilitator: all three; participant: participant and viewer; viewer: viewer. Never cached.',
        security: [{ boardToken: [] }],
        params: BoardIdParams,
        response: { 200: BoardLinks, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const grant = await requireBoardGrant(app.access, request, request.params.id)
      // The links carry tokens: no shared cache may keep them.
      void reply.header('cache-control', 'no-store')
      const links = await boardLinksFor(
        app.storage.lifecycle,
        app.access,
        app.publicUrl(),
        request.params.id,
        grant.role,
      )
      if (!links) throw httpErrors.notFound(`No board ${request.params.id}.`)
      return links
    },
  )
}
