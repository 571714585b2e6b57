import { randomUUID } from 'node:crypto'
import { WEBHOOK_HEADERS, type WebhookPayload } from '@shared/api/webhooks.ts'
import type { OutboxDelivery, WebhookOutbox } from '../storage/types.ts'
import type { Logger } from '../sync/socket.ts'
import { VERSION } from '../version.ts'
import type { Receiver } from './receivers.ts'
import { renderBody } from './render.ts'
import { nextAttemptAt, type RetrySchedule } from './schedule.ts'
import { signBody } from './signature.ts'

export interface DispatcherOptions {
  outbox: WebhookOutbox
  receivers: readonly Receiver[]
  secret: string
  /** The base of the idea links in payloads (read per delivery: the port is known after listen). */
  publicUrl: () => string
  log: Logger
  schedule: RetrySchedule
  /** How long one request may take. */
  timeoutMs: number
  /** Requests in flight at most (this process). */
  concurrency: number
  /** How long a claimed delivery stays this process's; longer than a request may take (default: timeout + 5 s). */
  leaseMs?: number
  now?: () => number
}

/** A lease outlasts its request's timeout by this much: time to record the outcome. */
const LEASE_MARGIN_MS = 5000

/** What this process has done since it started (the bench and the report read it). */
export interface DispatcherStats {
  delivered: number
  failedAttempts: number
  givenUp: number
}

/**
 * Delivers the outbox: claims due deliveries under a lease, POSTs each (signed) with a
 * timeout, and records the outcome: delivered, or the next attempt by the retry schedule, or
 * given up after the schedule's day. Runs in every process; the outbox's claims decide who
 * sends what. Requests are plain async fetches with at most `concurrency` in flight, so a slow
 * receiver holds a slot for at most the timeout and never the event loop or the registry's
 * requests (which only write rows).
 *
 * Kicked when this process stores a change (its deliveries go out at once) and polled every
 * `schedule.pollMs` for retries that fell due and for rows of other processes.
 */
export class WebhookDispatcher {
  readonly #options: DispatcherOptions
  readonly #owner = randomUUID()
  readonly #receivers: Map<string, Receiver>
  readonly #keys: string[]
  readonly #leaseMs: number
  readonly #now: () => number
  readonly #inFlight = new Map<string, { abort: AbortController; done: Promise<void> }>()
  #pumping: Promise<void> | null = null
  #again = false
  #timer: NodeJS.Timeout | null = null
  #stopped = false
  readonly stats: DispatcherStats = { delivered: 0, failedAttempts: 0, givenUp: 0 }

  constructor(options: DispatcherOptions) {
    this.#options = options
    this.#receivers = new Map(options.receivers.map((receiver) => [receiver.key, receiver]))
    this.#keys = [...this.#receivers.keys()]
    this.#leaseMs = options.leaseMs ?? options.timeoutMs + LEASE_MARGIN_MS
    this.#now = options.now ?? Date.now
  }

