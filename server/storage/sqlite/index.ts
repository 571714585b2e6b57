import { existsSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { openSqlite, type SqliteDatabase } from './database.ts'
import { SqliteAccountStore } from './account-store.ts'
import { SqliteBoardStore } from './board-store.ts'
import { WalCheckpointer } from './checkpointer.ts'
import { DamageWatch } from './damage-watch.ts'
import { checkDatabaseFile, checkDatabaseIntegrity, markDatabase } from './file-checks.ts'
import { JournalFold } from './journal-fold.ts'
import { JOURNAL_FILE, UpdateJournal } from './update-journal.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { SqliteDigestStore } from './digest-store.ts'
import { SqliteIdeaStore } from './idea-store.ts'
import { SqliteTemplateStore } from './template-store.ts'
import { SqliteWebhookOutbox } from './webhook-outbox.ts'
import { SqliteLifecycleStore } from './lifecycle-store.ts'
import type { Logger } from '../../sync/socket.ts'
import type { Storage } from '../types.ts'

export const SQLITE_FILE = 'kokeileva.sqlite'
export { JOURNAL_FILE }
/** How often journaled updates are folded into the database, by default. */
export const JOURNAL_FOLD_MS = 250
/** How often the checkpoint worker copies the write-ahead log into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000

export interface SqliteStorage extends Storage {
  readonly kind: 'sqlite'
  /** The connection every store uses (tests limit its size to make the disk "full"). */
  readonly db: SqliteDatabase
}

export interface SqliteOptions {
  /** Fold interval of the update journal; 0: no journal, every group commit is a SQLite commit. */
  journalFoldMs?: number
  /**
   * False for a second handle on a database that another process serves (the storage contract
   * tests open one): the journal belongs to that process, so this one neither writes nor replays it.
   */
  ownsJournal?: boolean
}

/**
 * The embedded default: one SQLite file in DATA_DIR. Refuses (UnusableDatabaseError) a file
 * that is empty, missing where a database has been, or damaged (file-checks.ts). The update
 * journal next to it is replayed into it before anything reads it: a torn last record
 * (kill -9 in the middle of a write) is dropped, everything before it kept.
 */
export function createSqliteStorage(
  dataDir: string,
  log?: Logger,
  { journalFoldMs = JOURNAL_FOLD_MS, ownsJournal = true }: SqliteOptions = {},
): SqliteStorage {
  const path = join(dataDir, SQLITE_FILE)
  // Before anything is read: a second process must not replay, fold or clear the journal.
  const lock = ownsJournal ? lockDataDir(dataDir) : null
  let db: SqliteDatabase | null = null
  let journal: JournalFold | null
  try {
    if (!checkDatabaseFile(path).fresh) checkDatabaseIntegrity(path)
    db = openSqlite(path)
    markDatabase(path)
    journal = ownsJournal ? openJournal(db, join(dataDir, JOURNAL_FILE), journalFoldMs, log) : null
  } catch (error) {
    // The server does not start; a caller that tries again (or a test) must not find this
    // process still holding the file or the directory.
    db?.close()
    lock?.release()
    throw error
  }
  const foldJournal = () => void journal?.fold()
  const checkpointer = new WalCheckpointer(db, path, { intervalMs: CHECKPOINT_INTERVAL_MS, ...(log ? { log } : {}) })
  const damage = new DamageWatch(path, log)
  const webhooks = new SqliteWebhookOutbox(db)
  return {
    kind: 'sqlite',
    db,
    boards: damage.watch(new SqliteBoardStore(db, journal)),
    ideas: damage.watch(new SqliteIdeaStore(db, webhooks)),
    templates: damage.watch(new SqliteTemplateStore(db)),
    digests: damage.watch(new SqliteDigestStore(db, foldJournal)),
    webhooks: damage.watch(webhooks),
    lifecycle: damage.watch(new SqliteLifecycleStore(db, foldJournal)),
    accounts: damage.watch(new SqliteAccountStore(db)),
    async ping() {
      damage.check()
      const failure = journal?.failure
      if (failure) throw failure
      db.prepare('SELECT 1').get()
    },
    async close() {
      journal?.close()
      await checkpointer.stop()
      if (db.open) db.close()
      lock?.release()
    },
  }
}

/**
 * The journal with the records it held replayed into the database (the file is kept, and
 * cleared by the first fold that stores them all); null when it is off. A journal found while
 * it is off is still replayed, then removed.
 */
function openJournal(db: SqliteDatabase, path: string, foldMs: number, log?: Logger): JournalFold | null {
  if (foldMs === 0 && !existsSync(path)) return null
  const { journal, records, droppedBytes } = UpdateJournal.open(path)
  if (droppedBytes > 0)
    log?.warn({ path, droppedBytes, records: records.length }, 'the update journal ended in a torn record: dropped it')
  const fold = new JournalFold(db, journal, { intervalMs: foldMs, log })
  fold.replay(records)
  if (records.length > 0) log?.info({ path, records: records.length }, 'replayed the update journal')
  if (foldMs > 0) return fold
  const stored = fold.fold()
  fold.close()
  if (!stored) throw new Error(`the update journal ${path} could not be stored in the database`)
  unlinkSync(path)
  return null
}
