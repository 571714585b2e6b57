import { RedisRelay } from '../../server/relay/redis/index.ts'
import type { TestClient } from './clients.ts'
import type { AppOptions } from '../../server/app.ts'
import { startServer, type TestServer } from './server.ts'
import {
  createTestDatabase,
  deleteKeys,
  deploymentEnv,
  TEST_REDIS_URL,
  testKeyPrefix,
  type TestDatabase,
} from './services.ts'

/**
 * Several server processes' worth of Kokeileva in one test: each node is a real server on its
 * own port with its own pool and Redis connections, all on one fresh PostgreSQL database and
 * one key prefix, sharing the secret that signs tokens (as a deployment does).
 */
export interface ClusterFixture {
  database: TestDatabase
  keyPrefix: string
  redisUrl: string
  /** Environment every node of this cluster gets. */
  env: Record<string, string>
  startNode(env?: Record<string, string>, options?: AppOptions): Promise<TestServer>
  /** Remembers clients so that cleanup() destroys them. */
  track<T extends TestClient>(client: T): T
  cleanup(): Promise<void>
}

export async function createCluster({
  redisUrl = TEST_REDIS_URL,
}: { redisUrl?: string } = {}): Promise<ClusterFixture> {
  const database = await createTestDatabase()
  const keyPrefix = testKeyPrefix()
  const nodes: TestServer[] = []
  const clients: TestClient[] = []
  const env = { ...deploymentEnv(database.url, redisUrl, keyPrefix), PG_POOL_MAX: '4' }
  return {
    database,
    keyPrefix,
    redisUrl,
    env,
    async startNode(extra = {}, options = {}) {
      const node = await startServer({ ...env, ...extra }, options)
      nodes.push(node)
      return node
    },
    track(client) {
      clients.push(client)
      return client
    },
    async cleanup() {
      for (const client of clients.splice(0)) client.destroy()
      // The database and keys go even when a node failed to close.
      const closed = await Promise.allSettled(nodes.splice(0).map((node) => node.close()))
      await database.drop()
      await deleteKeys(keyPrefix, redisUrl).catch(() => undefined) // an own Redis may be gone already
      const failure = closed.find((result) => result.status === 'rejected')
      if (failure) throw failure.reason
    },
  }
}

/** The Redis relay of a node (cluster nodes always have one). */
export function relayOf(node: TestServer): RedisRelay {
  const relay = node.app.relay
  if (!(relay instanceof RedisRelay)) throw new Error('this node has no Redis relay')
  return relay
}
