import { Type, type Static } from '@sinclair/typebox'
import { IDEA_STATUSES } from '../ideas/workflow.ts'
import { Experiment, HistoryActor } from './ideas.ts'

/**
 * Outgoing webhooks: what a receiver gets (the JSON body of each delivery) and what the hub's
 * deliveries page reads. The only definition of these shapes (docs/operations.md, "Webhooks").
 */

export const WEBHOOK_EVENTS = ['idea.promoted', 'idea.status_changed', 'idea.updated', 'experiment.updated'] as const
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number]
export const WebhookEventName = Type.Union(WEBHOOK_EVENTS.map((name) => Type.Literal(name)))

/** How a receiver's deliveries are written: the JSON payload, or a chat message `{text}`. */
export const WEBHOOK_FORMATS = ['json', 'slack'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]

/** The request headers of every delivery. */
export const WEBHOOK_HEADERS = {
  event: 'X-Kokeileva-Event',
  /** The same for every attempt of one delivery: receivers de-duplicate by it. */
  delivery: 'X-Kokeileva-Delivery',
  /** `sha256=` and the hex HMAC-SHA256 of the raw body with WEBHOOK_SECRET. */
  signature: 'X-Kokeileva-Signature',
} as const

const IdeaStatus = Type.Union(IDEA_STATUSES.map((status) => Type.Literal(status)))

/** The idea as a delivery shows it: enough to act on, with a link to the whole of it. */
export const WebhookIdea = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  title: Type.String(),
  status: IdeaStatus,
  department: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  votes: Type.Integer(),
  /** The idea's page in the registry (PUBLIC_URL based). */
  url: Type.String(),
  source: Type.Object({ boardId: Type.String(), boardTitle: Type.String(), method: Type.String() }),
})
export type WebhookIdea = Static<typeof WebhookIdea>

/** What changed, by event. */
export const WebhookChange = Type.Union([
  Type.Object({ kind: Type.Literal('promoted'), by: HistoryActor }),
  Type.Object({
    kind: Type.Literal('status'),
    from: IdeaStatus,
    to: IdeaStatus,
    comment: Type.Union([Type.String(), Type.Null()]),
    by: HistoryActor,
  }),
  Type.Object({
    kind: Type.Literal('fields'),
    /** The fields that changed: title, description, department, tags, links (notes linked), merged. */
    fields: Type.Array(Type.String()),
    by: HistoryActor,
  }),
  Type.Object({
    kind: Type.Literal('experiment'),
    experiment: Type.Union([Experiment, Type.Null()]),
    by: HistoryActor,
  }),
])
export type WebhookChange = Static<typeof WebhookChange>

/** The JSON body of a delivery (format `json`). */
export const WebhookPayload = Type.Object({
  event: WebhookEventName,
  /** One change's event; every receiver's delivery of it carries the same eventId. */
  eventId: Type.String(),
  /** ISO 8601, when the change was stored. */
  occurredAt: Type.String(),
  idea: WebhookIdea,
  change: WebhookChange,
})
export type WebhookPayload = Static<typeof WebhookPayload>

/** The chat message body of a delivery (format `slack`; Slack and Teams incoming webhooks). */
export interface WebhookChatMessage {
  text: string
}

// ---- the hub's deliveries page ---------------------------------------------------------------

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]
const DeliveryStateSchema = Type.Union(DELIVERY_STATES.map((state) => Type.Literal(state)))

export const WebhookDelivery = Type.Object({
  id: Type.String({ description: 'The delivery id (X-Kokeileva-Delivery)' }),
  event: WebhookEventName,
  eventId: Type.String(),
  /** The receiver as shown to people: its origin, never its path (which may hold a secret). */
  receiver: Type.String(),
  format: Type.Union(WEBHOOK_FORMATS.map((format) => Type.Literal(format))),
  ideaId: Type.String(),
  ideaRef: Type.String(),
  ideaTitle: Type.String(),
  state: DeliveryStateSchema,
  attempts: Type.Integer(),
  createdAt: Type.Number(),
  /** When the next attempt is due (pending), else null. */
  nextAttemptAt: Type.Union([Type.Number(), Type.Null()]),
  deliveredAt: Type.Union([Type.Number(), Type.Null()]),
  /** The receiver's last HTTP status, or null when it did not answer. */
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
})
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const WebhookDeliveriesQuery = Type.Object(
  {
    state: Type.Optional(DeliveryStateSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)
export type WebhookDeliveriesQuery = Static<typeof WebhookDeliveriesQuery>

export const WebhookReceiverSummary = Type.Object({
  receiver: Type.String(),
  format: Type.Union(WEBHOOK_FORMATS.map((format) => Type.Literal(format))),
  pending: Type.Integer(),
  failed: Type.Integer(),
  delivered: Type.Integer(),
  lastDeliveredAt: Type.Union([Type.Number(), Type.Null()]),
})
export type WebhookReceiverSummary = Static<typeof WebhookReceiverSummary>

export const WebhookDeliveries = Type.Object({
  /** False when WEBHOOK_URLS is empty: nothing is sent. */
  enabled: Type.Boolean(),
  receivers: Type.Array(WebhookReceiverSummary),
  items: Type.Array(WebhookDelivery),
})
export type WebhookDeliveries = Static<typeof WebhookDeliveries>

export const DeliveryIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{6,64}$', maxLength: 64 }) })
export type DeliveryIdParams = Static<typeof DeliveryIdParams>
