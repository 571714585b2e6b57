import { execFile } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupSqlite } from '../../server/storage/sqlite/backup.ts'
import { createSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { docFromState } from '../../server/sync/board-state.ts'
import { createNote, listNotes } from '@shared/board/index.ts'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { eventually } from '../helpers/poll.ts'
import { startServer, tempDataDir, type TestServer } from '../helpers/server.ts'

const run = promisify(execFile)
const author = { authorId: 'p1', authorName: 'Aino', color: '#fde68a', zone: null }

/** Backups of the embedded database, taken while the server runs and writes. */
describe('npm run backup (SQLite online backup)', () => {
  let server: TestServer
  let client: TestClient
  const dirs: string[] = []

  beforeAll(async () => {
    // Updates stay in the update journal: the backup must add them to the copy.
    server = await startServer({ SQLITE_JOURNAL_FOLD_MS: '60000' })
  })
  afterAll(async () => {
    client?.destroy()
    await server.close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('copies a live database, committed writes included (those in the update journal too), into a database that opens', async () => {
    const board = await server.createBoard('Varmuuskopio')
    client = connectClient(server.syncUrl, board.id, board.tokens.participant)
    await client.synced()
    for (let i = 0; i < 20; i++) createNote(client.doc, { ...author, x: i, y: 0, text: `note ${i}` })
    // Everything another client could have seen is stored: wait until it is.
    const watcher = connectClient(server.syncUrl, board.id, board.tokens.viewer)
    await watcher.synced()
    await eventually(() => expect(listNotes(watcher.doc)).toHaveLength(20))
    watcher.destroy()

    const target = tempDataDir('kokeileva-backup-')
    dirs.push(target)
    const result = await backupSqlite(join(server.dataDir, SQLITE_FILE), join(target, SQLITE_FILE))
    expect(result.boards).toBe(1)
    const restored = createSqliteStorage(target)
    try {
      const state = await restored.boards.loadBoardState(board.id)
      const doc = docFromState(state!)
      expect(listNotes(doc)).toHaveLength(20)
      doc.destroy()
    } finally {
      await restored.close()
    }
  })

  it('the npm script writes a timestamped copy into DATA_DIR/backups', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: server.dataDir },
    })
    expect(stdout).toMatch(/Backed up \d+ boards/)
    const files = readdirSync(join(server.dataDir, 'backups'))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^kokeileva-.*\.sqlite$/)
  })

  it('refuses with a pointer to pg_dump when DATABASE_URL is set', async () => {
    const backups = join(server.dataDir, 'backups')
    const before = existsSync(backups) ? readdirSync(backups).length : 0
    const failure = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: server.dataDir, DATABASE_URL: 'postgres://127.0.0.1/none' },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure?.code).toBe(2)
    expect(failure?.stderr).toContain('pg_dump')
    expect(existsSync(backups) ? readdirSync(backups).length : 0).toBe(before)
  })
})
