import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { UnusableDatabaseError } from '../errors.ts'

/** The lock's file in DATA_DIR: an empty SQLite database nobody writes to. */
export const LOCK_FILE = 'kokeileva.lock'

/** Held while this process serves DATA_DIR; released when it closes its storage, or ends. */
export interface DataDirLock {
  release(): void
}

/**
 * Makes this process the only one serving DATA_DIR. Two processes on one directory would both
 * append to the update journal at their own offsets and each clear it after its own fold,
 * destroying what the other had written there and not yet folded, and their clients would not
 * see each other's edits: a second `npm start` by mistake (which only fails later, on its port),
 * or two containers given the same volume.
 *
 * The lock is SQLite's own: an exclusive transaction held open on a file of its own. It lives in
 * the operating system's file locks, so it ends with the process however it ends (kill -9
 * included) and no stale lock file is left to clear by hand; a second process gets SQLITE_BUSY
 * at once. Like SQLite's locking it holds on one machine's file system (and on network file
 * systems whose locks work).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  const db = new Database(path, { timeout: 0 })
  try {
    db.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    db.close()
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
      throw new UnusableDatabaseError(
        `Another Kokeileva process is using the data directory ${dataDir} (it holds ${path}). Stop it first, or give this one a DATA_DIR of its own; several processes share one board store through PostgreSQL (DATABASE_URL).`,
      )
    }
    throw error
  }
  return {
    release() {
      if (db.open) db.close() // ends the transaction and lets go of the lock
    },
  }
}
