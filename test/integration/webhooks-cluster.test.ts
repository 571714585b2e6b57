import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { startChildServer, type ChildServer } from '../helpers/child-server.ts'
import { api, boardWithNotes, patchIdea, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { createBoardVia, startServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { createTestDatabase, probePostgres, requireService, type TestDatabase } from '../helpers/services.ts'
import { signatureValid, WebhookReceiver } from '../helpers/webhook-receiver.ts'

const status = await probePostgres()
const runs = requireService(status)
const SECRET = 'webhook-secret-for-tests-0123456789'
const HUB_TOKEN = 'hub-token-for-cluster-tests-0123'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
})

/** A child process seen through the helpers that take a TestServer (HTTP and sync URLs only). */
function asServer(child: ChildServer): TestServer {
  return {
    url: child.url,
    syncUrl: child.syncUrl,
    createBoard: (title = 'Test board') => createBoardVia(child.url, title),
  } as unknown as TestServer
}

describe(`webhooks in a cluster (postgres${runs ? '' : `, skipped: ${status.reason}`})`, () => {
  it.skipIf(!runs)(
    'another process delivers what a killed process had claimed; no delivery is lost, and each is accepted once',
    async () => {
      const database: TestDatabase = await createTestDatabase()
      cleanups.push(() => database.drop())
      const receiver = await new WebhookReceiver().start()
      cleanups.push(() => receiver.stop())
      const env = {
        DATABASE_URL: database.url,
        PG_POOL_MAX: '4',
        SECRET: randomBytes(32).toString('base64url'),
        HUB_TOKEN,
        WEBHOOK_URLS: receiver.url,
        WEBHOOK_SECRET: SECRET,
        // A's lease on what it claimed: this + 5 s; B takes over after that.
        WEBHOOK_TIMEOUT_MS: '2000',
      }

      // Process A (a real child process) claims the first three deliveries; the receiver holds them.
      receiver.answers = ['hang', 'hang', 'hang']
      const a = await startChildServer(tempDataDir(), env)
      cleanups.push(async () => {
        a.kill('SIGKILL')
        await a.exited
      })
      const viaA = asServer(a)
      const { board, facilitator, noteIds } = await boardWithNotes(viaA, [{ text: 'Yhteiskäyttöautot' }])
      cleanups.push(async () => facilitator.destroy())
      const promoted = await promote(viaA, board, { noteIds })
      expect(promoted.status).toBe(201)
      const ideaId = promoted.body.id
      expect((await patchIdea(viaA, ideaId, { status: 'screening' }, HUB_TOKEN)).status).toBe(200)
      expect((await patchIdea(viaA, ideaId, { title: 'Yhteiskäyttöautot kaikille' }, HUB_TOKEN)).status).toBe(200)
      await eventually(() => expect(receiver.requests).toHaveLength(3))

      // Process B joins the cluster; both deliver new changes, neither the other's.
      const b = await startServer(env, {
        dataDir: tempDataDir(),
        webhooks: { schedule: { firstDelayMs: 20, maxDelayMs: 200, pollMs: 50 } },
      })
      cleanups.push(() => b.close())
      expect((await patchIdea(b, ideaId, { status: 'evaluating' }, HUB_TOKEN)).status).toBe(200)
      expect((await patchIdea(viaA, ideaId, { department: 'Kaupunkiympäristö' }, HUB_TOKEN)).status).toBe(200)
      await eventually(() => expect(receiver.accepted.size).toBe(2))
      const held = receiver.requests.slice(0, 3).map((request) => request.deliveryId)
      expect(held.every((id) => !receiver.accepted.has(id))).toBe(true)

      // A dies with three deliveries in flight; B delivers them once A's lease has run out.
      a.kill('SIGKILL')
      await a.exited
      await eventually(() => expect(receiver.accepted.size).toBe(5), { timeoutMs: 30_000 })
      for (const id of held) expect(receiver.attemptsOf(id)).toBe(2) // at least once: A's try and B's
      const others = [...receiver.accepted.keys()].filter((id) => !held.includes(id))
      for (const id of others) expect(receiver.attemptsOf(id)).toBe(1)
      expect(receiver.requests.every((request) => signatureValid(request, SECRET))).toBe(true)
      expect([...receiver.accepted.values()].map((delivery) => delivery.event).sort()).toEqual([
        'idea.promoted',
        'idea.status_changed',
        'idea.status_changed',
        'idea.updated',
        'idea.updated',
      ])
      await eventually(async () => {
        const now = await api<{ items: Array<{ state: string }> }>(b, 'GET', '/api/webhooks/deliveries', {
          token: HUB_TOKEN,
        })
        expect(now.body.items.map((item) => item.state)).toEqual(Array(5).fill('delivered'))
      })
    },
    60_000,
  )
})
