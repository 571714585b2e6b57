/**
 * Versioned schema migrations for PostgreSQL. Append only: a released migration never
 * changes; a new version gets a new entry. Each is applied in its own transaction, under an
 * advisory lock, so several processes may start at once (see migrate.ts).
 *
 * Version numbers mirror the SQLite list feature by feature (1 boards, 2–19 the idea registry,
 * 20–29 custom templates), so that a feature's two schemas are easy to review side by side.
 * The runner applies every version that is missing, not only those above the highest applied,
 * so a port of a lower range may land after a higher one.
 */
export interface PostgresMigration {
  version: number
  name: string
  sql: string
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'boards and their update log',
    sql: `
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE board_snapshots (
        board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
        state BYTEA NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE board_updates (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        data BYTEA NOT NULL
      );
      CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);
    `,
  },
  // Versions 20–29 belong to facilitation (custom templates); 2–19 to the idea registry.
  {
    version: 20,
    name: 'custom facilitator templates',
    sql: `
      CREATE TABLE custom_templates (
        id TEXT PRIMARY KEY,
        definition JSONB NOT NULL,
        source_board_id TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX custom_templates_by_created ON custom_templates(created_at);
    `,
  },
]
