/**
 * Opening the history database file, tuned for small, frequent writes, and the write
 * transactions changes go through.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrateHistory } from './history-schema.ts';

/** Opens (creating or migrating) the file; throws SQLite's own error when the file is unusable. */
export function openHistoryDatabase(file: string, busyTimeoutMs: number): DatabaseSync {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(file);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL: a commit survives the process being killed; only a power cut can lose
    // the last few runs, and never corrupts the file.
    db.exec('PRAGMA synchronous = NORMAL');
    // Checkpoints (the only fsyncs in NORMAL) every ~16 MB of WAL instead of every 4 MB.
    db.exec('PRAGMA wal_autocheckpoint = 4000');
    db.exec('PRAGMA cache_size = -16000');
    // Deleted and cleared history is overwritten on disk, not left in free pages.
    db.exec('PRAGMA secure_delete = ON');
    migrateHistory(db);
    // Reading the schema proves the header and the first pages are sound.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Repositories with runs not committed yet: the process's exit commits them. */
export const commitOnExit = new Set<{ flush(): void }>();
process.on('exit', () => {
  for (const repository of commitOnExit) repository.flush();
});

/** Runs `work` in a write transaction taken up front, so it never fails half-way on a lock. */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
