import type pg from 'pg'
import type {
  DeliveryOutcome,
  DeliveryRow,
  IdeaChange,
  OutboxDelivery,
  ReceiverCounts,
  WebhookOutbox,
} from '../types.ts'
import { withoutNul } from './nul.ts'
import { outboxRows, toClaimed, toDeliveryRow, type OutboxRecord } from '../webhook-rows.ts'

const RETURNED =
  'id, event, event_id, receiver, idea_id, idea_ref, idea_title, payload, state, attempts, created_at, expires_at, next_attempt_at, delivered_at, last_status, last_error'

/**
 * The webhook outbox on PostgreSQL, shared by every process of a deployment. `record` runs on
 * the idea store's transaction connection, so a change and its deliveries commit together.
 * Processes claim due rows with `FOR UPDATE SKIP LOCKED` and a lease: two processes never
 * take the same row at once, and the rows of a process that died are taken by another once
 * its lease has run out.
 */
export class PostgresWebhookOutbox implements WebhookOutbox {
  readonly #pool: pg.Pool
  #receivers: readonly string[] = []
  #maxAgeMs = 24 * 60 * 60_000

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  setReceivers(receivers: readonly string[], maxAgeMs: number): void {
    this.#receivers = [...receivers]
    this.#maxAgeMs = maxAgeMs
  }

  /** Called by the idea store inside its transaction, on its connection. */
  async record(client: pg.PoolClient, change: IdeaChange): Promise<void> {
    const rows = outboxRows(change, this.#receivers, this.#maxAgeMs)
    if (rows.length === 0) return
    await client.query(
      `INSERT INTO webhook_deliveries (id, event, event_id, receiver, idea_id, idea_ref, idea_title, payload,
                                       state, attempts, created_at, expires_at, next_attempt_at)
       SELECT id, event, event_id, receiver, idea_id, idea_ref, idea_title, payload, 'pending', 0, created_at,
              expires_at, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::bigint[], $10::bigint[])
            AS r(id, event, event_id, receiver, idea_id, idea_ref, idea_title, payload, created_at, expires_at)`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.event),
        rows.map((row) => row.eventId),
        rows.map((row) => row.receiver),
        rows.map((row) => row.ideaId),
        rows.map((row) => row.ideaRef),
        rows.map((row) => row.ideaTitle),
        rows.map((row) => row.payload),
        rows.map((row) => row.createdAt),
        rows.map((row) => row.expiresAt),
      ],
    )
  }

  async claim(options: {
    owner: string
    now: number
    leaseMs: number
    limit: number
    receivers: readonly string[]
  }): Promise<OutboxDelivery[]> {
    if (options.limit <= 0 || options.receivers.length === 0) return []
    const { rows } = await this.#pool.query<OutboxRecord>(
      `UPDATE webhook_deliveries SET lease_owner = $1, lease_until = $2
       WHERE id IN (SELECT id FROM webhook_deliveries
                    WHERE state = 'pending' AND next_attempt_at <= $3
                      AND (lease_until IS NULL OR lease_until <= $3)
                      AND receiver = ANY($4::text[])
                    ORDER BY next_attempt_at LIMIT $5
                    FOR UPDATE SKIP LOCKED)
       RETURNING ${RETURNED}`,
      [options.owner, options.now + options.leaseMs, options.now, [...options.receivers], options.limit],
    )
    return rows.map(toClaimed)
  }

  async settle(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    const result = outcome.delivered
      ? await this.#pool.query(
          `UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $3,
                  last_status = $4, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL
           WHERE id = $1 AND lease_owner = $2`,
          [id, owner, outcome.at, outcome.status],
        )
      : await this.#pool.query(
          `UPDATE webhook_deliveries SET state = CASE WHEN $5::bigint IS NULL THEN 'failed' ELSE 'pending' END,
                  attempts = attempts + 1, last_status = $3, last_error = $4, next_attempt_at = $5,
                  lease_owner = NULL, lease_until = NULL
           WHERE id = $1 AND lease_owner = $2`,
          [id, owner, outcome.status, withoutNul(outcome.error), outcome.nextAttemptAt],
        )
    return result.rowCount === 1
  }

  async release(owner: string): Promise<void> {
    await this.#pool.query(
      `UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 AND state = 'pending'`,
      [owner],
    )
  }

  async list(options: { state?: DeliveryRow['state']; limit: number }): Promise<DeliveryRow[]> {
    const { rows } =
      options.state === undefined
        ? await this.#pool.query<OutboxRecord>(
            `SELECT ${RETURNED} FROM webhook_deliveries ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $1`,
            [options.limit],
          )
        : await this.#pool.query<OutboxRecord>(
            `SELECT ${RETURNED} FROM webhook_deliveries WHERE state = $1
             ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $2`,
            [options.state, options.limit],
          )
    return rows.map(toDeliveryRow)
  }

  async get(id: string): Promise<DeliveryRow | null> {
    const { rows } = await this.#pool.query<OutboxRecord>(`SELECT ${RETURNED} FROM webhook_deliveries WHERE id = $1`, [
      id,
    ])
    const row = rows[0]
    return row ? toDeliveryRow(row) : null
  }

  async counts(): Promise<ReceiverCounts[]> {
    const { rows } = await this.#pool.query<Record<string, unknown>>(
      `SELECT receiver, count(*) FILTER (WHERE state = 'pending') AS pending,
              count(*) FILTER (WHERE state = 'failed') AS failed,
              count(*) FILTER (WHERE state = 'delivered') AS delivered, max(delivered_at) AS last_delivered_at
       FROM webhook_deliveries GROUP BY receiver ORDER BY receiver COLLATE "C"`,
    )
    return rows.map((row) => ({
      receiver: String(row['receiver']),
      pending: Number(row['pending']),
      failed: Number(row['failed']),
      delivered: Number(row['delivered']),
      lastDeliveredAt: row['last_delivered_at'] === null ? null : Number(row['last_delivered_at']),
    }))
  }

  async retryNow(id: string, now: number): Promise<DeliveryRow | null> {
    const { rows } = await this.#pool.query<OutboxRecord>(
      `UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = $2
       WHERE id = $1 AND state != 'delivered' RETURNING ${RETURNED}`,
      [id, now],
    )
    const row = rows[0]
    return row ? toDeliveryRow(row) : null
  }
}
