import fp from 'fastify-plugin'
import { parseReceivers } from './receivers.ts'
import { WebhookDispatcher } from './dispatcher.ts'
import { webhookRoutes } from './routes.ts'
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './schedule.ts'

export interface WebhookPluginOptions {
  /** Another retry schedule (tests run a day of retries in milliseconds). */
  schedule?: Partial<RetrySchedule>
  /** How long a claimed delivery stays this process's (default: WEBHOOK_TIMEOUT_MS + 5 s). */
  leaseMs?: number
}

/** Routes whose success may have stored a registry change, and so deliveries to send at once. */
const CHANGING_ROUTES = new Set(['POST /api/boards/:id/promote', 'PATCH /api/ideas/:id'])

/**
 * Outgoing webhooks: tells the outbox which receivers changes are written for, runs this
 * process's dispatcher, and serves the hub's deliveries page. Registered after the routes it
 * listens to; stopped before storage closes.
 */
export const webhookPlugin = fp<WebhookPluginOptions>(
  async (app, options) => {
    const receivers = parseReceivers(app.config.WEBHOOK_URLS)
    const schedule = { ...DEFAULT_RETRY_SCHEDULE, ...options.schedule }
    app.storage.webhooks.setReceivers(
      receivers.map((receiver) => receiver.key),
      schedule.maxAgeMs,
    )
    const dispatcher = new WebhookDispatcher({
      outbox: app.storage.webhooks,
      receivers,
      secret: app.config.WEBHOOK_SECRET ?? '',
      publicUrl: () => app.publicUrl(),
      log: app.log.child({ component: 'webhooks' }),
      schedule,
      timeoutMs: app.config.WEBHOOK_TIMEOUT_MS,
      concurrency: app.config.WEBHOOK_CONCURRENCY,
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    })
    app.decorate('webhooks', dispatcher)
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode < 300 && CHANGING_ROUTES.has(`${request.method} ${request.routeOptions.url}`))
        dispatcher.kick()
    })
    app.addHook('onReady', async () => {
      dispatcher.start()
      if (receivers.length > 0)
        app.log.info(
          { receivers: receivers.map((receiver) => `${receiver.label} (${receiver.format})`) },
          'webhooks on',
        )
    })
    app.addHook('preClose', async () => {
      await dispatcher.stop()
    })
    await app.register(webhookRoutes, { receivers })
  },
  { name: 'webhooks', dependencies: ['config', 'storage'] },
)
