/**
 * Every run, remembered: an SQLite database (`history.sqlite` in the data dir) through
 * `node:sqlite`, in WAL mode. Each `record()` is its own transaction, so a run is on disk once
 * it returns and a crash (even SIGKILL) mid-write leaves the database whole.
 *
 * History must never take the app down: a corrupt file is moved aside and a fresh one started;
 * a locked or unreadable one turns the repository "unavailable" (reads return an empty page
 * that says why, `record()` does nothing) until `reopen()` succeeds.
 */
import { mkdirSync, renameSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type {
  HistoryAvailability,
  HistoryDayGroup,
  HistoryEntryDTO,
  HistoryEntrySummaryDTO,
  HistoryListQuery,
  HistoryPageDTO,
  HistoryRetention,
} from '../../../shared/history.ts';
import { AppError } from '../../../shared/errors.ts';
import { systemClock, type Clock } from '../ports.ts';
import { indexableText, toFtsQuery } from './fts-query.ts';
import { migrateHistory } from './history-schema.ts';
import {
  DEFAULT_RESPONSE_CAP_BYTES,
  toStoredRecord,
  type HistoryRecordInput,
} from './history-record.ts';
import { buildListSql, dayKey, toEntry, toSummary, type EntryRow } from './history-rows.ts';

export interface HistoryRepositoryOptions {
  /** The database file; defaults to `<dataDir>/history.sqlite`. */
  file?: string;
  clock?: Clock;
  retention?: HistoryRetention;
  responseCapBytes?: number;
  /** How long to wait for another process's lock before calling history unavailable. */
  busyTimeoutMs?: number;
}

const RETENTION_EVERY = 500;
const DAY_MS = 86_400_000;

type Failure = 'corrupt' | 'locked' | 'io';

/** SQLite's primary result codes that mean the file itself is the problem. */
function classify(error: unknown): Failure | null {
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code !== 'number') return null;
  switch (code & 0xff) {
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
      return 'corrupt';
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
      return 'locked';
    case 8: // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
    case 23: // SQLITE_AUTH
      return 'io';
    default:
      return null;
  }
}

export class HistoryRepository {
  readonly file: string;
  #clock: Clock;
  #retention: HistoryRetention;
  #cap: number;
  #busyTimeoutMs: number;
  #db: DatabaseSync | null = null;
  #statements = new Map<string, StatementSync>();
  #problem: string | null = null;
  #movedAsideTo: string | null = null;
  #sinceRetention = 0;

  private constructor(file: string, options: HistoryRepositoryOptions) {
    this.file = file;
    this.#clock = options.clock ?? systemClock;
    this.#retention = options.retention ?? { maxEntries: null, maxAgeDays: null };
    this.#cap = options.responseCapBytes ?? DEFAULT_RESPONSE_CAP_BYTES;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  }

  /** Opens (creating or migrating) the database. Never throws for a bad file: see `availability()`. */
  static open(dataDir: string, options: HistoryRepositoryOptions = {}): HistoryRepository {
    const repository = new HistoryRepository(
      options.file ?? join(dataDir, 'history.sqlite'),
      options,
    );
    repository.reopen();
    return repository;
  }

  availability(): HistoryAvailability {
    return {
      available: this.#db !== null,
      path: this.file,
      problem: this.#problem,
      movedAsideTo: this.#movedAsideTo,
    };
  }

  /** Tries again after a lock was released or a disk freed. */
  reopen(): HistoryAvailability {
    this.close();
    this.#problem = null;
    try {
      this.#db = this.#connect();
    } catch (error) {
      const failure = classify(error);
      if (failure === null) throw error;
      if (failure === 'corrupt') {
        this.#moveAside();
        try {
          this.#db = this.#connect();
        } catch (again) {
          this.#fail(classify(again) ?? 'io', again);
        }
      } else {
        this.#fail(failure, error);
      }
    }
    if (this.#db) this.#guard(() => this.applyRetention());
    return this.availability();
  }

  close(): void {
    this.#statements.clear();
    try {
      this.#db?.close();
    } catch {
      // Closing a broken handle can fail; it is being dropped either way.
    }
    this.#db = null;
  }

  setRetention(retention: HistoryRetention): number {
    this.#retention = retention;
    return this.applyRetention();
  }

  /** Stores a finished run; returns its id, or null when history is unavailable. */
  record(input: HistoryRecordInput): number | null {
    const row = toStoredRecord(input, this.#cap);
    const id = this.#guard(() => {
      const db = this.#db!;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = this.#statement(INSERT_SQL).run(
          row.time,
          row.endpointId,
          row.endpointName,
          row.endpointUrl,
          row.profile,
          row.account,
          row.authMode,
          row.operationName,
          row.operationType,
          row.query,
          row.variables,
          row.status,
          row.httpStatus,
          row.durationMs,
          row.response,
          row.responseTruncated,
          row.responseBytes,
          row.errors,
          row.errorCount,
          row.firstError,
          row.source,
          row.subStarted,
          row.subStopped,
          row.subMessages,
        );
        const id = Number(result.lastInsertRowid);
        this.#statement(INSERT_FTS_SQL).run(
          id,
          indexableText(row.operationName),
          indexableText(row.query),
          `${row.endpointName ?? ''} ${row.endpointUrl}`,
          row.errors,
        );
        db.exec('COMMIT');
        return id;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
    if (id !== undefined && ++this.#sinceRetention >= RETENTION_EVERY) this.applyRetention();
    return id ?? null;
  }

  /** One page of entries, newest recorded first, grouped by local day. */
  list(query: HistoryListQuery = {}): HistoryPageDTO {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
    let before: number | null = null;
    if (query.cursor !== undefined) {
      before = Number(query.cursor);
      if (!Number.isSafeInteger(before) || before < 0) {
        throw new AppError('INVALID_INPUT', `"${query.cursor}" is not a history page cursor.`);
      }
    }
    const fts = query.text === undefined ? null : toFtsQuery(query.text);
    const { sql, params } = buildListSql(query, fts, before, limit + 1);
    const rows = this.#guard(() => this.#statement(sql).all(...params) as unknown as EntryRow[]);
    if (rows === undefined)
      return { groups: [], nextCursor: null, availability: this.availability() };
    const page = rows.slice(0, limit).map(toSummary);
    return {
      groups: groupByDay(page),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
      availability: this.availability(),
    };
  }

  get(id: number): HistoryEntryDTO {
    const row = this.#guard(
      () => this.#statement('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined,
    );
    if (!this.#db) throw this.#unavailableError();
    if (!row) throw new AppError('NOT_FOUND', `History entry ${id} does not exist (deleted?).`);
    return toEntry(row);
  }

  delete(id: number): boolean {
    const changes = this.#guard(
      () => this.#statement('DELETE FROM entries WHERE id = ?').run(id).changes,
    );
    if (changes === undefined) throw this.#unavailableError();
    return changes > 0;
  }

  clear(): void {
    const done = this.#guard(() => {
      const db = this.#db!;
      db.exec('BEGIN IMMEDIATE');
      try {
        db.exec(`INSERT INTO entries_fts(entries_fts) VALUES ('delete-all')`);
        db.exec('DELETE FROM entries');
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
      // Give the space (and the cleared text) back to the file system.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      return true;
    });
    if (!done) throw this.#unavailableError();
  }

