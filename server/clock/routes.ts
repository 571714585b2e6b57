import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ServerTimeBody } from '@shared/api/time.ts'

/**
 * The server's clock, for the session timer: clients sample this a few times and keep the
 * offset of the fastest round trip (shared/facilitation/clock.ts). Never cached.
 */
export const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = {
    tags: ['health'],
    summary: "The server's clock, for the session timer",
    response: { 200: ServerTimeBody },
  }
  app.get('/api/time', { schema }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { now: Date.now() }
  })
}
