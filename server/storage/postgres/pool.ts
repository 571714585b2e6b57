import pg from 'pg'
import type { Logger } from '../../sync/socket.ts'

export interface PostgresPoolOptions {
  url: string
  maxConnections: number
  log?: Logger
}

/** How long a request waits for a pooled connection before it fails (and is retried). */
const CONNECT_TIMEOUT_MS = 5000
/** A statement that runs longer than this is cancelled by the server. */
const STATEMENT_TIMEOUT_MS = 30_000
/** A query whose answer never comes (a network that drops packets) fails on our side too. */
const QUERY_TIMEOUT_MS = 35_000

/**
 * A connection pool. Errors of idle connections (the server restarted, a network cut) are
 * logged instead of crashing the process; the pool replaces the connection on next use.
 */
export function createPool({ url, maxConnections, log }: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'kokeileva',
  })
  pool.on('error', (error) => {
    log?.warn(
      { err: { message: error.message, code: (error as NodeJS.ErrnoException).code } },
      'idle PostgreSQL connection failed',
    )
  })
  return pool
}

/**
 * Runs fn in a transaction on one pooled connection. A connection whose transaction failed
 * is destroyed, not reused: after a network error or a timeout its state is unknown.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(begin)
    try {
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined) // the connection is destroyed anyway
      throw error
    }
  })
}

/**
 * Runs fn with one pooled connection checked out. While checked out, a connection's socket
 * error (the server went away between two queries) would be an uncaught exception: the pool
 * listens only to idle connections. It is caught here; the next query on that connection
 * fails, and a connection that failed is destroyed on release, never reused.
 */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let socketError: Error | undefined
  const onError = (error: Error) => {
    socketError = error
  }
  client.on('error', onError)
  try {
    const result = await fn(client)
    client.removeListener('error', onError)
    client.release(socketError)
    return result
  } catch (error) {
    client.removeListener('error', onError)
    client.release(error as Error)
    throw error
  }
}
