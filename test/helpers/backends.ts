import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { startServer, tempDataDir, type StartServerOptions, type TestServer } from './server.ts'
import { createTestDatabase, probePostgres, requireService } from './services.ts'

/**
 * The storage backends an HTTP suite runs against: a real server on SQLite (its own file) and
 * on PostgreSQL (its own database, dropped afterwards). PostgreSQL skips with a visible reason
 * when it is unreachable, and fails instead under REQUIRE_SERVICES=1.
 */
/** What startServer takes besides the environment (AppOptions, a port to listen on …). */

export interface ServerBackend {
  /** "sqlite", "postgres", or "postgres (skipped: …)". */
  name: string
  runs: boolean
  /** One server on a store of its own; close() deletes the store. */
  start(env?: Record<string, string>, options?: StartServerOptions): Promise<TestServer>
  /** Servers that share one store (one file, or one database) and one SECRET, as processes of a deployment (on SQLite only the first starts: one process serves a data directory). */
  group(): Promise<ServerGroup>
}

export interface ServerGroup {
  start(env?: Record<string, string>, options?: StartServerOptions): Promise<TestServer>
  /** Closes every server of the group, then deletes the store. */
  close(): Promise<void>
}

const sqlite: ServerBackend = {
  name: 'sqlite',
  runs: true,
  start: (env = {}, options = {}) => startServer(env, options),
  async group() {
    const dataDir = tempDataDir()
    const servers: TestServer[] = []
    const secret = randomBytes(32).toString('base64url')
    return {
      async start(env = {}, options = {}) {
        const server = await startServer({ SECRET: secret, ...env }, { ...options, dataDir })
        servers.push(server)
        return server
      },
      async close() {
        await Promise.allSettled(servers.splice(0).map((server) => server.close()))
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  },
}

function postgres(runs: boolean, name: string): ServerBackend {
  async function group(): Promise<ServerGroup> {
    const database = await createTestDatabase()
    const servers: TestServer[] = []
    const env = { DATABASE_URL: database.url, PG_POOL_MAX: '4', SECRET: randomBytes(32).toString('base64url') }
    return {
      async start(extra = {}, options = {}) {
        const server = await startServer({ ...env, ...extra }, options)
        servers.push(server)
        return server
      },
      async close() {
        // The database goes even when a server failed to close.
        const closed = await Promise.allSettled(servers.splice(0).map((server) => server.close()))
        await database.drop()
        const failure = closed.find((result) => result.status === 'rejected')
        if (failure) throw failure.reason
      },
    }
  }
  return {
    name,
    runs,
    group,
    async start(env = {}, options = {}) {
      const own = await group()
      try {
        const server = await own.start(env, options)
        return { ...server, close: () => own.close() }
      } catch (error) {
        await own.close() // the database goes too
        throw error
      }
    },
  }
}

/** Call at the top level of a test file: `const backends = await serverBackends()`. */
export async function serverBackends(): Promise<ServerBackend[]> {
  const status = await probePostgres()
  const runs = requireService(status)
  return [sqlite, postgres(runs, status.available ? 'postgres' : `postgres (skipped: ${status.reason})`)]
}
