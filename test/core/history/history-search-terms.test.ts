import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, test } from 'node:test';
import { toFtsQuery } from '../../../main/core/history/fts-query.ts';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import {
  HISTORY_SCHEMA_VERSION,
  migrateHistory,
} from '../../../main/core/history/history-schema.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun } from './history-fixtures.ts';

const RUNS = [
  { operationName: 'GetOrderById', query: 'query GetOrderById { order { id } }' },
  { operationName: 'ListOrders', query: 'query ListOrders { orders { items { id } } }' },
  { operationName: 'CaféÜbersicht', query: 'query { straße { naïve résumé } }' },
  { operationName: 'Ordnung', query: 'query { 注文 { id } order_status }' },
  { operationName: null, query: '{ ORDERline { a1b2 } }' },
  { operationName: 'CafeteriaMenu', query: 'query { cafeteria { resumeLink straw } }' },
];

const SEARCHES = [
  'order',
  'ord',
  'o',
  'Order',
  'orders',
  'caf',
  'cafe',
  'café',
  'uber',
  'über',
  'stra',
  'straße',
  'naive',
  'resu',
  '注',
  'a1',
  'status',
  'id',
  'zzz',
  'order id',
  'get ord',
];

/** What the index itself says a search matches: the typed words as plain prefix queries. */
function plainMatches(file: string, text: string): number[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const fts = toFtsQuery(text);
    const rows = db
      .prepare('SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC')
      .all(fts);
    return rows.map((row) => Number(row.rowid));
  } finally {
    db.close();
  }
}

const ids = (history: HistoryRepository, text: string) =>
  history.list({ text, limit: 500 }).groups.flatMap((g) => g.entries.map((e) => e.id));

describe('history search through the word table', () => {
  test('every search matches exactly what the plain prefix query matches', async () => {
    const dir = await makeTempDir('history-terms');
    const history = HistoryRepository.open(dir);
    for (const run of RUNS) history.record(aRun(run));
    // Enough words starting with "item" that the prefix stays a prefix query.
    for (let i = 0; i < 450; i++) {
      history.record(aRun({ operationName: `Item${i}x`, query: `{ item${i}x }` }));
    }
    history.delete(2);
    for (const text of [...SEARCHES, 'item', 'item1', 'item44']) {
      assert.deepEqual(ids(history, text), plainMatches(history.file, text), text);
    }
    assert.deepEqual(ids(history, 'cafe'), [6, 3], 'diacritics are folded as the index folds them');
    assert.equal(ids(history, 'item').length, 450);
    history.close();
  });

  test('the schema-3 migration keeps every entry and makes them findable as before', async () => {
    const dir = await makeTempDir('history-terms-migration');
    const file = join(dir, 'history.sqlite');
    const old = new DatabaseSync(file);
    migrateHistory(old, 2);
    RUNS.forEach((run, i) => {
      old
        .prepare(
          `INSERT INTO entries (id, time, endpoint_url, operation_name, query, status, source)
           VALUES (?, ?, 'https://x.example/graphql', ?, ?, 'success', 'desktop')`,
        )
        .run(i + 1, 1000 + i, run.operationName, run.query);
      old
        .prepare('INSERT INTO entries_fts (rowid, operation_name, query) VALUES (?, ?, ?)')
        .run(i + 1, run.operationName, run.query);
    });
    old.close();

    const history = HistoryRepository.open(dir);
    const version = new DatabaseSync(file, { readOnly: true });
    assert.equal(
      (version.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
      HISTORY_SCHEMA_VERSION,
    );
    const terms = version.prepare('SELECT count(*) AS n FROM entries_terms').get() as { n: number };
    version.close();
    assert.ok(terms.n > 10, 'the word table is filled from the existing index');
    assert.equal(history.list({ limit: 500 }).groups.flatMap((g) => g.entries).length, RUNS.length);
    for (const text of SEARCHES) {
      assert.deepEqual(ids(history, text), plainMatches(file, text), text);
    }
    assert.deepEqual(ids(history, 'orders'), [2]);
    history.close();
  });
});
