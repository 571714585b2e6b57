import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request a receiver got. */
export interface ReceivedDelivery {
  event: string
  deliveryId: string
  signature: string
  body: string
  /** When it arrived (Date.now()). */
  at: number
}

/** What the receiver answers a request with. */
export type ReceiverAnswer = 'ok' | 'fail' | 'hang'

/**
 * A real webhook receiver on 127.0.0.1 (node:http, port 0): it records every request, answers
 * as the test decides (ok, 500, or never), de-duplicates by delivery id as a careful receiver
 * does, and can go down and come back on the same port.
 */
export class WebhookReceiver {
  readonly requests: ReceivedDelivery[] = []
  /** Deliveries accepted (2xx) by id, each once: what a de-duplicating receiver acts on. */
  readonly accepted = new Map<string, ReceivedDelivery>()
  /** Answers for the next requests, in order; after them every request is answered `ok`. */
  answers: ReceiverAnswer[] = []
  #server: Server | null = null
  #port = 0
  readonly #hanging = new Set<ServerResponse>()

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hook`
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => void this.#handle(request, response))
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve))
    this.#port = (server.address() as AddressInfo).port
    this.#server = server
    return this
  }

  /** Down: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.#server
    this.#server = null
    if (!server) return
    for (const response of this.#hanging) response.destroy()
    this.#hanging.clear()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Deliveries of an event, de-duplicated. */
  acceptedOf(event: string): ReceivedDelivery[] {
    return [...this.accepted.values()].filter((delivery) => delivery.event === event)
  }

  /** Requests per delivery id (more than one: a retry or a duplicate). */
  attemptsOf(deliveryId: string): number {
    return this.requests.filter((request) => request.deliveryId === deliveryId).length
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const delivery: ReceivedDelivery = {
      event: String(request.headers['x-kokeileva-event'] ?? ''),
      deliveryId: String(request.headers['x-kokeileva-delivery'] ?? ''),
      signature: String(request.headers['x-kokeileva-signature'] ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    }
    this.requests.push(delivery)
    const answer = this.answers.shift() ?? 'ok'
    if (answer === 'hang') {
      this.#hanging.add(response)
      return
    }
    if (answer === 'fail') {
      response.writeHead(500).end('failing on purpose')
      return
    }
    if (!this.accepted.has(delivery.deliveryId)) this.accepted.set(delivery.deliveryId, delivery)
    response.writeHead(204).end()
  }
}

/** Whether a delivery's signature is the HMAC-SHA256 of its raw body with the secret. */
export function signatureValid(delivery: ReceivedDelivery, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`)
  const got = Buffer.from(delivery.signature)
  return got.length === expected.length && timingSafeEqual(got, expected)
}
