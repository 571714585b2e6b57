import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { lockDataDir } from '../../server/storage/sqlite/data-dir-lock.ts'
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts'
import { tempDataDir } from '../helpers/server.ts'

describe('one process per data directory (server/storage/sqlite/data-dir-lock.ts)', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const dataDir = () => {
    const dir = tempDataDir('kokeileva-lock-')
    dirs.push(dir)
    return dir
  }

  it('refuses a second lock while the first is held, and grants it once released', () => {
    const dir = dataDir()
    const first = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(/Another Kokeileva process is using the data directory/)
    first.release()
    const again = lockDataDir(dir)
    again.release()
  })

  it('storage holds the directory until it is closed, and a second storage that owns the journal is refused', async () => {
    const dir = dataDir()
    const storage = createSqliteStorage(dir)
    expect(() => createSqliteStorage(dir)).toThrow(/Another Kokeileva process/)
    // A reader of the same file that leaves the journal to its owner (as tests open one) is not.
    const reader = createSqliteStorage(dir, undefined, { ownsJournal: false })
    await reader.close()
    await storage.close()
    const next = createSqliteStorage(dir)
    await next.close()
  })
})
