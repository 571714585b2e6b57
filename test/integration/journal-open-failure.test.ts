import { existsSync, mkdirSync, readdirSync, readlinkSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSqliteStorage, JOURNAL_FILE, SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { tempDataDir } from '../helpers/server.ts'

const canListFds = existsSync('/proc/self/fd')

/** The files this process holds open in `dir` (Linux: /proc/self/fd). */
function openFilesIn(dir: string): string[] {
  const files: string[] = []
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd))
      if (target.startsWith(dir)) files.push(target)
    } catch {
      // closed meanwhile (the listing's own descriptor)
    }
  }
  return files
}

describe.skipIf(!canListFds)('a journal that cannot be opened at start', () => {
  it.each([
    ['folded by default', 250],
    ['off (SQLITE_JOURNAL_FOLD_MS=0)', 0],
  ])(
    'fails the start with its error and leaves no file of the data directory open (%s)',
    async (_name, journalFoldMs) => {
      const dir = tempDataDir()
      await createSqliteStorage(dir, undefined, { journalFoldMs }).close()
      rmSync(join(dir, JOURNAL_FILE), { force: true })
      // A directory where the journal should be: opening it fails (EISDIR) on every platform.
      mkdirSync(join(dir, JOURNAL_FILE))
      expect(openFilesIn(dir)).toEqual([])
      expect(() => createSqliteStorage(dir, undefined, { journalFoldMs })).toThrow(/EISDIR/)
      expect(openFilesIn(dir)).toEqual([])
      // Put right, the same directory starts.
      rmSync(join(dir, JOURNAL_FILE), { recursive: true })
      const storage = createSqliteStorage(dir, undefined, { journalFoldMs })
      expect(openFilesIn(dir).some((file) => file.endsWith(SQLITE_FILE))).toBe(true)
      await storage.close()
      expect(openFilesIn(dir)).toEqual([])
    },
  )
})
