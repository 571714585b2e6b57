import type { EnvConfig } from '../config.ts'
import { createSqliteStorage } from './sqlite/index.ts'
import type { Storage } from './types.ts'

export type { Storage } from './types.ts'

/** Chooses the storage implementation from the configuration. */
export async function createStorage(config: Pick<EnvConfig, 'DATA_DIR' | 'DATABASE_URL'>): Promise<Storage> {
  if (config.DATABASE_URL) {
    throw new Error('Invalid configuration: DATABASE_URL (PostgreSQL) is not supported by this build yet')
  }
  return createSqliteStorage(config.DATA_DIR)
}
