/**
 * Every run, remembered: an SQLite database (`history.sqlite` in the data dir) through
 * `node:sqlite`, in WAL mode. Each `record()` is its own transaction, so a run is on disk once
 * it returns and a crash (even SIGKILL) mid-write leaves the database whole.
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
import { inWriteTransaction, openHistoryDatabase } from './history-connection.ts';
import { planListPage, toPage } from './history-list-query.ts';
import {
  DEFAULT_RESPONSE_CAP_BYTES,
  toStoredRecord,
  type HistoryRecordInput,
} from './history-record.ts';
import { deleteBeyondRetention, KEEP_EVERYTHING, RETENTION_EVERY } from './history-retention.ts';
import { insertEntry, toEntry, type EntryRow } from './history-rows.ts';
import { expandPrefix } from './history-terms.ts';
import {
  classifyStorageFailure,
  moveDamagedFileAside,
  unavailableProblem,
  type StorageFailure,
} from './history-storage-failure.ts';

export interface HistoryRepositoryOptions {
  /** The database file; defaults to `<dataDir>/history.sqlite`. */
  file?: string;
  clock?: Clock;
  retention?: HistoryRetention;
  responseCapBytes?: number;
  /** How long to wait for another process's lock before calling history unavailable. */
  busyTimeoutMs?: number;
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
    this.#retention = options.retention ?? KEEP_EVERYTHING;
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
      this.#db = openHistoryDatabase(this.file, this.#busyTimeoutMs);
    } catch (error) {
      const failure = classifyStorageFailure(error);
      if (failure === null) throw error;
      if (failure === 'corrupt') {
        this.#moveAside();
        try {
          this.#db = openHistoryDatabase(this.file, this.#busyTimeoutMs);
        } catch (again) {
          this.#fail(classifyStorageFailure(again) ?? 'io', again);
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
    const id = this.#guard(() =>
      inWriteTransaction(this.#db!, () => insertEntry(this.#statement, row)),
    );
    if (id !== undefined && ++this.#sinceRetention >= RETENTION_EVERY) this.applyRetention();
    return id ?? null;
  }

  /** One page of entries, newest recorded first, grouped by local day. */
  list(query: HistoryListQuery = {}): HistoryPageDTO {
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
