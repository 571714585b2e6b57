import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { VERSION } from '../version.ts'
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.ts'
import { renderApiPage } from './page.ts'
import type { RegisteredRoute } from './route-catalogue.ts'

/**
 * `GET /api/openapi.json` (the OpenAPI 3.1 description) and `GET /api/docs` (the same as a
 * page to read), made once, at the first request, when every route is registered.
 */
export const apiDocsRoutes: FastifyPluginAsyncTypebox<{ routes: readonly RegisteredRoute[] }> = async (
  app,
  { routes },
) => {
  let document: OpenApiDocument | undefined
  let page: string | undefined
  const describe = () => (document ??= buildOpenApiDocument(routes, { version: VERSION, serverUrl: app.publicUrl() }))

  app.get(
    '/api/openapi.json',
    {
      schema: {
        tags: ['docs'],
        summary: 'This API described in OpenAPI 3.1',
        response: { 200: Type.Object({}, { additionalProperties: true, description: 'The OpenAPI document' }) },
      },
    },
    async () => describe(),
  )

  app.get(
    '/api/docs',
    {
      schema: {
        tags: ['docs'],
        summary: 'This API as a page to read',
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'The reference page' }) },
      },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send((page ??= renderApiPage(describe()))),
  )
}
