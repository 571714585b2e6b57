import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody } from '@shared/api/errors.ts'
import { SaveTemplateBody, TemplateBody, TemplateIdParams, TemplateList } from '@shared/api/templates.ts'
import { CUSTOM_TEMPLATE_PREFIX, templateProblems } from '@shared/templates/index.ts'
import { requireBoardGrant } from '../auth/bearer.ts'
import { readBoardDoc } from '../boards/board-doc.ts'
import { httpErrors } from '../errors.ts'
import { findAnyTemplate, listAllTemplates, toTemplateBody } from './catalogue.ts'
import { templateFromBoard } from './from-board.ts'

/** Custom templates kept at most; beyond this a facilitator deletes old ones first. */
export const CUSTOM_TEMPLATES_MAX = 500

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** 'c-' and 12 lowercase characters (62 bits): fits TemplateId and never names a built-in. */
function newCustomTemplateId(): string {
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let id = CUSTOM_TEMPLATE_PREFIX
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length]
  return id
}

export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Every template: the built-in ones, then saved ones',
        response: { 200: TemplateList },
      },
    },
    async () => ({
      items: await listAllTemplates(app.storage.templates),
    }),
  )

  app.get(
    '/api/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'One template',
        params: TemplateIdParams,
        response: { 200: TemplateBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const found = await findAnyTemplate(app.storage.templates, request.params.id)
      if (!found) throw httpErrors.notFound(`No template ${request.params.id}.`)
      return toTemplateBody(found.template, {
        builtIn: found.record === null,
        createdAt: found.record?.createdAt ?? null,
      })
    },
  )

  /** A facilitator saves their board's zones and phases as a template for new boards. */
  app.post(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: "Save a board's zones and phases as a template",
        description: "Needs the board's facilitator token. At most 500 saved templates.",
        security: [{ boardToken: [] }],
        body: SaveTemplateBody,
        response: {
          201: TemplateBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
      config: {
        rateLimit: {
          max: app.config.BOARD_CREATE_LIMIT,
          timeWindow: 60_000,
          errorResponseBuilder: (_request, context) =>
            httpErrors.rateLimited(`Too many templates saved from this address; try again in ${context.after}.`),
        },
      },
    },
    async (request, reply) => {
      const { boardId } = request.body
      const grant = await requireBoardGrant(app.access, request, boardId)
      if (grant.role !== 'facilitator')
        throw httpErrors.forbidden('Only the facilitator may save a board as a template.')
      if ((await app.storage.templates.countTemplates()) >= CUSTOM_TEMPLATES_MAX) {
        throw httpErrors.conflict(
          `There are already ${CUSTOM_TEMPLATES_MAX} custom templates; delete some before saving more.`,
        )
      }
      const id = newCustomTemplateId()
      const template = await readBoardDoc(app.storage.boards, app.sync.rooms, boardId, (doc) =>
        templateFromBoard(doc, {
          id,
          name: request.body.name,
          ...(request.body.description ? { description: request.body.description } : {}),
        }),
      )
      if (!template) throw httpErrors.notFound(`No board ${boardId}.`)
      const problems = templateProblems(template, { allowOverlap: true, requireTexts: false })
      if (problems.length > 0)
        throw httpErrors.badRequest(`This board cannot be saved as a template: ${problems.slice(0, 5).join('; ')}`)
      const createdAt = Date.now()
      await app.storage.templates.createTemplate({ id, definition: template, sourceBoardId: boardId, createdAt })
      request.log.info(
        { boardId, templateId: id, zones: template.zones.length, phases: template.phases.length },
        'template saved',
      )
      return reply.status(201).send(toTemplateBody(template, { builtIn: false, createdAt }))
    },
  )

  /** The facilitator of the board a template was saved from may delete it. */
  app.delete(
    '/api/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'Delete a saved template',
        description: 'Needs the facilitator token of the board it was saved from. Built-in templates stay.',
        security: [{ boardToken: [] }],
        params: TemplateIdParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await findAnyTemplate(app.storage.templates, request.params.id)
      if (!found) throw httpErrors.notFound(`No template ${request.params.id}.`)
      if (!found.record) throw httpErrors.forbidden('Built-in templates cannot be deleted.')
      const grant = await requireBoardGrant(app.access, request, found.record.sourceBoardId)
      if (grant.role !== 'facilitator')
        throw httpErrors.forbidden('Only the facilitator of the board it was saved from may delete this template.')
      await app.storage.templates.deleteTemplate(found.record.id)
      request.log.info({ boardId: found.record.sourceBoardId, templateId: found.record.id }, 'template deleted')
      return reply.status(204).send(null)
    },
  )
}
