import { rmSync } from 'node:fs'
import { createPostgresStorage } from '../../server/storage/postgres/index.ts'
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts'
import type { Storage } from '../../server/storage/types.ts'
import { tempDataDir } from './server.ts'
import { createTestDatabase } from './services.ts'

/**
 * One storage backend under test: a fresh, empty store per test. `open()` may be called
 * again to get another process's view of the same data (a second pool, a second handle).
 */
export interface StorageFixture {
  open(): Promise<Storage>
  /** Closes every storage opened and deletes the data. */
  cleanup(): Promise<void>
}

export type StorageFactory = () => Promise<StorageFixture>

export const sqliteFactory: StorageFactory = async () => {
  const dir = tempDataDir('kokeileva-storage-')
  const opened: Storage[] = []
  return {
    async open() {
      // SQLite is served by one process; another handle is a second process's view of its file.
      const storage = createSqliteStorage(dir, undefined, { ownsJournal: opened.length === 0 })
      opened.push(storage)
      return storage
    },
    async cleanup() {
      for (const storage of opened) await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const postgresFactory: StorageFactory = async () => {
  const database = await createTestDatabase()
  const opened: Storage[] = []
  return {
    async open() {
      const storage = await createPostgresStorage({ url: database.url, maxConnections: 4 })
      opened.push(storage)
      return storage
    },
    async cleanup() {
      for (const storage of opened) await storage.close()
      await database.drop()
    },
  }
}
