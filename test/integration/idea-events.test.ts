import { afterEach, describe, expect, it } from 'vitest'
import { createCluster, type ClusterFixture } from '../helpers/cluster.ts'
import { boardWithNotes, patchIdea, promote } from '../helpers/ideas.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'
import { readSse, type SseReader } from '../helpers/sse.ts'
import type { TestClient } from '../helpers/clients.ts'

/** GET /api/ideas/events: the hub board's live feed, in one process and across a cluster. */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const clusterRuns = missing.every((status) => requireService(status))

describe('the idea events stream', () => {
  const readers: SseReader[] = []
  const clients: TestClient[] = []
  let server: TestServer | null = null
  let cluster: ClusterFixture | null = null
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close()
    for (const client of clients.splice(0)) client.destroy()
    await server?.close()
    await cluster?.cleanup()
    server = null
    cluster = null
  })

  it('tells a promotion and a status move to every open stream, and nothing for a no-op', async () => {
    server = await startServer()
    const reader = readSse(`${server.url}/api/ideas/events`)
    readers.push(reader)
    const response = await reader.opened
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const made = await boardWithNotes(server, [{ text: 'Kirjastokissa' }])
    clients.push(made.facilitator)
    const idea = (await promote(server, made.board, { noteIds: made.noteIds })).body
    await eventually(() =>
      expect(reader.events).toEqual([
        { event: 'idea', data: expect.objectContaining({ id: idea.id, kind: 'created', status: 'new' }) },
      ]),
    )
    expect((await patchIdea(server, idea.id, { status: 'screening' })).status).toBe(200)
    expect((await patchIdea(server, idea.id, { title: idea.title })).status).toBe(200) // the same title: no change
    expect((await patchIdea(server, idea.id, { status: 'rejected' })).status).toBe(400) // no comment
    expect((await patchIdea(server, idea.id, { status: 'evaluating' })).status).toBe(200)
    // In order, and the no-op and the refused move in between told nobody anything.
    await eventually(() =>
      expect(reader.events.map((event) => (event.data as { status: string }).status)).toEqual([
        'new',
        'screening',
        'evaluating',
      ]),
    )
    expect(reader.events[1]).toEqual({
      event: 'idea',
      data: expect.objectContaining({ id: idea.id, ref: idea.ref, kind: 'updated', status: 'screening' }),
    })
  })

  it.skipIf(!clusterRuns)(
    `reaches a page served by another process of the cluster${clusterRuns ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`,
    async () => {
      cluster = await createCluster()
      const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
      const onB = readSse(`${b.url}/api/ideas/events`)
      readers.push(onB)
      await onB.opened
      const made = await boardWithNotes(a, [{ text: 'Kaupunkipyörät talveksi' }])
      clients.push(made.facilitator)
      const idea = (await promote(a, made.board, { noteIds: made.noteIds })).body
      expect((await patchIdea(a, idea.id, { status: 'screening' })).status).toBe(200)
      await eventually(() =>
        expect(onB.events.map((event) => [event.event, (event.data as { status: string }).status])).toEqual([
          ['idea', 'new'],
          ['idea', 'screening'],
        ]),
      )
    },
  )
})
