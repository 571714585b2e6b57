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
  {
    version: 2,
    name: 'idea registry',
    sql: `
      CREATE TABLE ideas (
        id TEXT PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        department TEXT,
        department_key TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        votes INTEGER NOT NULL DEFAULT 0,
        -- Frozen provenance (JSON); ideas outlive their boards, so no foreign key.
        source TEXT NOT NULL,
        source_board_id TEXT NOT NULL,
        -- Notes of other sessions linked to the idea later (JSON array, same shape as source).
        links TEXT NOT NULL DEFAULT '[]',
        experiment TEXT,
        merged_into TEXT REFERENCES ideas(id),
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX ideas_by_created ON ideas(created_at);
      CREATE INDEX ideas_by_updated ON ideas(updated_at);
      CREATE INDEX ideas_by_votes ON ideas(votes, created_at);
      CREATE INDEX ideas_by_status ON ideas(status, created_at);
      CREATE INDEX ideas_by_department ON ideas(department_key);
      CREATE INDEX ideas_by_board ON ideas(source_board_id);
      CREATE INDEX ideas_by_merged_into ON ideas(merged_into);

      CREATE TABLE idea_tags (
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (idea_id, tag)
      );
      CREATE INDEX idea_tags_by_tag ON idea_tags(tag);

      -- A note belongs to at most one idea: the key of "same notes" and overlap checks.
      -- link_seq 0 are the notes the idea was promoted from, n the notes of its n-th link.
      CREATE TABLE idea_notes (
        board_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        link_seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (board_id, note_id)
      );
      CREATE INDEX idea_notes_by_idea ON idea_notes(idea_id, link_seq);

      CREATE TABLE idea_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        field TEXT NOT NULL,
        from_value TEXT,
        to_value TEXT,
        comment TEXT
      );
      CREATE INDEX idea_history_by_idea ON idea_history(idea_id, seq);

      -- The last number handed out per year: refs KT-YYYY-NNNN.
      CREATE TABLE idea_ref_counters (
        year INTEGER PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'idea registry search',
    sql: `
      -- Both indexes use the rowid of the idea's row in ideas.
      -- Words: case and diacritics folded (paivakoti finds päiväkoti), prefix queries, ranking.
      CREATE VIRTUAL TABLE idea_search_words USING fts5(
        ref, title, description, notes, department, tags,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Trigrams of the same text, folded the same way: terms inside Finnish compound words.
      CREATE VIRTUAL TABLE idea_search_grams USING fts5(
        body,
        tokenize = 'trigram remove_diacritics 1'
      );
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
  // Versions 30– belong to the board log.
  {
    version: 30,
    name: 'board update log without AUTOINCREMENT',
    // AUTOINCREMENT rewrote sqlite_sequence on every append, one more page per commit. Plain
    // rowids may be reused after the highest rows are deleted, which is harmless: compaction
    // deletes exactly the rows it read, in the same transaction, and a log is read in order.
    sql: `
      CREATE TABLE board_updates_v30 (
        seq INTEGER PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      INSERT INTO board_updates_v30 (seq, board_id, data) SELECT seq, board_id, data FROM board_updates;
      DROP TABLE board_updates;
      ALTER TABLE board_updates_v30 RENAME TO board_updates;
      CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);
    `,
  },
  // Versions 40– belong to drafts (private notes while the session is silent).
  {
    version: 40,
    name: 'drafts: private notes while silent',
    sql: `
      CREATE TABLE draft_snapshots (
        draft_id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        state BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX draft_snapshots_by_board ON draft_snapshots(board_id);
      CREATE TABLE draft_updates (
        seq INTEGER PRIMARY KEY,
        draft_id TEXT NOT NULL,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      CREATE INDEX draft_updates_by_draft ON draft_updates(draft_id, seq);
      CREATE INDEX draft_updates_by_board ON draft_updates(board_id);
    `,
  },
  // Versions 50–59 belong to sign-in (AUTH=oidc).
  {
    version: 50,
    name: 'sign-in sessions and the boards of signed-in people',
    sql: `
      CREATE TABLE auth_sessions (
        id_hash TEXT PRIMARY KEY,
        user_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX auth_sessions_by_expiry ON auth_sessions(expires_at);
      CREATE TABLE user_boards (
        user_id TEXT NOT NULL,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        role_rank INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, board_id)
      );
      CREATE INDEX user_boards_by_user ON user_boards(user_id, last_seen_at);
      CREATE INDEX user_boards_by_board ON user_boards(board_id);
    `,
  },
  {
    version: 51,
    name: 'who created a board: its owner may delete it',
    sql: `
      -- Set when a signed-in person creates the board (POST /api/boards), never by joining it.
      -- Boards created before this version have no owner: their facilitator link still deletes them.
      ALTER TABLE user_boards ADD COLUMN owner INTEGER NOT NULL DEFAULT 0;
    `,
  },
  // Versions 60–69 belong to the data lifecycle (revocable links, tickets, deletion, audit).
  {
    version: 60,
    name: 'revocable links, sync tickets, deleted boards and the admin audit log',
    sql: `
      -- A rotation bumps a generation: tokens of an older generation are refused. 0 is the
      -- token format of before (no generation in the token), so existing links keep working.
      ALTER TABLE boards ADD COLUMN links_generation INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE boards ADD COLUMN facilitator_generation INTEGER NOT NULL DEFAULT 0;
      -- When the participant and viewer links stop working (ms), or never.
      ALTER TABLE boards ADD COLUMN links_expire_at INTEGER;
      -- When somebody last used the board (retention): set on connect and unload.
      ALTER TABLE boards ADD COLUMN last_activity_at INTEGER;
      UPDATE boards SET last_activity_at = COALESCE(
        (SELECT updated_at FROM board_snapshots WHERE board_id = boards.id), created_at);
      CREATE INDEX boards_by_activity ON boards(last_activity_at);

      -- Single-use WebSocket tickets (a hash: the table holds nothing that opens a board).
      CREATE TABLE sync_tickets (
        ticket_hash TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        generation INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sync_tickets_by_expiry ON sync_tickets(expires_at);

      -- Boards deleted: ideas promoted from them say so in their provenance.
      CREATE TABLE deleted_boards (
        board_id TEXT PRIMARY KEY,
        deleted_at INTEGER NOT NULL
      );

      CREATE TABLE admin_audit (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        board_id TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX admin_audit_by_at ON admin_audit(at);
    `,
  },
  // Versions 70–79 belong to the meeting digest.
  {
    version: 70,
    name: 'digest: the days digests were held',
    sql: `
      CREATE TABLE digests_held (
        held_on TEXT PRIMARY KEY,
        recorded_at INTEGER NOT NULL
      );
      CREATE INDEX digests_held_by_recorded ON digests_held(recorded_at);
      CREATE INDEX board_snapshots_by_updated ON board_snapshots(updated_at);
    `,
  },
  // Versions 80–89 belong to outgoing webhooks.
  {
    version: 80,
    name: 'webhook outbox',
    sql: `
      CREATE TABLE webhook_deliveries (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        event_id TEXT NOT NULL,
        -- The WEBHOOK_URLS entry (URL and format); one row per event and receiver, so one
        -- receiver failing never sends anything again to the others.
        receiver TEXT NOT NULL,
        idea_id TEXT NOT NULL,
        idea_ref TEXT NOT NULL,
        idea_title TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        next_attempt_at INTEGER,
        lease_owner TEXT,
        lease_until INTEGER,
        delivered_at INTEGER,
        last_status INTEGER,
        last_error TEXT,
        UNIQUE (event_id, receiver)
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
      CREATE INDEX webhook_deliveries_by_created ON webhook_deliveries(created_at);
    `,
  },
]
