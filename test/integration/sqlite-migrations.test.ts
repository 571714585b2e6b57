import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openSqlite } from '../../server/storage/sqlite/database.ts'
import { SqliteBoardStore } from '../../server/storage/sqlite/board-store.ts'
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite/migrations.ts'
import { tempDataDir } from '../helpers/server.ts'

describe('SQLite migrations', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('upgrades a database made before the update log lost AUTOINCREMENT, keeping every update', async () => {
    const dir = tempDataDir()
    dirs.push(dir)
    const path = join(dir, 'old.sqlite')
    const old = new Database(path)
    migrate(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 30),
    )
    old.prepare("INSERT INTO boards (id, title, template, created_at) VALUES ('board1', 'T', 'blank', 1)").run()
    const append = old.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)')
    for (let i = 0; i < 5; i++) append.run('board1', Buffer.from([i]))
    expect(old.prepare("SELECT sql FROM sqlite_master WHERE name = 'board_updates'").pluck().get()).toMatch(
      /AUTOINCREMENT/,
    )
    old.close()

    const db = openSqlite(path)
    try {
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'board_updates'").pluck().get()).not.toMatch(
        /AUTOINCREMENT/,
      )
      const store = new SqliteBoardStore(db)
      await store.appendUpdates([{ boardId: 'board1', update: new Uint8Array([5]) }])
      const state = await store.loadBoardState('board1')
      expect(state?.updates.map((update) => update[0])).toEqual([0, 1, 2, 3, 4, 5])
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
        SQLITE_MIGRATIONS.map((migration) => migration.version).sort((a, b) => a - b),
      )
    } finally {
      db.close()
    }
  })
})
