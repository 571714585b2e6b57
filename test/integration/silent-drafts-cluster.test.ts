import { afterEach, describe, expect, it } from 'vitest'
import { createNote, listNotes, readSession } from '@shared/board/index.ts'
import { setSessionFlags } from '@shared/facilitation/index.ts'
import { newId } from '@shared/ids.ts'
import { createCluster, type ClusterFixture } from '../helpers/cluster.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'
import { TcpProxy } from '../helpers/tcp-proxy.ts'

/**
 * The reveal with several processes on PostgreSQL and Redis: drafts open on different nodes
 * (and one open on none) are copied into the board once each, every node's clients see the
 * same board, and the drafts are emptied everywhere.
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))

const place = { x: 10, y: 10, color: '#fde68a', zone: null }

describe.skipIf(!runs)(
  `silent drafts in a cluster${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`,
  () => {
    let cluster: ClusterFixture
    const proxies: TcpProxy[] = []

    afterEach(async () => {
      await cluster?.cleanup()
      await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
    })

    it('copies each draft into the board exactly once when the facilitator reveals through one node', async () => {
      cluster = await createCluster()
      const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
      const board = await a.createBoard('Klusteri hiljaa')
      const connect = (
        node: typeof a,
        role: 'facilitator' | 'participant',
        params: Record<string, string> = {},
      ): TestClient => cluster.track(connectClient(node.syncUrl, board.id, board.tokens[role], { params }))
      const facilitatorA = connect(a, 'facilitator')
      const facilitatorB = connect(b, 'facilitator')
      const watcherB = connect(b, 'participant', { participant: 'watcher' })
      await Promise.all([facilitatorA.synced(), facilitatorB.synced(), watcherB.synced()])
      setSessionFlags(facilitatorA.doc, { silent: true })
      await eventually(() => expect(readSession(facilitatorB.doc).silent).toBe(true))

      const keys = { onA: newId(24), onB: newId(24), closed: newId(24) }
      const draftOnA = connect(a, 'participant', { draft: keys.onA })
      const draftOnB = connect(b, 'participant', { draft: keys.onB })
      const draftClosed = connect(b, 'participant', { draft: keys.closed })
      await Promise.all([draftOnA.synced(), draftOnB.synced(), draftClosed.synced()])
      const ids: string[] = []
      for (const [client, author] of [
        [draftOnA, 'aino'],
        [draftOnB, 'bert'],
        [draftClosed, 'cecilia'],
      ] as const) {
        for (let i = 0; i < 3; i++)
          ids.push(createNote(client.doc, { ...place, text: `${author} ${i}`, authorId: author, authorName: author }))
      }
      // Both nodes hold every draft note (stored before acknowledged) before the reveal.
      const probes = [connect(a, 'participant', { draft: keys.onB }), connect(b, 'participant', { draft: keys.onA })]
      await eventually(() => expect(probes.map((probe) => listNotes(probe.doc).length)).toEqual([3, 3]))
      await eventually(() => expect(listNotes(draftClosed.doc)).toHaveLength(3))
      draftClosed.destroy()
      expect(listNotes(watcherB.doc)).toEqual([])

      setSessionFlags(facilitatorA.doc, { silent: false })
      const sorted = [...ids].sort()
      for (const client of [facilitatorA, facilitatorB, watcherB]) {
        await eventually(() =>
          expect(
            listNotes(client.doc)
              .map((note) => note.id)
              .sort(),
          ).toEqual(sorted),
        )
      }
      for (const client of [draftOnA, draftOnB, ...probes])
        await eventually(() => expect(listNotes(client.doc)).toEqual([]))
      // Exactly once: a third node loads the stored board from PostgreSQL; each id once, and the
      // board's notes map never had a second copy of a note written (that would leave a
      // deleted duplicate under the same key).
      const c = await cluster.startNode()
      const fresh = cluster.track(connectClient(c.syncUrl, board.id, board.tokens.viewer))
      await fresh.synced()
      const notes = listNotes(fresh.doc)
      expect(notes.map((note) => note.id).sort()).toEqual(sorted)
      expect(notes.find((note) => note.text === 'bert 1')).toMatchObject({ authorId: 'bert', authorName: 'bert' })
      let copies = 0
      const notesMap = fresh.doc.getMap('notes')
      notesMap._map.forEach((latest) => {
        for (let item: typeof latest | null = latest; item !== null; item = item.left) copies++
      })
      expect(copies).toBe(ids.length)
    })

    it('reveals a draft note that reached storage but not yet the revealing node (it reads the drafts from storage)', async () => {
      cluster = await createCluster()
      const url = new URL(cluster.redisUrl)
      const link = await TcpProxy.start(url.hostname, Number(url.port || 6379))
      proxies.push(link)
      const a = await cluster.startNode()
      const b = await cluster.startNode({ REDIS_URL: link.rewrite(cluster.redisUrl) })
      const board = await a.createBoard('Viive')
      const connect = (
        node: typeof a,
        role: 'facilitator' | 'participant',
        params: Record<string, string> = {},
      ): TestClient => cluster.track(connectClient(node.syncUrl, board.id, board.tokens[role], { params }))
      const facilitator = connect(a, 'facilitator')
      const watcherA = connect(a, 'participant', { participant: 'watcher-a' })
      const watcherB = connect(b, 'participant', { participant: 'watcher-b' })
      await Promise.all([facilitator.synced(), watcherA.synced(), watcherB.synced()])
      setSessionFlags(facilitator.doc, { silent: true })
      await eventually(() => expect(readSession(watcherB.doc).silent).toBe(true))
      // One draft, open on both nodes (two tabs of one browser), so both have it loaded; one
      // note both nodes have.
      const key = newId(24)
      const tabA = connect(a, 'participant', { draft: key })
      const tabB = connect(b, 'participant', { draft: key })
      await Promise.all([tabA.synced(), tabB.synced()])
      const known = createNote(tabA.doc, { ...place, text: 'molemmilla', authorId: 'bert', authorName: 'Bert' })
      await eventually(() => expect(listNotes(tabB.doc).map((note) => note.id)).toEqual([known]))

      // B's link to Redis hangs: the note B stores now does not reach A before the reveal.
      link.stall()
      const late = createNote(tabB.doc, { ...place, x: 200, text: 'vain B:llä', authorId: 'bert', authorName: 'Bert' })
      const probe = connect(b, 'participant', { draft: key })
      await eventually(() =>
        expect(
          listNotes(probe.doc)
            .map((note) => note.id)
            .sort(),
        ).toEqual([known, late].sort()),
      )
      expect(listNotes(tabA.doc).map((note) => note.id)).toEqual([known])
      setSessionFlags(facilitator.doc, { silent: false })
      // The reveal copies every note of the draft in one transaction: both arrive together.
      await eventually(() => expect(listNotes(watcherA.doc).map((note) => note.id)).toContain(known))
      expect(
        listNotes(watcherA.doc)
          .map((note) => note.id)
          .sort(),
      ).toEqual([known, late].sort())
      link.resume()

      await eventually(
        () =>
          expect(
            listNotes(watcherB.doc)
              .map((note) => note.text)
              .sort(),
          ).toEqual(['molemmilla', 'vain B:llä']),
        { timeoutMs: 20_000 },
      )
      for (const client of [tabA, tabB])
        await eventually(() => expect(listNotes(client.doc)).toEqual([]), { timeoutMs: 20_000 })
    })
  },
)
