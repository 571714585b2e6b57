import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ConfigError, parseEnv } from '../server/config.ts'
import { backupSqlite } from '../server/storage/sqlite/backup.ts'
import { SQLITE_FILE } from '../server/storage/sqlite/index.ts'

/**
 * `npm run backup [-- <target file>]`: an online backup of the SQLite database in DATA_DIR,
 * safe while the server runs. Default target: DATA_DIR/backups/kokeileva-<UTC time>.sqlite.
 * With DATABASE_URL set there is nothing here to copy: PostgreSQL is backed up with pg_dump.
 */
async function main(): Promise<number> {
  let config
  try {
    config = parseEnv(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      return 78
    }
    throw error
  }
  if (config.DATABASE_URL) {
    process.stderr.write(
      'DATABASE_URL is set: the boards and the registry live in PostgreSQL. Back them up with pg_dump, ' +
        'e.g. pg_dump --format=custom --file=kokeileva.dump "$DATABASE_URL" (see docs/operations.md).\n',
    )
    return 2
  }
  const source = join(config.DATA_DIR, SQLITE_FILE)
  if (!existsSync(source)) {
    process.stderr.write(`No database at ${resolve(source)} (DATA_DIR=${config.DATA_DIR}).\n`)
    return 1
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const target = process.argv[2] ?? join(config.DATA_DIR, 'backups', `kokeileva-${stamp}.sqlite`)
  const result = await backupSqlite(source, target)
  process.stdout.write(`Backed up ${result.boards} boards (${result.pages} pages) to ${resolve(result.path)}\n`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
