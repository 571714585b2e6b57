import type { Logger } from '../../sync/socket.ts'
import type { Storage } from '../types.ts'
import { PostgresAccountStore } from './account-store.ts'
import { PostgresBoardStore } from './board-store.ts'
import { PostgresDigestStore } from './digest-store.ts'
import { PostgresIdeaStore } from './idea-store.ts'
import { migratePostgres } from './migrate.ts'
import { POSTGRES_MIGRATIONS } from './migrations.ts'
import { createPool } from './pool.ts'
import { PostgresTemplateStore } from './template-store.ts'
import { PostgresWebhookOutbox } from './webhook-outbox.ts'
import { PostgresLifecycleStore } from './lifecycle-store.ts'

export interface PostgresStorageOptions {
  url: string
  maxConnections: number
  log?: Logger
}

/** How long a readiness ping may take before the database counts as unreachable. */
const PING_TIMEOUT_MS = 2000

/** The scaled-out storage: every process of a deployment on one PostgreSQL database. */
export async function createPostgresStorage({ url, maxConnections, log }: PostgresStorageOptions): Promise<Storage> {
  const pool = createPool({ url, maxConnections, ...(log ? { log } : {}) })
  try {
    const applied = await migratePostgres(pool, POSTGRES_MIGRATIONS)
    if (applied.length > 0) log?.info({ versions: applied }, 'PostgreSQL migrations applied')
  } catch (error) {
    await pool.end()
    throw new Error(`PostgreSQL (DATABASE_URL) could not be prepared: ${(error as Error).message}`, { cause: error })
  }
  let closed = false
  const webhooks = new PostgresWebhookOutbox(pool)
  return {
    kind: 'postgres',
    boards: new PostgresBoardStore(pool),
    ideas: new PostgresIdeaStore(pool, webhooks),
    templates: new PostgresTemplateStore(pool),
    digests: new PostgresDigestStore(pool),
    webhooks,
    lifecycle: new PostgresLifecycleStore(pool),
    accounts: new PostgresAccountStore(pool),
    async ping() {
      if (closed) throw new Error('storage is closed')
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('PostgreSQL did not answer in time')), PING_TIMEOUT_MS)
      })
      try {
        await Promise.race([pool.query('SELECT 1'), timeout])
      } finally {
        clearTimeout(timer)
      }
    },
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}
