import { join } from 'node:path'
import { openSqlite, type SqliteDatabase } from './database.ts'
import { SqliteAccountStore } from './account-store.ts'
import { SqliteBoardStore } from './board-store.ts'
import { WalCheckpointer } from './checkpointer.ts'
import { DamageWatch } from './damage-watch.ts'
import { checkDatabaseFile, checkDatabaseIntegrity, markDatabase } from './file-checks.ts'
import { SqliteDigestStore } from './digest-store.ts'
import { SqliteIdeaStore } from './idea-store.ts'
import { SqliteTemplateStore } from './template-store.ts'
import { SqliteWebhookOutbox } from './webhook-outbox.ts'
import { SqliteLifecycleStore } from './lifecycle-store.ts'
import type { Logger } from '../../sync/socket.ts'
import type { Storage } from '../types.ts'

export const SQLITE_FILE = 'kokeileva.sqlite'
/** How often the checkpoint worker copies the write-ahead log into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000

export interface SqliteStorage extends Storage {
  readonly kind: 'sqlite'
  /** The connection every store uses (tests limit its size to make the disk "full"). */
  readonly db: SqliteDatabase
}

/**
 * The embedded default: one SQLite file in DATA_DIR. Refuses (UnusableDatabaseError) a file
 * that is empty, missing where a database has been, or damaged (file-checks.ts).
 */
export function createSqliteStorage(dataDir: string, log?: Logger): SqliteStorage {
  const path = join(dataDir, SQLITE_FILE)
  if (!checkDatabaseFile(path).fresh) checkDatabaseIntegrity(path)
  const db = openSqlite(path)
  markDatabase(path)
  const checkpointer = new WalCheckpointer(db, path, { intervalMs: CHECKPOINT_INTERVAL_MS, ...(log ? { log } : {}) })
  const damage = new DamageWatch(path, log)
  const webhooks = new SqliteWebhookOutbox(db)
  return {
    kind: 'sqlite',
    db,
    boards: damage.watch(new SqliteBoardStore(db)),
    ideas: damage.watch(new SqliteIdeaStore(db, webhooks)),
    templates: damage.watch(new SqliteTemplateStore(db)),
    digests: damage.watch(new SqliteDigestStore(db)),
    webhooks: damage.watch(webhooks),
    lifecycle: damage.watch(new SqliteLifecycleStore(db)),
    accounts: damage.watch(new SqliteAccountStore(db)),
    async ping() {
      damage.check()
      db.prepare('SELECT 1').get()
    },
    async close() {
      await checkpointer.stop()
      if (db.open) db.close()
    },
  }
}
