import Database from 'better-sqlite3'
import { join } from 'node:path'
import * as Y from 'yjs'
import { SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { addNotes } from '../../test/helpers/seed-notes.ts'

/**
 * Writes `notes` notes into a board's stored snapshot directly in the (stopped) server's SQLite
 * file: seeding 50,000 notes through a client would take minutes and measure nothing of
 * interest. The board itself was created through the API, so it has its template and tokens.
 * Returns the stored snapshot's size in bytes.
 */
export function seedStoredBoard(dataDir: string, boardId: string, notes: number): number {
  const db = new Database(join(dataDir, SQLITE_FILE))
  try {
    const read = db.prepare('SELECT state FROM board_snapshots WHERE board_id = ?').pluck()
    const doc = new Y.Doc()
    const initial = read.get(boardId) as Buffer | undefined
    if (!initial) throw new Error(`board ${boardId} has no snapshot`)
    Y.applyUpdate(doc, initial)
    for (const row of db.prepare('SELECT data FROM board_updates WHERE board_id = ? ORDER BY seq').pluck().all(boardId))
      Y.applyUpdate(doc, row as Buffer)
    addNotes(doc, notes)
    const state = Y.encodeStateAsUpdate(doc)
    db.transaction(() => {
      db.prepare('UPDATE board_snapshots SET state = ? WHERE board_id = ?').run(state, boardId)
      db.prepare('DELETE FROM board_updates WHERE board_id = ?').run(boardId)
    })()
    return state.byteLength
  } finally {
    db.close()
  }
}
