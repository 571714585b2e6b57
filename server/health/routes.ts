import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthBody } from '@shared/api/health.ts'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: HealthBody } } },
    async () => ({ status: 'ok' as const }),
  )

  /** Ready when storage (and the relay, if any) answer and writes are not failing. */
  const readiness = {
    tags: ['health'],
    summary: 'Readiness: storage and relay answer, and writes are not failing',
    response: { 200: HealthBody, 503: HealthBody },
  }
  app.get('/readyz', { schema: readiness }, async (request, reply) => {
    const [storage, relay] = await Promise.all([
      app.storage.ping().then(
        () => true,
        () => false,
      ),
      app.relay.ping().then(
        () => true,
        () => false,
      ),
    ])
    const checks = { storage, relay, writes: app.sync.writer.healthy }
    const ready = storage && relay && checks.writes
    if (!ready) request.log.warn({ checks }, 'not ready')
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks })
  })
}
