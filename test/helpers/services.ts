import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { Redis } from 'ioredis'

/**
 * The real PostgreSQL and Redis of this machine (CI starts them). Tests that need them skip
 * with a visible reason when they are unreachable, and fail instead under REQUIRE_SERVICES=1.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
export const SERVICES_REQUIRED = process.env.REQUIRE_SERVICES === '1'

export interface ServiceStatus {
  available: boolean
  /** Why the service cannot be used, for the skip message. */
  reason: string
}

export async function probePostgres(url = TEST_POSTGRES_URL): Promise<ServiceStatus> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return { available: true, reason: '' }
  } catch (error) {
    return { available: false, reason: `PostgreSQL unreachable at ${redactUrl(url)}: ${(error as Error).message}` }
  } finally {
    await client.end().catch(() => undefined) // a client that never connected has nothing to end
  }
}

export async function probeRedis(url = TEST_REDIS_URL): Promise<ServiceStatus> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  redis.on('error', () => undefined) // reported through the rejected connect below
  try {
    await redis.connect()
    await redis.ping()
    return { available: true, reason: '' }
  } catch (error) {
    return { available: false, reason: `Redis unreachable at ${url}: ${(error as Error).message}` }
  } finally {
    redis.disconnect()
  }
}

/**
 * Decides whether a suite runs: the status when it may, a thrown error when the service is
 * required but missing. The skip reason is printed so that a skipped run is never silent.
 */
export function requireService(status: ServiceStatus): boolean {
  if (status.available) return true
  if (SERVICES_REQUIRED) throw new Error(`REQUIRE_SERVICES=1 but ${status.reason}`)
  console.warn(`[skipped] ${status.reason}`)
  return false
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}

export interface TestDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/** A fresh database for one test, dropped (with its connections) afterwards. */
export async function createTestDatabase(adminUrl = TEST_POSTGRES_URL): Promise<TestDatabase> {
  const name = `kokeileva_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

export async function adminQuery(adminUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await client.query(sql, params)
  } finally {
    await client.end()
  }
}

/**
 * The environment every process of one scaled-out deployment shares: its database, its Redis
 * and key prefix, and the secrets (a token signed by one process must pass at every other).
 */
export function deploymentEnv(databaseUrl: string, redisUrl: string, keyPrefix: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    SECRET: randomBytes(32).toString('base64url'),
    HUB_TOKEN: randomBytes(24).toString('base64url'),
  }
}

/** A key prefix of its own for one test, and a way to delete every key under it. */
export function testKeyPrefix(): string {
  return `kokeileva-test:${Date.now().toString(36)}${randomBytes(3).toString('hex')}:`
}

export async function deleteKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null })
  redis.on('error', () => undefined) // reported by the command that fails
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
