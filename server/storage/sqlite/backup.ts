import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readRecords } from './update-journal.ts'
import type { UpdateAppend } from '../types.ts'

/** The server's update journal, next to the database (index.ts JOURNAL_FILE). */
const JOURNAL_FILE = 'kokeileva.journal'

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
      addJournaled(copy, journaled)
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

function addJournaled(copy: Database.Database, records: readonly UpdateAppend[]): void {
  if (records.length === 0) return
  const board = copy.prepare(
    'INSERT INTO board_updates (board_id, data) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)',
  )
  const draft = copy.prepare(
    `INSERT INTO draft_updates (draft_id, board_id, data)
     SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)`,
  )
  copy.transaction(() => {
    for (const { boardId, update, draftId } of records) {
      if (draftId === undefined) board.run(boardId, update, boardId)
      else draft.run(draftId, boardId, update, boardId)
    }
  })()
}
