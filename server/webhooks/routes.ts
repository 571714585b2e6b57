import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody } from '@shared/api/errors.ts'
import {
  DeliveryIdParams,
  WebhookDeliveries,
  WebhookDeliveriesQuery,
  WebhookDelivery,
  type WebhookEventName,
  type WebhookFormat,
} from '@shared/api/webhooks.ts'
import { httpErrors } from '../errors.ts'
import { requireHub } from '../ideas/hub-auth.ts'
import type { DeliveryRow } from '../storage/types.ts'
import { parseReceiver, type Receiver } from './receivers.ts'

/** A stored receiver as people see it; one no longer configured is parsed from its row. */
function describe(key: string, known: ReadonlyMap<string, Receiver>): { receiver: string; format: WebhookFormat } {
  let receiver = known.get(key)
  if (!receiver) {
    try {
      receiver = parseReceiver(key)
    } catch {
      // A row written by a configuration that no longer parses: show nothing of its URL.
      return { receiver: '(removed receiver)', format: 'json' }
    }
  }
  return { receiver: receiver.label, format: receiver.format }
}

function toDelivery(row: DeliveryRow, known: ReadonlyMap<string, Receiver>): WebhookDelivery {
  const { receiver: _key, ...rest } = row
  return { ...rest, event: row.event as WebhookEventName, ...describe(row.receiver, known) }
}

/** The hub's view of outgoing webhooks: recent deliveries, failures, and "retry now". */
export const webhookRoutes: FastifyPluginAsyncTypebox<{ receivers: readonly Receiver[] }> = async (app, options) => {
  const known = new Map(options.receivers.map((receiver) => [receiver.key, receiver]))
  const outbox = app.storage.webhooks
  const HubErrors = { 401: ErrorBody, 403: ErrorBody }

  app.get(
    '/api/webhooks/deliveries',
    {
      schema: {
        tags: ['hub'],
        summary: 'Recent webhook deliveries and failures, newest first, with counts per receiver',
        security: [{ hubToken: [] }],
        querystring: WebhookDeliveriesQuery,
        response: { 200: WebhookDeliveries, 400: ErrorBody, ...HubErrors },
      },
    },
    async (request, reply) => {
      requireHub(request, app.config.HUB_TOKEN, app.tokens)
      const [items, counts] = await Promise.all([
        outbox.list({
          limit: request.query.limit ?? 100,
          ...(request.query.state ? { state: request.query.state } : {}),
        }),
        outbox.counts(),
      ])
      reply.header('cache-control', 'no-store')
      // Every configured receiver, also one with nothing sent yet; then those only rows remember.
      const empty = { pending: 0, failed: 0, delivered: 0, lastDeliveredAt: null }
      const byKey = new Map(counts.map((count) => [count.receiver, count]))
      const keys = [...new Set([...known.keys(), ...byKey.keys()])]
      const receivers = keys.map((key) => {
        const { receiver: _key, ...count } = byKey.get(key) ?? { receiver: key, ...empty }
        return { ...count, ...describe(key, known) }
      })
      return {
        enabled: options.receivers.length > 0,
        receivers,
        items: items.map((row) => toDelivery(row, known)),
      }
    },
  )

  app.post(
    '/api/webhooks/deliveries/:id/retry',
    {
      schema: {
        tags: ['hub'],
        summary: 'Attempt a pending or failed webhook delivery now',
        description:
          'The delivery is due at once (with the same delivery id). A failed one gets one more attempt; if that fails too, it is failed again. Delivered ones are 409.',
        security: [{ hubToken: [] }],
        params: DeliveryIdParams,
        response: { 200: WebhookDelivery, 400: ErrorBody, ...HubErrors, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      requireHub(request, app.config.HUB_TOKEN, app.tokens)
      const row = await outbox.retryNow(request.params.id, Date.now())
      if (!row) {
        if (await outbox.get(request.params.id))
          throw httpErrors.conflict(`Delivery ${request.params.id} was delivered already.`)
        throw httpErrors.notFound(`No webhook delivery ${request.params.id}.`)
      }
      request.log.info({ deliveryId: row.id, event: row.event }, 'webhook delivery retried by the hub')
      app.webhooks.kick()
      return toDelivery(row, known)
    },
  )
}
