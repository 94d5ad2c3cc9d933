/**
 * The history database's schema, versioned by `PRAGMA user_version`. A migration is only ever
 * appended: a database written by an older version is brought forward step by step, each step
 * in its own transaction, so a crash mid-migration leaves the previous version intact.
 */
import type { DatabaseSync } from 'node:sqlite';
import { FILL_TERMS_SQL, TOKENIZER } from './history-terms.ts';

const MIGRATIONS: string[] = [
  // 1: entries, with a contentless FTS5 index. The repository writes the index rows (it adds
  // camelCase-split words so `order` finds `getOrderById`); a trigger removes them.
  `
  CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    endpoint_id TEXT,
    endpoint_name TEXT,
    endpoint_url TEXT NOT NULL,
    profile TEXT,
    account TEXT,
    auth_mode TEXT,
    operation_name TEXT,
    operation_type TEXT,
    query TEXT NOT NULL,
    variables TEXT,
    status TEXT NOT NULL,
    http_status INTEGER,
    duration_ms REAL,
    response TEXT,
    response_truncated INTEGER NOT NULL DEFAULT 0,
    response_bytes INTEGER,
    errors TEXT NOT NULL DEFAULT '[]',
    error_count INTEGER NOT NULL DEFAULT 0,
    first_error TEXT,
    source TEXT NOT NULL,
    sub_started INTEGER,
    sub_stopped INTEGER,
    sub_messages INTEGER
  );
  CREATE INDEX entries_time ON entries(time);
  CREATE INDEX entries_endpoint ON entries(endpoint_id, id);
  CREATE INDEX entries_profile ON entries(profile, id);
  CREATE VIRTUAL TABLE entries_fts USING fts5(
    operation_name, query, endpoint, errors,
    content = '', contentless_delete = 1, tokenize = '${TOKENIZER}'
  );
  -- Fewer, larger segment merges: one-row transactions are the normal case here.
  INSERT INTO entries_fts(entries_fts, rank) VALUES ('automerge', 8);
  CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entries_fts WHERE rowid = old.id;
  END;
  `,
  // 2: how a saved request's assertions and script tests went (JSON: counts and failed names).
  `ALTER TABLE entries ADD COLUMN tests TEXT;`,
  // 3: the index's words in a plain table, so a prefix search can name them (history-terms.ts).
  `CREATE TABLE entries_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
  ${FILL_TERMS_SQL}`,
];

export const HISTORY_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to the current schema (or to `target`, for tests of a migration).
 * Throws if it was written by a newer app.
 */
export function migrateHistory(db: DatabaseSync, target = HISTORY_SCHEMA_VERSION): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const current = row.user_version;
  if (current > HISTORY_SCHEMA_VERSION) {
    throw new Error(
      `the history database has schema version ${current}, newer than this app's ${HISTORY_SCHEMA_VERSION}`,
    );
  }
  let version = current;
  while (version < target) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process (two CLI runs at once on a fresh file) may have migrated while this
      // one waited for the write lock: the version read under the lock is the one that counts.
      const locked = (db.prepare('PRAGMA user_version').get() as { user_version: number })
        .user_version;
      if (locked > version) {
        db.exec('COMMIT');
        version = locked;
        continue;
      }
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
      version += 1;
    } catch (error) {
      // SQLite may have rolled back already (a full disk): a second ROLLBACK would hide why.
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
