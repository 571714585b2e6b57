import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startReverseProxy, type ReverseProxy } from '../../scripts/cluster/proxy.ts'
import { spawnNode, type NodeProcess } from '../../scripts/cluster/node-process.ts'
import { encodeSyncStep1 } from '../../server/sync/messages.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import type { BoardCreated } from '@shared/api/boards.ts'
import { createNote, listNotes } from '@shared/board/index.ts'
import { createCluster, relayOf, type ClusterFixture } from '../helpers/cluster.ts'
import { connectClient, docJson, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { OwnRedisServer, redisServerInstalled } from '../helpers/redis-server.ts'
import { createBoardVia } from '../helpers/server.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'
import { TcpProxy } from '../helpers/tcp-proxy.ts'

/**
 * Failures of a scaled-out deployment: a process killed with -9, Redis restarted mid-session,
 * PostgreSQL unreachable for a while. Nothing another client saw may be lost, nothing
 * unstored may be shown as stored, and every client converges afterwards.
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))
const canRestartRedis = runs && (await redisServerInstalled())
if (runs && !canRestartRedis && process.env.REQUIRE_SERVICES === '1')
  throw new Error('REQUIRE_SERVICES=1 but redis-server is not installed')

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

function noteTexts(client: TestClient): string[] {
  return listNotes(client.doc)
    .map((note) => note.text)
    .sort()
}

async function connections(nodeUrl: string, board: BoardCreated): Promise<number> {
  const response = await fetch(`${nodeUrl}/api/boards/${board.id}`, {
    headers: { authorization: `Bearer ${board.tokens.viewer}` },
  })
  const summary = (await response.json()) as { counts: { connections: number } }
  return summary.counts.connections
}

describe.skipIf(!runs)(
  `cluster failures${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`,
  () => {
    let cluster: ClusterFixture | null = null
    const cleanups: Array<() => Promise<unknown>> = []

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
      await cluster?.cleanup()
      cluster = null
    })

    it('a process killed with -9 loses nothing another client saw; its clients move to another and converge', async () => {
      cluster = await createCluster()
      const dataDir = mkdtempSync(join(tmpdir(), 'kokeileva-crash-'))
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
      // The process to be killed runs as a child; the survivor and the late node in this process.
      const doomed: NodeProcess = await spawnNode({
        env: {
          ...cluster.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
          COMPACT_AFTER_UPDATES: '20',
        },
      })
      cleanups.push(() => doomed.stop('SIGKILL'))
      const survivor = await cluster.startNode({ COMPACT_AFTER_UPDATES: '20' })
      const proxy: ReverseProxy = await startReverseProxy({ backends: [doomed.url, survivor.url], downForMs: 60_000 })
      cleanups.push(() => proxy.close())
      const syncUrl = `${proxy.url.replace('http', 'ws')}/sync`
      const board = await createBoardVia(doomed.url, 'Kaatuva solmu')

      // Round-robin: the first client lands on the doomed process, the second on the survivor.
      const moving = cluster.track(connectClient(syncUrl, board.id, board.tokens.participant))
      await moving.synced()
      const staying = cluster.track(connectClient(syncUrl, board.id, board.tokens.participant))
      await staying.synced()
      expect(await connections(doomed.url, board)).toBe(1)
      expect(await connections(survivor.url, board)).toBe(1)

      for (let i = 0; i < 40; i++) createNote(moving.doc, { ...author, x: i, y: 0, text: `seen ${i}` })
      for (let i = 0; i < 10; i++) createNote(staying.doc, { ...author, x: i, y: 1, text: `other ${i}` })
      await eventually(() => expect(listNotes(staying.doc)).toHaveLength(50))
      const seenByOthers = noteTexts(staying)

      await doomed.stop('SIGKILL')
      // Written while its process is dead: kept by the client, sent wherever it reconnects.
      for (let i = 0; i < 5; i++) createNote(moving.doc, { ...author, x: i, y: 2, text: `offline ${i}` })
      await eventually(async () => expect(await connections(survivor.url, board)).toBe(2), { timeoutMs: 20_000 })
      await eventually(
        () => {
          expect(listNotes(staying.doc)).toHaveLength(55)
          expect(noteTexts(moving)).toEqual(noteTexts(staying))
        },
        { timeoutMs: 20_000 },
      )
      expect(noteTexts(staying)).toEqual(expect.arrayContaining(seenByOthers))

      // All of it is stored: a process started now serves every note.
      const fresh = await cluster.startNode()
      const reader = cluster.track(connectClient(fresh.syncUrl, board.id, board.tokens.viewer))
      await reader.synced()
      await eventually(() => expect(noteTexts(reader)).toEqual(noteTexts(staying)))
    })

    it.skipIf(!canRestartRedis)('Redis restarted mid-session: the nodes reconnect, resync and converge', async () => {
      const own = await OwnRedisServer.start()
      cleanups.push(() => own.kill())
      cluster = await createCluster({ redisUrl: own.url })
      const [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()])
      const board = await a.createBoard()
      const onA = cluster.track(connectClient(a.syncUrl, board.id, board.tokens.participant))
      const onB = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.participant))
      await Promise.all([onA.synced(), onB.synced()])
      createNote(onA.doc, { ...author, x: 0, y: 0, text: 'before' })
      await eventually(() => expect(noteTexts(onB)).toEqual(['before']))

      await own.kill()
      createNote(onA.doc, { ...author, x: 1, y: 0, text: 'from a while Redis was down' })
      createNote(onB.doc, { ...author, x: 2, y: 0, text: 'from b while Redis was down' })
      await eventually(() =>
        expect(relayOf(a).stats.publishFailures + relayOf(b).stats.publishFailures).toBeGreaterThanOrEqual(2),
      )
      await own.restart()

      const all = ['before', 'from a while Redis was down', 'from b while Redis was down']
      await eventually(
        () => {
          expect(noteTexts(onA)).toEqual(all)
          expect(noteTexts(onB)).toEqual(all)
        },
        { timeoutMs: 20_000 },
      )
      await eventually(() =>
        expect(relayOf(a).stats.resyncs.restarted + relayOf(b).stats.resyncs.restarted).toBeGreaterThanOrEqual(2),
      )
      createNote(onB.doc, { ...author, x: 3, y: 0, text: 'after' })
      await eventually(() => expect(noteTexts(onA)).toContain('after'))
      expect(docJson(onA.doc)).toEqual(docJson(onB.doc))
    })

    it('PostgreSQL unreachable: writes wait and retry, /readyz is not ready, nothing unstored is shown as stored', async () => {
      cluster = await createCluster()
      const pgUrl = new URL(cluster.database.url)
      const pgLink = await TcpProxy.start(pgUrl.hostname, Number(pgUrl.port || 5432))
      cleanups.push(() => pgLink.close())
      const a = await cluster.startNode({ DATABASE_URL: pgLink.rewrite(cluster.database.url) })
      const b = await cluster.startNode()
      const board = await b.createBoard()
      const onA = cluster.track(connectClient(a.syncUrl, board.id, board.tokens.participant))
      const onB = cluster.track(connectClient(b.syncUrl, board.id, board.tokens.participant))
      await Promise.all([onA.synced(), onB.synced()])
      createNote(onA.doc, { ...author, x: 0, y: 0, text: 'stored before' })
      await eventually(() => expect(noteTexts(onB)).toEqual(['stored before']))

      pgLink.cut()
      createNote(onA.doc, { ...author, x: 1, y: 0, text: 'written during the outage' })
      // The client asks "do you have everything I have?" (sync step 1); the server answers only
      // once what it answers with is stored, so a client's "saved" mark waits for storage.
      onA.provider.synced = false
      ;(onA.provider.ws as unknown as import('ws').WebSocket).send(encodeSyncStep1(onA.doc))
      await eventually(() => expect(a.app.sync.writer.healthy).toBe(false))
      const notReady = await fetch(`${a.url}/readyz`)
      expect(notReady.status).toBe(503)
      expect(await notReady.json()).toMatchObject({ status: 'unavailable', checks: { storage: false, writes: false } })
      // The write has been tried and failed: nobody else got it, and its author is not told it is saved.
      expect(noteTexts(onB)).toEqual(['stored before'])
      expect(onA.provider.synced).toBe(false)

      pgLink.restore()
      await eventually(() => expect(noteTexts(onB)).toEqual(['stored before', 'written during the outage']), {
        timeoutMs: 20_000,
      })
      await eventually(() => expect(onA.provider.synced).toBe(true))
      await eventually(async () => expect((await fetch(`${a.url}/readyz`)).status).toBe(200))
      const stored = await b.app.storage.boards.loadBoardState(board.id)
      const doc = docFromState(stored!)
      expect(
        listNotes(doc)
          .map((note) => note.text)
          .sort(),
      ).toEqual(['stored before', 'written during the outage'])
      doc.destroy()
    })
  },
)
