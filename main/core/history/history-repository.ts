/**
 * Every run, remembered: an SQLite database (`history.sqlite` in the data dir) through
 * `node:sqlite`, in WAL mode. `record()` writes the run at once, into a transaction that stays
 * open for COMMIT_WINDOW_MS (or until it holds BATCH_ROWS runs): runs that finish close together
 * share one commit, which costs more than the rows. Any other call, `close()` and the process's
 * exit commit first, so a search right after a run finds it. Killed outright (SIGKILL, power
 * cut), the runs of the last window are lost; the database stays whole either way.
 *
 * A failed write never takes earlier runs of its batch with it: they are kept in memory and
 * written again (with new ids) as soon as the database opens again, by `reopen()` or after a
 * damaged file was replaced. Only the run whose `record()` failed (it returned null) is not kept.
 *
 * History must never take the app down: a corrupt file is moved aside and a fresh one started;
 * a locked or unreadable one turns the repository "unavailable" (reads return an empty page
 * that says why, `record()` does nothing) until `reopen()` succeeds.
 */
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  HistoryAvailability,
  HistoryEntryDTO,
  HistoryListQuery,
  HistoryPageDTO,
  HistoryRetention,
} from '../../../shared/history.ts';
import { AppError } from '../../../shared/errors.ts';
import { systemClock, type Clock } from '../ports.ts';
import { commitOnExit, inWriteTransaction, openHistoryDatabase } from './history-connection.ts';
import { planListPage, toPage } from './history-list-query.ts';
import {
  DEFAULT_RESPONSE_CAP_BYTES,
  toStoredRecord,
  type HistoryRecordInput,
  type StoredRecord,
} from './history-record.ts';
import { deleteBeyondRetention, KEEP_EVERYTHING, RETENTION_EVERY } from './history-retention.ts';
import { insertEntry, toEntry, type EntryRow } from './history-rows.ts';
import { expandPrefix, storeTerms } from './history-terms.ts';
import {
  classifyStorageFailure,
  moveDamagedFileAside,
  unavailableProblem,
  type StorageFailure,
} from './history-storage-failure.ts';

/** How long a write transaction stays open for more runs; other processes wait that long at most. */
const COMMIT_WINDOW_MS = 20;
/** A batch is kept in memory until it commits (to be written again if that fails): bounded. */
const BATCH_ROWS = 200;
const BATCH_CHARS = 4_000_000;

export interface HistoryRepositoryOptions {
  /** The database file; defaults to `<dataDir>/history.sqlite`. */
  file?: string;
  clock?: Clock;
  retention?: HistoryRetention;
  responseCapBytes?: number;
  /** How long to wait for another process's lock before calling history unavailable. */
  busyTimeoutMs?: number;
  /** Opens the file; a test can keep the connection to make a write fail. */
  connect?: typeof openHistoryDatabase;
}

export class HistoryRepository {
  readonly file: string;
  #clock: Clock;
  #retention: HistoryRetention;
  #cap: number;
  #busyTimeoutMs: number;
  #connect: typeof openHistoryDatabase;
  #db: DatabaseSync | null = null;
  /** The rows of the open, not yet committed transaction. */
  #batch: StoredRecord[] = [];
  #batchChars = 0;
  /** The batch's words, stored once just before it commits (runs share most of their words). */
  #batchTerms = new Set<string>();
  #window: NodeJS.Timeout | undefined;
  /** Rows of a batch whose write failed, written again once the database is open. */
  #unwritten: StoredRecord[] = [];
  #statements = new Map<string, StatementSync>();
  #problem: string | null = null;
  #movedAsideTo: string | null = null;
  #sinceRetention = 0;

  private constructor(file: string, options: HistoryRepositoryOptions) {
    this.file = file;
    this.#clock = options.clock ?? systemClock;
    this.#retention = options.retention ?? KEEP_EVERYTHING;
    this.#cap = options.responseCapBytes ?? DEFAULT_RESPONSE_CAP_BYTES;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 2000;
    this.#connect = options.connect ?? openHistoryDatabase;
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
      this.#db = this.#connect(this.file, this.#busyTimeoutMs);
    } catch (error) {
      const failure = classifyStorageFailure(error);
      if (failure === null) throw error;
      if (failure === 'corrupt') {
        this.#moveAside();
        try {
          this.#db = this.#connect(this.file, this.#busyTimeoutMs);
        } catch (again) {
          this.#fail(classifyStorageFailure(again) ?? 'io', again);
        }
      } else {
        this.#fail(failure, error);
      }
    }
    this.#writeUnwritten();
    if (this.#db) this.#guard(() => this.applyRetention());
    return this.availability();
  }

  /** Commits the runs recorded so far and closes the file. */
  close(): void {
    this.flush();
    this.#drop();
  }

  /** Commits the runs recorded so far (every other call does so first). */
  flush(): void {
    const db = this.#db;
    if (!db?.isTransaction) return;
    clearTimeout(this.#window);
    this.#guard(() => {
      storeTerms(this.#statement, this.#batchTerms);
      db.exec('COMMIT');
      this.#forgetBatch();
    });
    commitOnExit.delete(this);
  }

