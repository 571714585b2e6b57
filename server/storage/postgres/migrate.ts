import type pg from 'pg'
import { refuseUnknownMigrations } from '../schema-version.ts'
import type { PostgresMigration } from './migrations.ts'
import { withClient } from './pool.ts'

/**
 * Key of the session-level advisory lock held while migrating: processes starting at once
 * queue here, and each finds the schema already applied by the first one. A constant picked
 * once (it only has to differ from other applications' keys in the same database).
 */
export const MIGRATION_LOCK_KEY = 7_236_482_019_335_021n

/** Applies the migrations that are missing, each in its own transaction, under the lock. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly PostgresMigration[]): Promise<number[]> {
  return withClient(pool, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`)
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
      const applied = new Set(rows.map((row) => row.version))
      refuseUnknownMigrations(applied, migrations, 'PostgreSQL database')
      const done: number[] = []
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue
        try {
          await client.query('BEGIN')
          await client.query(migration.sql)
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            Date.now(),
          ])
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined) // the original error says more
          throw new Error(
            `PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
            {
              cause: error,
            },
          )
        }
        done.push(migration.version)
      }
      return done
    } finally {
      // A failed unlock (connection lost) releases the lock anyway when the session ends.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined)
    }
  })
}
