/**
 * Writes many history entries fast for benchmarks: the repository's own row code (what
 * `record()` stores), in one transaction instead of one per run. The search index is then
 * merged as far as its automerge setting goes, as a history written run by run already is:
 * left to them, the first few hundred later commits would each pay for a part of that.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  inWriteTransaction,
  openHistoryDatabase,
} from '../../main/core/history/history-connection.ts';
import { toStoredRecord, type HistoryRecordInput } from '../../main/core/history/history-record.ts';
import { insertEntry } from '../../main/core/history/history-rows.ts';

export function fillHistory(file: string, count: number, run: (i: number) => HistoryRecordInput) {
  const db = openHistoryDatabase(file, 2000);
  const statements = new Map<string, StatementSync>();
  const statement = (sql: string) => {
    if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
    return statements.get(sql)!;
  };
  try {
    inWriteTransaction(db, () => {
      for (let i = 0; i < count; i++) insertEntry(statement, toStoredRecord(run(i), 64 * 1024));
    });
    finishMerging(db);
  } finally {
    db.close();
  }
}

/** Merges segments the way automerge does (levels of 8) until a pass finds nothing to merge. */
function finishMerging(db: DatabaseSync): void {
  const structure = db.prepare('SELECT block FROM entries_fts_data WHERE id = 10');
  const read = () => Buffer.from((structure.get() as { block: Uint8Array }).block);
  db.exec(`INSERT INTO entries_fts(entries_fts, rank) VALUES ('usermerge', 8)`);
  for (let before = read(); ;) {
    db.exec(`INSERT INTO entries_fts(entries_fts, rank) VALUES ('merge', 2000)`);
    const after = read();
    if (after.equals(before)) break;
    before = after;
  }
}