  start(): void {
    if (this.#keys.length === 0 || this.#timer) return
    this.#timer = setInterval(() => this.kick(), this.#options.schedule.pollMs)
    this.#timer.unref()
    this.kick()
  }

  /** Looks for due deliveries now (a change was just stored, or a retry asked for). */
  kick(): void {
    if (this.#stopped || this.#keys.length === 0) return
    if (this.#pumping) {
      this.#again = true
      return
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null
    })
  }

  /** Stops claiming, abandons the requests in flight and gives their deliveries back. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#pumping
    for (const { abort } of this.#inFlight.values()) abort.abort()
    await Promise.all([...this.#inFlight.values()].map(({ done }) => done))
    await this.#options.outbox.release(this.#owner).catch((error: unknown) => {
      // The leases run out by themselves; another process (or the next start) goes on then.
      this.#options.log.warn({ err: error }, 'webhook leases could not be given back')
    })
  }

  async #pump(): Promise<void> {
    do {
      this.#again = false
      const free = this.#options.concurrency - this.#inFlight.size
      if (free <= 0 || this.#stopped) return
      let claimed: OutboxDelivery[]
      try {
        claimed = await this.#options.outbox.claim({
          owner: this.#owner,
          now: this.#now(),
          leaseMs: this.#leaseMs,
          limit: free,
          receivers: this.#keys,
        })
      } catch (error) {
        // The database is away: the next poll tries again; nothing was claimed.
        this.#options.log.warn({ err: error }, 'webhook deliveries could not be claimed')
        return
      }
      for (const delivery of claimed) this.#start(delivery)
      if (claimed.length === free) this.#again = true
    } while (this.#again && !this.#stopped)
  }

  #start(delivery: OutboxDelivery): void {
    const abort = new AbortController()
    const done = this.#attempt(delivery, abort.signal).finally(() => {
      this.#inFlight.delete(delivery.id)
      this.kick()
    })
    this.#inFlight.set(delivery.id, { abort, done })
  }

  async #attempt(delivery: OutboxDelivery, stop: AbortSignal): Promise<void> {
    const { log } = this.#options
    const receiver = this.#receivers.get(delivery.receiver)
    if (!receiver) return // claims name only configured receivers
    const context = { deliveryId: delivery.id, event: delivery.event, receiver: receiver.label }
    let status: number | null = null
    let error: string
    try {
      const payload = JSON.parse(delivery.payload) as WebhookPayload
      const body = renderBody(payload, receiver.format, this.#options.publicUrl())
      const response = await fetch(receiver.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': `Kokeileva/${VERSION}`,
          [WEBHOOK_HEADERS.event]: delivery.event,
          [WEBHOOK_HEADERS.delivery]: delivery.id,
          [WEBHOOK_HEADERS.signature]: signBody(body, this.#options.secret),
        },
        body,
        // A redirect would carry the signature elsewhere; the receiver's URL is to be fixed instead.
        redirect: 'manual',
        signal: AbortSignal.any([stop, AbortSignal.timeout(this.#options.timeoutMs)]),
      })
      status = response.status
      // The answer's body is not needed; reading it to its end frees the connection.
      await response.body?.cancel().catch(() => undefined)
      if (response.ok) {
        const at = this.#now()
        await this.#settle(delivery, { delivered: true, at, status })
        this.stats.delivered++
        log.debug(
          { ...context, attempts: delivery.attempts + 1, latencyMs: at - delivery.createdAt },
          'webhook delivered',
        )
        return
      }
      error = `HTTP ${status}`
    } catch (caught) {
      if (stop.aborted) return // shutting down: stop() gives the delivery back
      const cause = (caught as Error & { cause?: { code?: string } }).cause
      error =
        (caught as Error).name === 'TimeoutError'
          ? `no answer in ${this.#options.timeoutMs} ms`
          : (cause?.code ?? (caught as Error).message)
    }
    const now = this.#now()
    const next = nextAttemptAt(this.#options.schedule, delivery.attempts + 1, delivery.expiresAt, now)
    this.stats.failedAttempts++
    if (next === null) this.stats.givenUp++
    await this.#settle(delivery, { delivered: false, at: now, status, error, nextAttemptAt: next })
    log.warn(
      { ...context, attempts: delivery.attempts + 1, status, error, retryInMs: next === null ? null : next - now },
      next === null ? 'webhook delivery failed for good' : 'webhook delivery failed; retrying later',
    )
  }

  async #settle(delivery: OutboxDelivery, outcome: Parameters<WebhookOutbox['settle']>[2]): Promise<void> {
    try {
      const kept = await this.#options.outbox.settle(delivery.id, this.#owner, outcome)
      // Lost lease: this attempt outlived it and another process took the row (it may send again).
      if (!kept)
        this.#options.log.warn({ deliveryId: delivery.id }, 'webhook delivery lease lost before it was settled')
    } catch (error) {
      // Unrecorded: the lease runs out and the delivery is attempted again (at least once).
      this.#options.log.warn({ err: error, deliveryId: delivery.id }, 'webhook delivery outcome could not be recorded')
    }
  }
}
