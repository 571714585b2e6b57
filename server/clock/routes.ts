import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ServerTimeBody } from '@shared/api/time.ts'

/**
 * The server's clock, for the session timer: clients sample this a few times and keep the
 * offset of the fastest round trip (shared/facilitation/clock.ts). Never cached.
 */
export const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/time', { schema: { response: { 200: ServerTimeBody } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { now: Date.now() }
  })
}
