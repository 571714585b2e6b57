import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { refuseUnknownMigrations } from '../schema-version.ts'
import { SQLITE_MIGRATIONS, type SqliteMigration } from './migrations.ts'

export type SqliteDatabase = Database.Database

/**
 * Opens the database file in WAL mode. synchronous=NORMAL makes every committed transaction
 * durable against a crash of this process (kill -9): the WAL is written before commit
 * returns; only an operating-system crash or power loss can lose the last commits.
 */
export function openSqlite(path: string): SqliteDatabase {
  mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  try {
    migrate(db, SQLITE_MIGRATIONS, `SQLite database ${path}`)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

export function migrate(
  db: SqliteDatabase,
  migrations: readonly SqliteMigration[],
  database = 'SQLite database',
): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`)
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
  refuseUnknownMigrations(applied, migrations, database)
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, Date.now())
    })()
  }
}
