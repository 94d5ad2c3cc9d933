/**
 * Two processes opening a new history file at once (CLI runs started together, the app beside
 * them): both read schema version 0, one migrates, the other waits for the write lock. The
 * waiting one must not run the migration again ("table entries already exists", seen in CI):
 * the version it acts on is the one read under the lock. The stale read is played by a
 * connection whose first version read predates the other process's migration; the database
 * is real.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import {
  HISTORY_SCHEMA_VERSION,
  migrateHistory,
} from '../../../main/core/history/history-schema.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

/** The connection as it was when it read the version, before the other process migrated. */
function readBeforeTheOtherMigrated(db: DatabaseSync): DatabaseSync {
  let stale = true;
  return new Proxy(db, {
    get(target, name) {
      if (name === 'prepare') {
        return (sql: string) => {
          if (stale && sql === 'PRAGMA user_version') {
            stale = false;
            return { get: () => ({ user_version: 0 }) };
          }
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

test('a migration another process finished while this one waited is not run again', async () => {
  const file = join(await makeTempDir('history-race'), 'history.db');
  const first = new DatabaseSync(file);
  migrateHistory(first);
  first.prepare("INSERT INTO entries_terms (term) VALUES ('kept')").run();
  const second = new DatabaseSync(file);
  migrateHistory(readBeforeTheOtherMigrated(second));
  const version = second.prepare('PRAGMA user_version').get() as { user_version: number };
  assert.equal(version.user_version, HISTORY_SCHEMA_VERSION);
  const terms = second
    .prepare('SELECT term FROM entries_terms')
    .all()
    .map((row) => row.term);
  assert.deepEqual(terms, ['kept'], 'nothing was dropped or made again');
  first.close();
  second.close();
});
