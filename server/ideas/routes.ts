import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { BoardIdParams } from '@shared/api/boards.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import { BoardExportQuery, RegistryExportQuery } from '@shared/api/exports.ts'
import {
  IdeaDetail,
  IdeaFacets,
  IdeaIdParams,
  IdeaList,
  IdeaListQuery,
  IdeaPatchBody,
  PromoteBody,
  SimilarIdeas,
  SimilarIdeasQuery,
} from '@shared/api/ideas.ts'
import {
  boardExportData,
  boardToCsv,
  boardToJson,
  boardToMarkdown,
  registryToCsv,
  registryToJson,
} from '@shared/export/index.ts'
import { searchTerms } from '@shared/ideas/search.ts'
import type { IdeaStatus } from '@shared/ideas/workflow.ts'
import { requireBoardGrant } from '../auth/bearer.ts'
import { readBoardDoc } from '../boards/board-doc.ts'
import { httpErrors } from '../errors.ts'
import { BoardBadges } from './badges.ts'
import { exportLocale, parseChangedSince, sendDownload, slug } from './export-http.ts'
import { ideaChange } from './feed/events.ts'
import { requireHub } from './hub-auth.ts'
import { promoteNotes } from './promote.ts'
import { updateIdea } from './update.ts'
import { toDetail, toSummary } from './views.ts'

