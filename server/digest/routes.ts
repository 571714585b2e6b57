import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Digest, DigestHeld, DigestHeldBody, DigestQuery, type DigestLang } from '@shared/api/digest.ts'
import { ErrorBody } from '@shared/api/errors.ts'
import { digestToHtml } from '@shared/digest/html.ts'
import { dayOf } from '@shared/digest/labels.ts'
import { digestToMarkdown } from '@shared/digest/markdown.ts'
import { httpErrors } from '../errors.ts'
import { requireHub } from '../ideas/hub-auth.ts'
import { assertMayReadDigest } from './access.ts'
import { readDigest } from './read-digest.ts'

const DigestText = Type.String({ description: 'The digest as Markdown or as an HTML page (format=md|html)' })

/** The digest's language: asked for, else the browser's first of Finnish, Swedish, English. */
function digestLang(lang: DigestLang | undefined, acceptLanguage: string | undefined): DigestLang {
  if (lang) return lang
  const first = /^\s*(fi|sv|en)\b/i.exec(acceptLanguage ?? '')?.[1]?.toLowerCase()
  return first === 'fi' || first === 'sv' ? first : 'en'
}

/** GET /api/digest (the network meeting's digest) and POST /api/digest/held (remember its day). */
export const digestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/digest',
    {
      schema: {
        tags: ['ideas'],
        summary: 'What happened in a period: new ideas, status changes, experiments, decisions, workshops',
        description:
          'Days are UTC; `until` is included. Without `since`, the digest starts on the day the previous digest was held (POST /api/digest/held), else 30 days before `until`. Readable by anyone, as the registry is.',
        produces: ['application/json', 'text/markdown', 'text/html'],
        querystring: DigestQuery,
        response: { 200: Type.Union([Digest, DigestText]), 400: ErrorBody },
      },
    },
    async (request, reply) => {
      assertMayReadDigest(request)
      const started = performance.now()
      const lang = digestLang(request.query.lang, request.headers['accept-language'])
      const digest = await readDigest(app.storage, app.sync.rooms, {
        since: request.query.since,
        until: request.query.until,
        lang,
        now: Date.now(),
      })
      request.log.info(
        {
          since: digest.since,
          until: digest.until,
          ideas: digest.ideas.length,
          workshops: digest.workshops.length,
          ms: Math.round(performance.now() - started),
        },
        'digest read',
      )
      const base = app.publicUrl()
      const ideaUrl = (ref: string) => `${base}/ideas/${encodeURIComponent(ref)}`
      reply.header('cache-control', 'no-store').header('vary', 'accept-language')
      const format = request.query.format ?? 'json'
      if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(digestToMarkdown(digest, ideaUrl))
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(digestToHtml(digest, ideaUrl))
      return digest
    },
  )

  app.post(
    '/api/digest/held',
    {
      schema: {
        tags: ['hub'],
        summary: 'Record that a digest was held on a day: the next digest starts from it',
        security: [{ hubToken: [] }],
        body: DigestHeldBody,
        response: { 201: DigestHeld, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      requireHub(request, app.config.HUB_TOKEN, app.tokens)
      const now = Date.now()
      const heldOn = request.body.on ?? dayOf(now)
      if (dayOf(Date.parse(`${heldOn}T00:00:00Z`) || 0) !== heldOn)
        throw httpErrors.badRequest(`body/on is not a real day: ${heldOn}`)
      await app.storage.digests.recordHeld({ heldOn, recordedAt: now })
      request.log.info({ heldOn }, 'digest held')
      return reply.status(201).send({ heldOn, recordedAt: now })
    },
  )
}
