import type { EnvConfig } from '../config.ts'
import type { Logger } from '../sync/socket.ts'
import { createPostgresStorage } from './postgres/index.ts'
import { createSqliteStorage } from './sqlite/index.ts'
import type { Storage } from './types.ts'

export type { Storage } from './types.ts'

/** Chooses the storage implementation from the configuration: PostgreSQL when DATABASE_URL is set. */
export async function createStorage(
  config: Pick<EnvConfig, 'DATA_DIR' | 'DATABASE_URL' | 'PG_POOL_MAX' | 'SQLITE_JOURNAL_FOLD_MS'>,
  log?: Logger,
): Promise<Storage> {
  if (config.DATABASE_URL) {
    return createPostgresStorage({
      url: config.DATABASE_URL,
      maxConnections: config.PG_POOL_MAX,
      ...(log ? { log } : {}),
    })
  }
  return createSqliteStorage(config.DATA_DIR, log, { journalFoldMs: config.SQLITE_JOURNAL_FOLD_MS })
}