const FileBody = Type.String({ description: 'The file: Markdown, CSV (UTF-8 with BOM) or JSON' })
const BoardErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/** The idea registry: promotion from boards, the hub's workflow, search and exports. */
export const ideaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ideas = app.storage.ideas
  const badges = new BoardBadges(app.sync.rooms, ideas, app.log)

  // ---- promotion and board exports ----------------------------------------------------------

  app.post(
    '/api/boards/:id/promote',
    {
      schema: {
        tags: ['boards'],
        summary: 'Promote notes into the idea registry (or link them to an idea)',
        description:
          '201 with a new idea; 200 with the existing idea when these notes were promoted before. Facilitator only.',
        security: [{ boardToken: [] }],
        params: BoardIdParams,
        body: PromoteBody,
        response: { 200: IdeaDetail, 201: IdeaDetail, ...BoardErrors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id
      const grant = await requireBoardGrant(app.access, request, boardId)
      if (grant.role !== 'facilitator')
        throw httpErrors.forbidden('Only the facilitator may promote notes to the registry.')
      const result = await promoteNotes({ rooms: app.sync.rooms, ideas }, boardId, request.body)
      await badges.sync(boardId)
      if (result.outcome !== 'existing')
        app.ideaFeed.publish(ideaChange(result.idea, result.outcome === 'created' ? 'created' : 'updated'))
      request.log.info(
        {
          boardId,
          ideaId: result.idea.id,
          ref: result.idea.ref,
          notes: request.body.noteIds.length,
          outcome: result.outcome,
        },
        'promotion',
      )
      return reply
        .status(result.outcome === 'created' ? 201 : 200)
        .send(await toDetail(ideas, result.idea, app.storage.lifecycle))
    },
  )

  app.get(
    '/api/boards/:id/export',
    {
      schema: {
        tags: ['boards'],
        summary: 'The board as an idea list: Markdown, CSV or JSON',
        security: [{ boardToken: [] }],
        produces: ['text/markdown', 'text/csv', 'application/json'],
        params: BoardIdParams,
        querystring: BoardExportQuery,
        response: { 200: FileBody, ...BoardErrors },
      },
    },
    async (request, reply) => {
      const boardId = request.params.id
      await requireBoardGrant(app.access, request, boardId)
      const { format, separator } = request.query
      const locale = exportLocale(request.query.lang, request.headers['accept-language'])
      const promoted = new Map((await ideas.notesOfBoard(boardId)).map((note) => [note.ideaId, note]))
      const data = await readBoardDoc(app.storage.boards, app.sync.rooms, boardId, (doc) =>
        boardExportData(doc, {
          boardId,
          exportedAt: Date.now(),
          lookup: (ideaId) => {
            const note = promoted.get(ideaId)
            return note ? { id: note.ideaId, ref: note.ref, status: note.status } : null
          },
        }),
      )
      if (!data) throw httpErrors.notFound(`No board ${boardId}.`)
      const body =
        format === 'md'
          ? boardToMarkdown(data, locale)
          : format === 'csv'
            ? boardToCsv(data, locale, separator)
            : boardToJson(data)
      return sendDownload(reply, format, `kokeileva-${slug(data.board.title)}`, body)
    },
  )

  // ---- the registry ---------------------------------------------------------------------------

  app.get(
    '/api/ideas',
    {
      schema: {
        tags: ['ideas'],
        summary: 'List and search ideas, a page at a time',
        querystring: IdeaListQuery,
        response: { 200: IdeaList, 400: ErrorBody },
      },
    },
    async (request) => {
      const query = request.query
      const terms = query.q ? searchTerms(query.q) : []
      const limit = query.limit ?? 50
      const offset = query.offset ?? 0
      const department = query.department?.trim()
      const tag = query.tag?.trim()
      const page = await ideas.list({
        ...(query.status ? { statuses: query.status.split(',') as IdeaStatus[] } : {}),
        ...(department ? { department } : {}),
        ...(tag ? { tag } : {}),
        terms,
        sort: query.sort ?? (terms.length > 0 ? 'relevance' : 'newest'),
        limit,
        offset,
      })
      return { items: page.items.map(toSummary), total: page.total, limit, offset }
    },
  )

  app.get(
    '/api/ideas/similar',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Ideas like a text (before promoting notes that may repeat one)',
        querystring: SimilarIdeasQuery,
        response: { 200: SimilarIdeas, 400: ErrorBody },
      },
    },
    async (request) => {
      const found = await ideas.similar(searchTerms(request.query.text), request.query.limit ?? 5)
      return { items: found.map(toSummary) }
    },
  )

  /** Lets the registry page check a hub token as it is entered, without changing anything. */
  app.get(
    '/api/hub/check',
    {
      schema: {
        tags: ['hub'],
        summary: 'Check a hub token without changing anything',
        security: [{ hubToken: [] }],
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      requireHub(request, app.config.HUB_TOKEN, app.tokens)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/ideas/facets',
    {
      schema: {
        tags: ['ideas'],
        summary: 'Departments and tags in use, and ideas per status (for filters)',
        response: { 200: IdeaFacets },
      },
    },
    async () => ideas.facets(),
  )

  app.get(
    '/api/ideas/export',
    {
      schema: {
        tags: ['ideas'],
        summary: 'The registry as CSV or JSON, optionally only what changed since a day',
        produces: ['text/csv', 'application/json'],
        querystring: RegistryExportQuery,
        response: { 200: FileBody, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, separator } = request.query
      const changedSince = parseChangedSince(request.query.changedSince)
      const locale = exportLocale(request.query.lang, request.headers['accept-language'])
      const items = (await ideas.exportAll({ changedSince })).map(({ version: _version, ...idea }) => idea)
      let body: string
      if (format === 'json') {
        body = registryToJson(items, Date.now(), changedSince)
      } else {
        const refs = new Map(items.map((idea) => [idea.id, idea.ref]))
        const missing = items.map((idea) => idea.mergedInto).filter((id): id is string => id !== null && !refs.has(id))
        for (const target of await ideas.getMany(missing)) refs.set(target.id, target.ref)
        body = registryToCsv(items, { locale, separator, refOf: (id) => refs.get(id) })
      }
      return sendDownload(reply, format, changedSince === null ? 'kokeileva-ideas' : 'kokeileva-ideas-changed', body)
    },
  )

  app.get(
    '/api/ideas/:id',
    {
      schema: {
        tags: ['ideas'],
        summary: 'One idea, by id or ref, with its history',
        params: IdeaIdParams,
        response: { 200: IdeaDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const idea = await ideas.get(request.params.id)
      if (!idea) throw httpErrors.notFound(`No idea ${request.params.id}.`)
      return toDetail(ideas, idea, app.storage.lifecycle)
    },
  )

  app.patch(
    '/api/ideas/:id',
    {
      schema: {
        tags: ['hub'],
        summary: "Change an idea's status or fields",
        description:
          'The hub only. A move the workflow does not allow is 409; parked, rejected, stopped and merged need a comment.',
        security: [{ hubToken: [] }],
        params: IdeaIdParams,
        body: IdeaPatchBody,
        response: { 200: IdeaDetail, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const by = requireHub(request, app.config.HUB_TOKEN, app.tokens)
      const { idea, statusChangedFrom, changed } = await updateIdea(ideas, request.params.id, request.body, by)
      if (changed) app.ideaFeed.publish(ideaChange(idea, 'updated'))
      if (statusChangedFrom !== null) {
        request.log.info(
          { ideaId: idea.id, ref: idea.ref, from: statusChangedFrom, to: idea.status, boardId: idea.source.boardId },
          'idea status changed',
        )
        await badges.syncIdea(idea.id)
      }
      return toDetail(ideas, idea, app.storage.lifecycle)
    },
  )
}
