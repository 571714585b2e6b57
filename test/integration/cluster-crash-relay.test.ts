import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnNode } from '../../scripts/cluster/node-process.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import { createNote } from '@shared/board/index.ts'
import { createCluster, relayOf, type ClusterFixture } from '../helpers/cluster.ts'
import { connectClient, noteTexts, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { createBoardVia, type TestServer } from '../helpers/server.ts'
import { probePostgres, probeRedis, requireService } from '../helpers/services.ts'
import { TcpProxy } from '../helpers/tcp-proxy.ts'

/**
 * A process killed between committing an update to PostgreSQL and relaying it through Redis.
 * The other processes must still converge on everything committed, within a few seconds,
 * while they keep the board loaded (and their clients with them).
 */
const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()])
const missing = [postgres, redis].filter((status) => !status.available)
const runs = missing.every((status) => requireService(status))

const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

const texts = (client: TestClient) => noteTexts(client.doc)

async function storedTexts(node: TestServer, boardId: string): Promise<string[]> {
  const doc = docFromState((await node.app.storage.boards.loadBoardState(boardId))!)
  try {
    return noteTexts(doc)
  } finally {
    doc.destroy()
  }
}

describe.skipIf(!runs)(
  `a crash between commit and relay${runs ? '' : ` (skipped: ${missing.map((s) => s.reason).join('; ')})`}`,
  { timeout: 90_000 },
  () => {
    let cluster: ClusterFixture | null = null
    const cleanups: Array<() => Promise<unknown>> = []

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
      await cluster?.cleanup()
      cluster = null
    })

    it('the other process and its clients get the committed updates within seconds, the board staying loaded', async () => {
      cluster = await createCluster()
      const redisUrl = new URL(cluster.redisUrl)
      // The doomed process reaches Redis through a link the test can stall: its commits reach
      // PostgreSQL, its relays do not.
      const redisLink = await TcpProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379))
      cleanups.push(() => redisLink.close())
      const dataDir = mkdtempSync(join(tmpdir(), 'kokeileva-crash-relay-'))
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
      const doomed = await spawnNode({
        env: {
          ...cluster.env,
          REDIS_URL: redisLink.rewrite(cluster.redisUrl),
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
        },
      })
      cleanups.push(() => doomed.stop('SIGKILL'))
      const survivor = await cluster.startNode()
      const board = await createBoardVia(doomed.url, 'Välittämättä jäänyt')
      const onDoomed = cluster.track(
        connectClient(`${doomed.url.replace('http', 'ws')}/sync`, board.id, board.tokens.participant),
      )
      const onSurvivor = cluster.track(connectClient(survivor.syncUrl, board.id, board.tokens.participant))
      await Promise.all([onDoomed.synced(), onSurvivor.synced()])
      createNote(onDoomed.doc, { ...author, x: 0, y: 0, text: 'relayed' })
      await eventually(() => expect(texts(onSurvivor)).toEqual(['relayed']))

      redisLink.stall()
      for (let i = 0; i < 7; i++) createNote(onDoomed.doc, { ...author, x: i, y: 1, text: `committed ${i}` })
      await eventually(async () => expect(await storedTexts(survivor, board.id)).toHaveLength(8))
      // Its client must not carry the notes anywhere else: only storage has them now.
      onDoomed.destroy()
      await doomed.stop('SIGKILL')
      const killedAt = Date.now()
      expect(texts(onSurvivor)).toEqual(['relayed'])

      await eventually(() => expect(texts(onSurvivor)).toHaveLength(8), { timeoutMs: 30_000, intervalMs: 50 })
      const convergedMs = Date.now() - killedAt
      expect(relayOf(survivor).stats.peersLost).toBeGreaterThanOrEqual(1)
      // The board stayed loaded on the survivor the whole time.
      expect(await survivor.app.sync.rooms.peek(board.id)).not.toBeNull()
      console.info(`[cluster-crash-relay] converged ${convergedMs} ms after the kill`)
    })

    it('a process that stops cleanly costs the others no reload', async () => {
      cluster = await createCluster()
      const [leaving, staying] = await Promise.all([cluster.startNode(), cluster.startNode()])
      const board = await staying.createBoard()
      const onStaying = cluster.track(connectClient(staying.syncUrl, board.id, board.tokens.participant))
      const onLeaving = cluster.track(connectClient(leaving.syncUrl, board.id, board.tokens.participant))
      await Promise.all([onStaying.synced(), onLeaving.synced()])
      createNote(onLeaving.doc, { ...author, x: 0, y: 0, text: 'from the leaving process' })
      await eventually(() => expect(texts(onStaying)).toEqual(['from the leaving process']))
      onLeaving.destroy()
      await leaving.close()
      // Long enough for a dead process to be noticed: several of the staying process's beats.
      const peers = relayOf(staying)
      const beatsThen = peers.heartbeats
      await eventually(() => expect(peers.heartbeats).toBeGreaterThanOrEqual(beatsThen + 6), { timeoutMs: 20_000 })
      expect(peers.stats.peersLost).toBe(0)
      expect(peers.stats.resyncs['peer-lost']).toBe(0)
    })
  },
)
