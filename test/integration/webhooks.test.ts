import { afterEach, describe, expect, it } from 'vitest'
import type { WebhookDeliveries, WebhookDelivery, WebhookPayload } from '@shared/api/webhooks.ts'
import type { AppOptions } from '../../server/app.ts'
import { serverBackends } from '../helpers/backends.ts'
import { api, boardWithNotes, hubToken, patchIdea, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { signatureValid, WebhookReceiver } from '../helpers/webhook-receiver.ts'

const SECRET = 'webhook-secret-for-tests-0123456789'
/** A day of retries in milliseconds: the schedule is the code's, only its numbers differ. */
const FAST: AppOptions = {
  webhooks: { schedule: { firstDelayMs: 20, factor: 2, maxDelayMs: 200, jitter: 0.3, pollMs: 25 } },
}

const backends = await serverBackends()
const receivers: WebhookReceiver[] = []
const servers: TestServer[] = []

async function receiver(): Promise<WebhookReceiver> {
  const started = await new WebhookReceiver().start()
  receivers.push(started)
  return started
}

function webhookEnv(...urls: string[]): Record<string, string> {
  return { WEBHOOK_URLS: urls.join(','), WEBHOOK_SECRET: SECRET }
}

afterEach(async () => {
  await Promise.allSettled(servers.splice(0).map((server) => server.close()))
  await Promise.allSettled(receivers.splice(0).map((one) => one.stop()))
})

/** Promotes one note of a fresh board; the idea's id. */
async function promotedIdea(server: TestServer, text = 'Kirjaston lainat kotiin'): Promise<string> {
  const { board, facilitator, noteIds } = await boardWithNotes(server, [{ text }])
  const response = await promote(server, board, { noteIds })
  facilitator.destroy()
  expect(response.status).toBe(201)
  return response.body.id
}

describe.each(backends)('webhooks ($name)', (backend) => {
  it.skipIf(!backend.runs)(
    'delivers every event, signed, as JSON and as a chat message with a link to the idea',
    async () => {
      const json = await receiver()
      const chat = await receiver()
      const server = await backend.start(webhookEnv(json.url, `${chat.url}#format=slack`), FAST)
      servers.push(server)

      const ideaId = await promotedIdea(server)
      expect((await patchIdea(server, ideaId, { status: 'screening', comment: 'Katsotaan' })).status).toBe(200)
      expect((await patchIdea(server, ideaId, { title: 'Kirjaston lainat kotiovelle' })).status).toBe(200)
      expect((await patchIdea(server, ideaId, { status: 'evaluating' })).status).toBe(200)
      expect((await patchIdea(server, ideaId, { status: 'experimenting' })).status).toBe(200)
      expect((await patchIdea(server, ideaId, { experiment: { hypothesis: 'Lainat kasvavat' } })).status).toBe(200)

      const expected = [
        'idea.promoted',
        'idea.status_changed',
        'idea.updated',
        'idea.status_changed',
        'idea.status_changed',
        'experiment.updated',
      ]
      await eventually(() => expect(json.accepted.size).toBe(expected.length))
      await eventually(() => expect(chat.accepted.size).toBe(expected.length))

      const deliveries = [...json.accepted.values()]
      expect(deliveries.map((delivery) => delivery.event).sort()).toEqual([...expected].sort())
      for (const delivery of [...deliveries, ...chat.accepted.values()]) {
        expect(signatureValid(delivery, SECRET)).toBe(true)
        expect(delivery.deliveryId).toMatch(/^[A-Za-z0-9_-]{20}$/)
      }
      // Each receiver has its own delivery ids; the event id is shared.
      const jsonIds = new Set(json.accepted.keys())
      expect([...chat.accepted.keys()].some((id) => jsonIds.has(id))).toBe(false)

      const status = deliveries
        .map((delivery) => JSON.parse(delivery.body) as WebhookPayload)
        .find((payload) => payload.change.kind === 'status' && payload.change.to === 'screening')
      expect(status).toMatchObject({
        event: 'idea.status_changed',
        idea: { id: ideaId, url: `${server.url}/ideas/${ideaId}`, status: 'screening' },
        change: { kind: 'status', from: 'new', to: 'screening', comment: 'Katsotaan', by: { role: 'hub' } },
      })
      const updated = deliveries
        .map((delivery) => JSON.parse(delivery.body) as WebhookPayload)
        .find((payload) => payload.event === 'idea.updated')
      expect(updated?.change).toEqual({ kind: 'fields', fields: ['title'], by: { role: 'hub' } })

      const texts = [...chat.accepted.values()].map((delivery) => (JSON.parse(delivery.body) as { text: string }).text)
      expect(texts).toContainEqual(expect.stringMatching(/Screening → Evaluating\. http:\/\/127\.0\.0\.1:\d+\/ideas\//))
      expect(texts.every((text) => text.endsWith(`${server.url}/ideas/${ideaId}`))).toBe(true)

      // The hub's page lists them, delivered (once each outcome is recorded), with the receivers' origins only.
      const page = await eventually(async () => {
        const answer = await api<WebhookDeliveries>(server, 'GET', '/api/webhooks/deliveries', {
          token: hubToken(server),
        })
        expect(answer.body.items.filter((item) => item.state === 'delivered')).toHaveLength(2 * expected.length)
        return answer
      })
      expect(page.body.receivers.map((one) => one.format).sort()).toEqual(['json', 'slack'])
      expect(page.text).not.toContain('/hook')
    },
  )

  it.skipIf(!backend.runs)(
    'retries a receiver that fails N times with backoff; the other receiver gets each delivery once',
    async () => {
      const failing = await receiver()
      const healthy = await receiver()
      failing.answers = ['fail', 'fail', 'fail']
      const server = await backend.start(webhookEnv(failing.url, healthy.url), FAST)
      servers.push(server)

      await promotedIdea(server)
      await eventually(() => expect(failing.accepted.size).toBe(1))
      const [delivery] = [...failing.accepted.values()]
      expect(failing.attemptsOf(delivery!.deliveryId)).toBe(4)
      // The same delivery id and body on every attempt.
      expect(new Set(failing.requests.map((request) => request.body)).size).toBe(1)
      expect(healthy.requests).toHaveLength(1)

      await eventually(async () => {
        const page = await api<WebhookDeliveries>(server, 'GET', '/api/webhooks/deliveries', {
          token: hubToken(server),
        })
        const failingRow = page.body.items.find((item) => item.id === delivery!.deliveryId)
        expect(failingRow).toMatchObject({ state: 'delivered', attempts: 4, lastStatus: 204 })
      })
    },
  )

  it.skipIf(!backend.runs)('gives up after the schedule and lets the hub retry a failed delivery', async () => {
    const down = await receiver()
    await down.stop()
    const server = await backend.start(webhookEnv(down.url), {
      webhooks: { schedule: { ...FAST.webhooks?.schedule, maxAgeMs: 3000 } },
    })
    servers.push(server)
    await promotedIdea(server)
    const failed = await eventually(async () => {
      const page = await api<WebhookDeliveries>(server, 'GET', '/api/webhooks/deliveries?state=failed', {
        token: hubToken(server),
      })
      expect(page.body.items).toHaveLength(1)
      return page.body.items[0] as WebhookDelivery
    })
    expect(failed.attempts).toBeGreaterThan(1)
    expect(failed.lastError).toMatch(/ECONNREFUSED/)
    expect(failed.nextAttemptAt).toBeNull()

    await down.start()
    const refused = await api(server, 'POST', `/api/webhooks/deliveries/${failed.id}/retry`, {
      token: (await server.createBoard()).tokens.facilitator,
    })
    expect(refused.status).toBe(403)
    const retried = await api<WebhookDelivery>(server, 'POST', `/api/webhooks/deliveries/${failed.id}/retry`, {
      token: hubToken(server),
    })
    expect(retried.status).toBe(200)
    await eventually(() => expect(down.accepted.has(failed.id)).toBe(true))
    const again = await api(server, 'POST', `/api/webhooks/deliveries/${failed.id}/retry`, { token: hubToken(server) })
    expect(again.status).toBe(409)
  })
})

describe('webhooks across a restart (sqlite)', () => {
  it('delivers what was stored while the receiver was down and the server restarted, none twice', async () => {
    const flaky = await receiver()
    const steady = await receiver()
    await flaky.stop()
    const dataDir = tempDataDir()
    const env = webhookEnv(flaky.url, steady.url)
    const first = await startServer(env, { ...FAST, dataDir })
    const ideaId = await promotedIdea(first)
    expect((await patchIdea(first, ideaId, { status: 'screening' })).status).toBe(200)
    await eventually(() => expect(steady.accepted.size).toBe(2))
    // The down receiver has been tried and is waiting for its next attempt.
    await eventually(async () => {
      const page = await api<WebhookDeliveries>(first, 'GET', '/api/webhooks/deliveries?state=pending', {
        token: hubToken(first),
      })
      expect(page.body.items.filter((item) => item.attempts > 0)).toHaveLength(2)
    })
    await first.close()

    await flaky.start()
    const second = await startServer(env, { ...FAST, dataDir })
    servers.push(second)
    expect((await patchIdea(second, ideaId, { status: 'evaluating' })).status).toBe(200)
    await eventually(() => expect(flaky.accepted.size).toBe(3))
    await eventually(() => expect(steady.accepted.size).toBe(3))
    expect(steady.requests).toHaveLength(3) // none twice to the receiver that never failed
    expect(flaky.requests.every((request) => signatureValid(request, SECRET))).toBe(true)
    expect([...flaky.accepted.values()].map((delivery) => delivery.event).sort()).toEqual([
      'idea.promoted',
      'idea.status_changed',
      'idea.status_changed',
    ])
  })

  it('writes nothing when no receivers are configured, and refuses a bad configuration', async () => {
    const server = await startServer({}, FAST)
    servers.push(server)
    await promotedIdea(server)
    const page = await api<WebhookDeliveries>(server, 'GET', '/api/webhooks/deliveries', { token: hubToken(server) })
    expect(page.body).toEqual({ enabled: false, receivers: [], items: [] })
    await expect(startServer({ WEBHOOK_URLS: 'http://127.0.0.1:9/x' })).rejects.toThrow(/WEBHOOK_SECRET is required/)
    await expect(startServer(webhookEnv('ftp://example.org/x'))).rejects.toThrow(/WEBHOOK_URLS only http and https/)
    await expect(startServer(webhookEnv('http://example.org/x#format=xml'))).rejects.toThrow(
      /WEBHOOK_URLS unknown suffix/,
    )
  })
})
