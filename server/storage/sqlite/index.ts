import { join } from 'node:path'
import { openSqlite } from './database.ts'
import { SqliteBoardStore } from './board-store.ts'
import { WalCheckpointer } from './checkpointer.ts'
import { SqliteIdeaStore } from './idea-store.ts'
import { SqliteTemplateStore } from './template-store.ts'
import type { Logger } from '../../sync/socket.ts'
import type { Storage } from '../types.ts'

export const SQLITE_FILE = 'kokeileva.sqlite'
/** How often the checkpoint worker copies the write-ahead log into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000

/** The embedded default: one SQLite file in DATA_DIR. */
export function createSqliteStorage(dataDir: string, log?: Logger): Storage {
  const path = join(dataDir, SQLITE_FILE)
  const db = openSqlite(path)
  const checkpointer = new WalCheckpointer(db, path, { intervalMs: CHECKPOINT_INTERVAL_MS, ...(log ? { log } : {}) })
  return {
    kind: 'sqlite',
    boards: new SqliteBoardStore(db),
    ideas: new SqliteIdeaStore(db),
    templates: new SqliteTemplateStore(db),
    async ping() {
      db.prepare('SELECT 1').get()
    },
    async close() {
      await checkpointer.stop()
      if (db.open) db.close()
    },
  }
}