  #forgetBatch(): void {
    this.#batch = [];
    this.#batchChars = 0;
    this.#batchTerms = new Set();
  }

  #drop(): void {
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
    const id = this.#guard(() => this.#insert(row));
    if (id !== undefined && ++this.#sinceRetention >= RETENTION_EVERY) this.#applyRetention();
    return id ?? null;
  }

  /** Writes a row into the open batch, opening one (committed when its window ends) if needed. */
  #insert(row: StoredRecord): number {
    const db = this.#db!;
    if (!db.isTransaction) {
      db.exec('BEGIN IMMEDIATE');
      commitOnExit.add(this);
      this.#window = setTimeout(() => this.flush(), COMMIT_WINDOW_MS).unref();
    }
    const id = insertEntry(this.#statement, row, this.#batchTerms);
    this.#batch.push(row);
    this.#batchChars +=
      row.query.length + (row.variables?.length ?? 0) + (row.response?.length ?? 0);
    if (this.#batch.length >= BATCH_ROWS || this.#batchChars >= BATCH_CHARS) this.flush();
    return id;
  }

  #writeUnwritten(): void {
    while (this.#db && this.#unwritten.length > 0) {
      const row = this.#unwritten[0]!;
      this.#guard(() => {
        this.#insert(row);
        this.#unwritten.shift();
      });
    }
    this.flush();
  }

  /** One page of entries, newest recorded first, grouped by local day. */
  list(query: HistoryListQuery = {}): HistoryPageDTO {
    this.flush();
    const plan = planListPage(
      query,
      (word) => this.#guard(() => expandPrefix(this.#statement, word)) ?? null,
    );
    const rows = this.#guard(
      () => this.#statement(plan.sql).all(...plan.params) as unknown as EntryRow[],
    );
    if (rows === undefined)
      return { groups: [], nextCursor: null, availability: this.availability() };
    return { ...toPage(rows, plan.limit), availability: this.availability() };
  }

  get(id: number): HistoryEntryDTO {
    this.flush();
    const row = this.#guard(
      () => this.#statement('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined,
    );
    if (!this.#db) throw this.#unavailableError();
    if (!row) throw new AppError('NOT_FOUND', `History entry ${id} does not exist (deleted?).`);
    return toEntry(row);
  }

  delete(id: number): boolean {
    this.flush();
    const changes = this.#guard(
      () => this.#statement('DELETE FROM entries WHERE id = ?').run(id).changes,
    );
    if (changes === undefined) throw this.#unavailableError();
    return changes > 0;
  }

  clear(): void {
    this.flush();
    const done = this.#guard(() => {
      const db = this.#db!;
      inWriteTransaction(db, () => {
        db.exec(`INSERT INTO entries_fts(entries_fts) VALUES ('delete-all')`);
        db.exec('DELETE FROM entries');
        db.exec('DELETE FROM entries_terms');
      });
      // Give the space (and the cleared text) back to the file system.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      return true;
    });
    if (!done) throw this.#unavailableError();
  }

  /** Deletes entries beyond the retention limits; returns how many went. */
  applyRetention(): number {
    this.flush();
    return this.#applyRetention();
  }

  #applyRetention(): number {
    this.#sinceRetention = 0;
    const deleted = this.#guard(() =>
      deleteBeyondRetention(this.#statement, this.#retention, this.#clock),
    );
    return deleted ?? 0;
  }

  /** Prepared once per connection; an arrow so helpers can be handed it. */
  #statement = (sql: string): StatementSync => {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db!.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  };

  /** Runs `work` against an open database; a storage failure degrades instead of throwing. */
  #guard<T>(work: () => T): T | undefined {
    if (!this.#db) return undefined;
    try {
      return work();
    } catch (error) {
      const failure = classifyStorageFailure(error);
      if (failure === null) throw error;
      this.#keepBatch();
      this.#drop();
      if (failure === 'corrupt') {
        this.#moveAside();
        this.reopen();
      } else {
        this.#fail(failure, error);
      }
      return undefined;
    }
  }

  /** A failed write rolls its batch back; its rows wait to be written again. */
  #keepBatch(): void {
    commitOnExit.delete(this);
    clearTimeout(this.#window);
    try {
      if (this.#db?.isTransaction) this.#db.exec('ROLLBACK');
    } catch {
      // SQLite may have rolled back already; the connection is dropped next.
    }
    this.#unwritten.unshift(...this.#batch);
    this.#forgetBatch();
  }

  #moveAside(): void {
    this.#movedAsideTo = moveDamagedFileAside(this.file, this.#clock.now());
  }

  #fail(failure: StorageFailure, error: unknown): void {
    this.#db = null;
    this.#problem = unavailableProblem(failure, this.file, error);
  }

  #unavailableError(): AppError {
    return new AppError('HISTORY_UNAVAILABLE', this.#problem ?? 'History is unavailable.', {
      path: this.file,
    });
  }
}
