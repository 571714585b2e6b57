import Database from 'better-sqlite3'
import { copyFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WalCheckpointer } from '../../server/storage/sqlite/checkpointer.ts'
import { openSqlite } from '../../server/storage/sqlite/database.ts'
import { SqliteBoardStore } from '../../server/storage/sqlite/board-store.ts'
import { createSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { eventually } from '../helpers/poll.ts'
import { tempDataDir } from '../helpers/server.ts'

const autoCheckpointPages = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true })

/** Updates the database file alone holds: what the log has been checkpointed into it. */
function updatesInDatabaseFile(dir: string): number {
  const copy = join(dir, 'file-only.sqlite')
  copyFileSync(join(dir, SQLITE_FILE), copy)
  const db = new Database(copy, { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM board_updates').pluck().get() as number
  } finally {
    db.close()
  }
}

describe('WAL checkpoints on a worker thread', () => {
  it('copies committed updates into the database file while the server keeps writing', async () => {
    const dir = tempDataDir()
    const storage = createSqliteStorage(dir)
    try {
      await storage.boards.createBoard(
        { id: 'board1', title: 'T', template: 'blank', createdAt: 1 },
        new Uint8Array([0, 0]),
      )
      for (let i = 0; i < 200; i++)
        await storage.boards.appendUpdates([{ boardId: 'board1', update: new Uint8Array([i % 256]) }])
      // Without checkpoints the updates would exist only in the -wal file.
      await eventually(() => expect(updatesInDatabaseFile(dir)).toBe(200), { timeoutMs: 10_000, intervalMs: 200 })
    } finally {
      await storage.close()
    }
    // The last connection checkpointed once more on close and removed the log.
    expect(existsSync(join(dir, `${SQLITE_FILE}-wal`))).toBe(false)
    expect(statSync(join(dir, SQLITE_FILE)).size).toBeGreaterThan(0)
  })

  it('turns the main connection’s automatic checkpoints off once the worker runs, and on again when it fails', async () => {
    const dir = tempDataDir()
    const path = join(dir, 'main.sqlite')
    const db = openSqlite(path)
    const store = new SqliteBoardStore(db)
    await store.createBoard({ id: 'board1', title: 'T', template: 'blank', createdAt: 1 }, new Uint8Array([0, 0]))
    expect(autoCheckpointPages(db)).toBe(1000)

    const working = new WalCheckpointer(db, path, { intervalMs: 50 })
    await eventually(() => expect(autoCheckpointPages(db)).toBe(0))
    await working.stop()

    // A worker that cannot open the file fails; the main thread checkpoints again.
    const broken = new WalCheckpointer(db, join(dir, 'missing', 'nothing.sqlite'), { intervalMs: 50 })
    await eventually(() => expect(autoCheckpointPages(db)).toBe(1000))
    await broken.stop()
    await store.appendUpdates([{ boardId: 'board1', update: new Uint8Array([1]) }])
    expect((await store.loadBoardState('board1'))?.updates).toHaveLength(1)
    db.close()
  })
})
