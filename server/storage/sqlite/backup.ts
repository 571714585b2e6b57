import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { JOURNAL_FILE, journalRowWriter, readRecords } from './update-journal.ts'

export interface SqliteBackupResult {
  path: string
  pages: number
  boards: number
}

/**
 * Copies a live SQLite database with SQLite's online backup API (better-sqlite3's
 * `backup()`): the server keeps running and writing meanwhile, and the copy is one
 * consistent state, WAL included. The copy is one file (rollback journal mode), checked with
 * integrity_check before it counts; restoring is copying it to DATA_DIR/kokeileva.sqlite.
 * The updates the server has in its update journal and not yet in the database (the last fold
 * interval's) are read before the copy and added to it after: one the server folded
 * meanwhile is then in the copy twice, which a Yjs update allows (applying it again changes
 * nothing).
 */
export async function backupSqlite(sourcePath: string, targetPath: string): Promise<SqliteBackupResult> {
  const journalPath = join(dirname(sourcePath), JOURNAL_FILE)
  const journaled = existsSync(journalPath) ? readRecords(readFileSync(journalPath)).records : []
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true })
  try {
    mkdirSync(dirname(targetPath), { recursive: true })
    const { totalPages } = await source.backup(targetPath)
    const copy = new Database(targetPath, { fileMustExist: true })
    try {
      // The copy inherits WAL mode; a backup is one self-contained file instead.
      copy.pragma('journal_mode = DELETE')
      if (journaled.length > 0) journalRowWriter(copy)(journaled)
      const integrity = copy.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok')
        throw new Error(`the backup at ${targetPath} failed its integrity check: ${String(integrity)}`)
      const boards = copy.prepare('SELECT count(*) FROM boards').pluck().get() as number
      return { path: targetPath, pages: totalPages, boards }
    } finally {
      copy.close()
    }
  } finally {
    source.close()
  }
}