  /** Deletes entries beyond the retention limits; returns how many went. */
  applyRetention(): number {
    this.#sinceRetention = 0;
    const { maxEntries, maxAgeDays } = this.#retention;
    const deleted = this.#guard(() => {
      let count = 0;
      if (maxAgeDays !== null) {
        const cutoff = this.#clock.now() - maxAgeDays * DAY_MS;
        count += Number(this.#statement('DELETE FROM entries WHERE time < ?').run(cutoff).changes);
      }
      if (maxEntries !== null) {
        count += Number(
          this.#statement(
            'DELETE FROM entries WHERE id < (SELECT id FROM entries ORDER BY id DESC LIMIT 1 OFFSET ?)',
          ).run(Math.max(maxEntries - 1, 0)).changes,
        );
        if (maxEntries === 0) count += Number(this.#statement('DELETE FROM entries').run().changes);
      }
      return count;
    });
    return deleted ?? 0;
  }

  #connect(): DatabaseSync {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const db = new DatabaseSync(this.file);
    try {
      db.exec(`PRAGMA busy_timeout = ${Math.trunc(this.#busyTimeoutMs)}`);
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

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db!.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` against an open database; a storage failure degrades instead of throwing. */
  #guard<T>(work: () => T): T | undefined {
    if (!this.#db) return undefined;
    try {
      return work();
    } catch (error) {
      const failure = classify(error);
      if (failure === null) throw error;
      if (failure === 'corrupt') {
        this.close();
        this.#moveAside();
        this.reopen();
      } else {
        this.close();
        this.#fail(failure, error);
      }
      return undefined;
    }
  }

  #moveAside(): void {
    const aside = `${this.file}.corrupt-${this.#clock.now()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(this.file + suffix)) renameSync(this.file + suffix, aside + suffix);
    }
    this.#movedAsideTo = aside;
  }

  #fail(failure: Failure, error: unknown): void {
    const reason = (error as Error).message;
    this.#db = null;
    this.#problem =
      failure === 'locked'
        ? `History is unavailable: ${this.file} is locked by another process (${reason}). ` +
          'Close other AppSync Workbench windows or CLI runs, then retry.'
        : failure === 'corrupt'
          ? `History is unavailable: ${this.file} is damaged and could not be replaced (${reason}). ` +
            'Move the file away and restart.'
          : `History is unavailable: ${this.file} cannot be read or written (${reason}). ` +
            'Check the folder permissions and free disk space, then retry.';
  }

  #unavailableError(): AppError {
    return new AppError('HISTORY_UNAVAILABLE', this.#problem ?? 'History is unavailable.', {
      path: this.file,
    });
  }
}

function groupByDay(entries: HistoryEntrySummaryDTO[]): HistoryDayGroup[] {
  const groups: HistoryDayGroup[] = [];
  for (const entry of entries) {
    const day = dayKey(entry.time);
    const last = groups[groups.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}

const INSERT_SQL = `INSERT INTO entries (
  time, endpoint_id, endpoint_name, endpoint_url, profile, account, auth_mode, operation_name,
  operation_type, query, variables, status, http_status, duration_ms, response,
  response_truncated, response_bytes, errors, error_count, first_error, source, sub_started,
  sub_stopped, sub_messages
) VALUES (${Array(24).fill('?').join(', ')})`;

const INSERT_FTS_SQL =
  'INSERT INTO entries_fts (rowid, operation_name, query, endpoint, errors) VALUES (?, ?, ?, ?, ?)';
