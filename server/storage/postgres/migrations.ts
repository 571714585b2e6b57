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
  // Versions 2–19 belong to the idea registry (the same versions as in SQLite).
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
        tags JSONB NOT NULL DEFAULT '[]',
        votes INTEGER NOT NULL DEFAULT 0,
        -- Frozen provenance; ideas outlive their boards, so no foreign key.
        source JSONB NOT NULL,
        source_board_id TEXT NOT NULL,
        -- Notes of other sessions linked to the idea later (an array, same shape as source).
        links JSONB NOT NULL DEFAULT '[]',
        experiment JSONB,
        merged_into TEXT REFERENCES ideas(id),
        version INTEGER NOT NULL DEFAULT 1,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
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

      -- A note belongs to at most one idea: the key of "same notes" and overlap checks, and
      -- what makes a promotion of the same notes by two processes at once fail rather than
      -- create two ideas. link_seq 0 are the notes the idea was promoted from, n the notes of
      -- its n-th link.
      CREATE TABLE idea_notes (
        board_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        link_seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (board_id, note_id)
      );
      CREATE INDEX idea_notes_by_idea ON idea_notes(idea_id, link_seq);

      CREATE TABLE idea_history (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        at BIGINT NOT NULL,
        actor JSONB NOT NULL,
        field TEXT NOT NULL,
        from_value JSONB,
        to_value JSONB,
        comment TEXT
      );
      CREATE INDEX idea_history_by_idea ON idea_history(idea_id, seq);

      -- The last number handed out per year: refs KT-YYYY-NNNN. Incremented in place
      -- (INSERT … ON CONFLICT DO UPDATE … RETURNING), which locks the row until commit.
      CREATE TABLE idea_ref_counters (
        year INTEGER PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'idea registry search',
    // No extension is needed: case and diacritics are folded by the server before the text
    // is stored (see idea-search.ts). search_words holds the words for word-prefix matches
    // and ranking, weighted by field; search_text the folded words for matches inside words.
    // pg_trgm (shipped with PostgreSQL's contrib, and a trusted extension) indexes the latter
    // when it can be created; without it those matches scan the table, with the same results.
    sql: `
      ALTER TABLE ideas
        ADD COLUMN search_words tsvector NOT NULL DEFAULT ''::tsvector,
        ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      CREATE INDEX ideas_search_words ON ideas USING GIN (search_words);
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX ideas_search_text_trigrams ON ideas USING GIN (search_text gin_trgm_ops);
      EXCEPTION WHEN others THEN
        RAISE NOTICE 'registry search without a trigram index (pg_trgm: %)', SQLERRM;
      END
      $$;
    `,
  },
  // Versions 20–29 belong to facilitation (custom templates).
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
  // Versions 40– belong to drafts (private notes while the session is silent).
  {
    version: 40,
    name: 'drafts: private notes while silent',
    sql: `
      CREATE TABLE draft_snapshots (
        draft_id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        state BYTEA NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX draft_snapshots_by_board ON draft_snapshots(board_id);
      CREATE TABLE draft_updates (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        draft_id TEXT NOT NULL,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        data BYTEA NOT NULL
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
        user_json JSONB NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX auth_sessions_by_expiry ON auth_sessions(expires_at);
      CREATE TABLE user_boards (
        user_id TEXT NOT NULL,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        role_rank INTEGER NOT NULL,
        last_seen_at BIGINT NOT NULL,
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
      ALTER TABLE user_boards ADD COLUMN owner BOOLEAN NOT NULL DEFAULT FALSE;
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
      ALTER TABLE boards ADD COLUMN links_expire_at BIGINT;
      ALTER TABLE boards ADD COLUMN last_activity_at BIGINT;
      UPDATE boards SET last_activity_at = COALESCE(
        (SELECT updated_at FROM board_snapshots WHERE board_id = boards.id), created_at);
      CREATE INDEX boards_by_activity ON boards(last_activity_at);

      CREATE TABLE sync_tickets (
        ticket_hash TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        generation INTEGER NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX sync_tickets_by_expiry ON sync_tickets(expires_at);

      CREATE TABLE deleted_boards (
        board_id TEXT PRIMARY KEY,
        deleted_at BIGINT NOT NULL
      );

      CREATE TABLE admin_audit (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        board_id TEXT,
        details JSONB NOT NULL DEFAULT '{}'
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
        recorded_at BIGINT NOT NULL
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
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        next_attempt_at BIGINT,
        lease_owner TEXT,
        lease_until BIGINT,
        delivered_at BIGINT,
        last_status INTEGER,
        last_error TEXT,
        UNIQUE (event_id, receiver)
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
      CREATE INDEX webhook_deliveries_by_created ON webhook_deliveries(created_at);
    `,
  },
]
