/**
 * Versioned schema migrations for SQLite. Append only: a released migration never changes;
 * a new version gets a new entry. Applied in order inside one transaction each.
 */
export interface SqliteMigration {
  version: number
  name: string
  sql: string
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'boards and their update log',
    sql: `
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE board_snapshots (
        board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
        state BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE board_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        data BLOB NOT NULL
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
        definition TEXT NOT NULL,
        source_board_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX custom_templates_by_created ON custom_templates(created_at);
    `,
  },
]
