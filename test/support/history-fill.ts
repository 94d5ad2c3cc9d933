/**
 * Writes many history entries fast for benchmarks: the repository's own row code (what
 * `record()` stores), in one transaction instead of one per run.
 */
import type { StatementSync } from 'node:sqlite';
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
  } finally {
    db.close();
  }
}
