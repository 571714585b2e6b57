import type {
  DeliveryOutcome,
  DeliveryRow,
  IdeaChange,
  OutboxDelivery,
  ReceiverCounts,
  WebhookOutbox,
} from '../types.ts'
import { outboxRows, toClaimed, toDeliveryRow, type OutboxRecord } from '../webhook-rows.ts'
import type { SqliteDatabase } from './database.ts'

/**
 * The webhook outbox in SQLite. `record` runs inside the idea store's transaction (the same
 * connection), so a change and its deliveries are committed together or not at all. One
 * process per file: a lease here guards against nothing but a restart's leftovers, which
 * expire.
 */
export class SqliteWebhookOutbox implements WebhookOutbox {
  readonly #db: SqliteDatabase
  #receivers: readonly string[] = []
  #maxAgeMs = 24 * 60 * 60_000
  readonly #statements

  constructor(db: SqliteDatabase) {
    this.#db = db
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO webhook_deliveries (id, event, event_id, receiver, idea_id, idea_ref, idea_title, payload,
                                         state, attempts, created_at, expires_at, next_attempt_at)
         VALUES (@id, @event, @eventId, @receiver, @ideaId, @ideaRef, @ideaTitle, @payload,
                 'pending', 0, @createdAt, @expiresAt, @createdAt)`,
      ),
      claim: db.prepare(
        `UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @until
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE state = 'pending' AND next_attempt_at <= @now
                        AND (lease_until IS NULL OR lease_until <= @now)
                        AND receiver IN (SELECT value FROM json_each(@receivers))
                      ORDER BY next_attempt_at LIMIT @limit)
         RETURNING id, event, event_id, receiver, idea_id, idea_ref, idea_title, payload, state, attempts,
                   created_at, expires_at, next_attempt_at, delivered_at, last_status, last_error`,
      ),
      delivered: db.prepare(
        `UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = @at,
                last_status = @status, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL
         WHERE id = @id AND lease_owner = @owner`,
      ),
      failed: db.prepare(
        `UPDATE webhook_deliveries SET state = CASE WHEN @next IS NULL THEN 'failed' ELSE 'pending' END,
                attempts = attempts + 1, last_status = @status, last_error = @error, next_attempt_at = @next,
                lease_owner = NULL, lease_until = NULL
         WHERE id = @id AND lease_owner = @owner`,
      ),
      release: db.prepare(
        `UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND state = 'pending'`,
      ),
      retry: db.prepare(
        `UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = @now
         WHERE id = @id AND state != 'delivered' RETURNING *`,
      ),
      counts: db.prepare(
        `SELECT receiver, sum(state = 'pending') AS pending, sum(state = 'failed') AS failed,
                sum(state = 'delivered') AS delivered, max(delivered_at) AS lastDeliveredAt
         FROM webhook_deliveries GROUP BY receiver ORDER BY receiver`,
      ),
    }
  }

  setReceivers(receivers: readonly string[], maxAgeMs: number): void {
    this.#receivers = [...receivers]
    this.#maxAgeMs = maxAgeMs
  }

  /** Called by the idea store inside its transaction. */
  record(change: IdeaChange): void {
    for (const row of outboxRows(change, this.#receivers, this.#maxAgeMs)) this.#statements.insert.run(row)
  }

  async claim(options: {
    owner: string
    now: number
    leaseMs: number
    limit: number
    receivers: readonly string[]
  }): Promise<OutboxDelivery[]> {
    if (options.limit <= 0 || options.receivers.length === 0) return []
    const rows = this.#statements.claim.all({
      owner: options.owner,
      until: options.now + options.leaseMs,
      now: options.now,
      limit: options.limit,
      receivers: JSON.stringify(options.receivers),
    }) as OutboxRecord[]
    return rows.map(toClaimed)
  }

  async settle(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    const result = outcome.delivered
      ? this.#statements.delivered.run({ id, owner, at: outcome.at, status: outcome.status })
      : this.#statements.failed.run({
          id,
          owner,
          status: outcome.status,
          error: outcome.error,
          next: outcome.nextAttemptAt,
        })
    return result.changes === 1
  }

  async release(owner: string): Promise<void> {
    this.#statements.release.run(owner)
  }

  async list(options: { state?: DeliveryRow['state']; limit: number }): Promise<DeliveryRow[]> {
    const rows =
      options.state === undefined
        ? this.#db
            .prepare('SELECT * FROM webhook_deliveries ORDER BY created_at DESC, id DESC LIMIT ?')
            .all(options.limit)
        : this.#db
            .prepare('SELECT * FROM webhook_deliveries WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?')
            .all(options.state, options.limit)
    return (rows as Array<Record<string, unknown>>).map(toDeliveryRow)
  }

  async get(id: string): Promise<DeliveryRow | null> {
    const row = this.#db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as OutboxRecord | undefined
    return row ? toDeliveryRow(row) : null
  }

  async counts(): Promise<ReceiverCounts[]> {
    return (this.#statements.counts.all() as Array<Record<string, unknown>>).map((row) => ({
      receiver: String(row['receiver']),
      pending: Number(row['pending']),
      failed: Number(row['failed']),
      delivered: Number(row['delivered']),
      lastDeliveredAt: row['lastDeliveredAt'] === null ? null : Number(row['lastDeliveredAt']),
    }))
  }

  async retryNow(id: string, now: number): Promise<DeliveryRow | null> {
    const row = this.#statements.retry.get({ id, now }) as Record<string, unknown> | undefined
    return row ? toDeliveryRow(row) : null
  }
}
