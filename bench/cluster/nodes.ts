import { join } from 'node:path'
import {
  createTestDatabase,
  deleteKeys,
  deploymentEnv,
  testKeyPrefix,
  TEST_POSTGRES_URL,
  TEST_REDIS_URL,
} from '../../test/helpers/services.ts'
import { startKokeileva, type ServerUnderTest } from '../sync/servers.ts'

/** A set of Kokeileva processes serving the same boards, and how to take it down again. */
export interface ServerSet {
  label: string
  servers: ServerUnderTest[]
  stop(): Promise<void>
}

/**
 * n processes as a scaled-out deployment runs them: one PostgreSQL database (fresh, dropped
 * afterwards), one Redis key prefix (deleted afterwards), one shared secret so that a token
 * made by one process is accepted by every other.
 */
export async function startCluster(n: number, workDir: string, id: string): Promise<ServerSet> {
  const database = await createTestDatabase(process.env.BENCH_POSTGRES_URL ?? TEST_POSTGRES_URL)
  const redisUrl = process.env.BENCH_REDIS_URL ?? TEST_REDIS_URL
  const prefix = testKeyPrefix().replace('kokeileva-test:', 'kokeileva-bench:')
  const shared = deploymentEnv(database.url, redisUrl, prefix)
  const servers: ServerUnderTest[] = []
  const cleanUp = async () => {
    // The keys and the database go even when a process failed to stop.
    const stopped = await Promise.allSettled(servers.map((server) => server.stop()))
    await deleteKeys(prefix, redisUrl)
    await database.drop()
    const failure = stopped.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
  }
  try {
    // One after another: the first applies the migrations, the others find them done.
    for (let i = 1; i <= n; i++) {
      servers.push(
        await startKokeileva({
          dataDir: join(workDir, `${id}-node${i}`),
          logFile: join(workDir, `${id}-node${i}.log`),
          env: shared,
        }),
      )
    }
  } catch (error) {
    await cleanUp()
    throw error
  }
  return { label: `${n} process${n === 1 ? '' : 'es'}, PostgreSQL + Redis`, servers, stop: cleanUp }
}

/** The embedded default: one process, SQLite, no relay — what bench:sync measures. */
export async function startSingleSqlite(workDir: string, id: string): Promise<ServerSet> {
  const server = await startKokeileva({ dataDir: join(workDir, id), logFile: join(workDir, `${id}.log`) })
  return { label: '1 process, SQLite (embedded default)', servers: [server], stop: () => server.stop() }
}
