import { join } from 'node:path'
import { openSqlite } from './database.ts'
import { SqliteBoardStore } from './board-store.ts'
import { SqliteIdeaStore } from './idea-store.ts'
import { SqliteTemplateStore } from './template-store.ts'
import type { Storage } from '../types.ts'

export const SQLITE_FILE = 'kokeileva.sqlite'

/** The embedded default: one SQLite file in DATA_DIR. */
export function createSqliteStorage(dataDir: string): Storage {
  const db = openSqlite(join(dataDir, SQLITE_FILE))
  return {
    kind: 'sqlite',
    boards: new SqliteBoardStore(db),
    ideas: new SqliteIdeaStore(db),
    templates: new SqliteTemplateStore(db),
    async ping() {
      db.prepare('SELECT 1').get()
    },
    async close() {
      if (db.open) db.close()
    },
  }
}
