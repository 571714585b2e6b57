import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createPostgresStorage } from '../../server/storage/postgres/index.ts'
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres/migrations.ts'
import { openSqlite } from '../../server/storage/sqlite/database.ts'
import { SQLITE_FILE } from '../../server/storage/sqlite/index.ts'
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite/migrations.ts'
import { createTestDatabase, probePostgres, requireService } from '../helpers/services.ts'
import { tempDataDir } from '../helpers/server.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const FUTURE_VERSION = 9999
const postgresRuns = requireService(await probePostgres())

/** A migration a later release added: the database records it as applied. */
function recordFutureMigration(path: string): void {
  const db = new Database(path)
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    FUTURE_VERSION,
    'from the future',
    Date.now(),
  )
  db.close()
}

function migrationsOf(path: string): number[] {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[]
  } finally {
    db.close()
  }
}

describe('a database written by a newer version', () => {
  it('SQLite: is refused before anything is migrated, naming the unknown migration', () => {
    const dir = tempDataDir()
    const path = join(dir, SQLITE_FILE)
    openSqlite(path).close()
    recordFutureMigration(path)
    const before = migrationsOf(path)

    expect(() => openSqlite(path)).toThrow(
      new RegExp(`SQLite database .* was written by a newer version of Kokeileva: .*migration ${FUTURE_VERSION},`),
    )
    expect(migrationsOf(path)).toEqual(before)
    expect(before).toContain(Math.max(...SQLITE_MIGRATIONS.map((m) => m.version)))
  })

  it('the server process refuses to start with one line on stderr and a failing exit code', async () => {
    const dir = tempDataDir()
    const path = join(dir, SQLITE_FILE)
    openSqlite(path).close()
    recordFutureMigration(path)

    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // Should it start after all (the bug this guards against), it must not outlive the test.
    onTestFinished(() => void child.kill('SIGKILL'))
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)))

    expect(code).toBe(1)
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Kokeileva failed to start: The SQLite database .* newer version of Kokeileva/)
    expect(lines[0]).toContain('restore the backup')
    expect(stdout).not.toContain('Kokeileva is ready')
  })

  it.skipIf(!postgresRuns)('PostgreSQL: is refused before anything is migrated', async () => {
    const database = await createTestDatabase()
    try {
      const storage = await createPostgresStorage({ url: database.url, maxConnections: 2 })
      await storage.close()
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      try {
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          FUTURE_VERSION,
          'from the future',
          Date.now(),
        ])
        await expect(createPostgresStorage({ url: database.url, maxConnections: 2 })).rejects.toThrow(
          new RegExp(`PostgreSQL database was written by a newer version of Kokeileva: .*migration ${FUTURE_VERSION},`),
        )
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
        expect(rows.map((row) => row.version).sort((a, b) => a - b)).toEqual(
          [...POSTGRES_MIGRATIONS.map((m) => m.version), FUTURE_VERSION].sort((a, b) => a - b),
        )
      } finally {
        await client.end()
      }
    } finally {
      await database.drop()
    }
  })
})
