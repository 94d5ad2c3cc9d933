import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun } from './history-fixtures.ts';

const HOUR = 3_600_000;

async function repository(now = Date.UTC(2025, 4, 20)) {
  const dir = await makeTempDir('history');
  return HistoryRepository.open(dir, { clock: { now: () => now } });
}

describe('history repository', () => {
  test('a recorded run reads back whole, and the list shows it under its day', async () => {
    const history = await repository();
    const id = history.record(
      aRun({ errors: [{ message: 'Not authorized', errorType: 'Unauthorized' }], status: 'error' }),
    );
    assert.ok(id);
    const entry = history.get(id);
    assert.equal(entry.operationName, 'GetOrderById');
    assert.deepEqual(entry.variables, { id: 'ord-1' });
    assert.deepEqual(entry.errors, [{ message: 'Not authorized', errorType: 'Unauthorized' }]);
    assert.equal(entry.response, aRun().response);
    assert.equal(entry.responseTruncated, false);
    const page = history.list();
    assert.equal(page.groups.length, 1);
    assert.match(page.groups[0]!.day, /^2025-05-1[12]$/);
    assert.equal(page.groups[0]!.entries[0]!.firstError, 'Not authorized');
    assert.equal(page.availability.available, true);
  });

  test('pages follow each other without gaps or repeats, grouped by day, newest first', async () => {
    const history = await repository();
    const start = Date.UTC(2025, 4, 1, 12);
    for (let i = 0; i < 250; i++) history.record(aRun({ time: start + i * 2 * HOUR }));
    const seen: number[] = [];
    let cursor: string | undefined;
    let days = 0;
    do {
      const page = history.list({ limit: 40, ...(cursor ? { cursor } : {}) });
      for (const group of page.groups) {
        days++;
        for (const entry of group.entries) seen.push(entry.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(seen.length, 250);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => b - a),
    );
    assert.equal(new Set(seen).size, 250);
    assert.ok(days >= 21, 'entries 2 hours apart span about 21 days');
  });

  test('filters by endpoint, profile, status, auth mode and time range', async () => {
    const history = await repository();
    const t = Date.UTC(2025, 4, 10);
    history.record(aRun({ time: t }));
    history.record(aRun({ time: t + HOUR, profile: 'dev', status: 'error' }));
    history.record(aRun({ time: t + 2 * HOUR, authMode: 'API_KEY', profile: null }));
    history.record(
      aRun({
        time: t + 3 * HOUR,
        endpoint: { id: null, name: null, url: 'http://127.0.0.1:4000/graphql' },
      }),
    );
    const ids = (query: Parameters<HistoryRepository['list']>[0]) =>
      history.list(query).groups.flatMap((g) => g.entries.map((e) => e.time - t));
    assert.deepEqual(ids({ profile: 'dev' }), [HOUR]);
    assert.deepEqual(ids({ status: 'error' }), [HOUR]);
    assert.deepEqual(ids({ authMode: 'API_KEY' }), [2 * HOUR]);
    assert.deepEqual(ids({ endpointId: 'orders-prod' }), [2 * HOUR, HOUR, 0]);
    assert.deepEqual(ids({ endpointUrl: 'http://127.0.0.1:4000/graphql' }), [3 * HOUR]);
    assert.deepEqual(ids({ from: t + HOUR, to: t + 3 * HOUR }), [2 * HOUR, HOUR]);
    assert.deepEqual(ids({ profile: 'dev', text: 'order' }), [HOUR]);
  });

  test('full-text search finds operation names, query words, endpoints and errors', async () => {
    const history = await repository();
    history.record(aRun());
    history.record(
      aRun({
        operationName: 'ListInvoices',
        query: 'query ListInvoices { invoices { items { id } } }',
        endpoint: { id: 'billing', name: 'Billing', url: 'https://billing.example.com/graphql' },
        errors: [
          {
            message: 'Throttled by DynamoDB',
            errorType: 'DynamoDB:ProvisionedThroughputExceededException',
          },
        ],
      }),
    );
    const names = (text: string) =>
      history.list({ text }).groups.flatMap((g) => g.entries.map((e) => e.operationName));
    assert.deepEqual(names('order'), ['GetOrderById'], 'camelCase parts are words');
    assert.deepEqual(names('invoi'), ['ListInvoices'], 'prefixes match');
    assert.deepEqual(names('billing'), ['ListInvoices']);
    assert.deepEqual(names('throttled'), ['ListInvoices']);
    assert.deepEqual(names('eu-west-1'), ['GetOrderById']);
    assert.deepEqual(names('').length, 2, 'an empty search shows everything');
  });

  test('FTS syntax typed by a user is plain text, never an error', async () => {
    const history = await repository();
    history.record(aRun());
    for (const text of [
      '"',
      '"order',
      'AND',
      'order AND',
      'NOT order',
      'a OR b',
      '*',
      'col:x',
      '(',
      'NEAR(a b)',
      "o'brien",
      '^order',
      '-',
      '{}',
    ]) {
      assert.doesNotThrow(() => history.list({ text }), text);
    }
    assert.equal(history.list({ text: '"order' }).groups.length, 1);
  });

  test('a large response is capped with a truncated flag and its full size', async () => {
    const dir = await makeTempDir('history');
    const history = HistoryRepository.open(dir, { responseCapBytes: 1024 });
    const big = JSON.stringify({ data: { blob: 'é'.repeat(5000) } });
    const entry = history.get(history.record(aRun({ response: big }))!);
    assert.equal(entry.responseTruncated, true);
    assert.ok(Buffer.byteLength(entry.response!) <= 1024);
    assert.ok(!entry.response!.includes('\uFFFD'), 'no character is cut in half');
    assert.equal(entry.responseBytes, Buffer.byteLength(big));
  });

  test('delete one, clear all, and a deleted entry is reported as missing', async () => {
    const history = await repository();
    const first = history.record(aRun())!;
    const second = history.record(aRun())!;
    assert.equal(history.delete(first), true);
    assert.equal(history.delete(first), false);
    assert.throws(() => history.get(first), { code: 'NOT_FOUND' });
    assert.equal(history.get(second).id, second);
    history.clear();
    assert.deepEqual(history.list().groups, []);
    assert.equal(
      history.list({ text: 'order' }).groups.length,
      0,
      'the search index is cleared too',
    );
    const third = history.record(aRun())!;
    assert.ok(third > second, 'ids are never reused, so an old link never opens another run');
  });

  test('retention keeps the newest entries by count and drops entries past the age', async () => {
    const now = Date.UTC(2025, 4, 20);
    const history = await repository(now);
    for (let day = 40; day > 0; day--) history.record(aRun({ time: now - day * 24 * HOUR }));
    assert.equal(history.setRetention({ maxEntries: null, maxAgeDays: 30 }), 10);
    assert.equal(history.setRetention({ maxEntries: 5, maxAgeDays: 30 }), 25);
    const left = history.list().groups.flatMap((g) => g.entries);
    assert.equal(left.length, 5);
    assert.equal(left[0]!.time, now - 1 * 24 * HOUR);
    assert.equal(history.list({ text: 'order' }).groups.flatMap((g) => g.entries).length, 5);
  });

  test('a bad cursor is an input error, not a crash', async () => {
    const history = await repository();
    assert.throws(() => history.list({ cursor: 'abc' }), { code: 'INVALID_INPUT' });
  });

  test('subscriptions keep start, stop and message count', async () => {
    const history = await repository();
    const id = history.record(
      aRun({
        operationType: 'subscription',
        response: null,
        subscription: { startedAt: 1000, stoppedAt: 61_000, messageCount: 3201 },
      }),
    )!;
    assert.deepEqual(history.get(id).subscription, {
      startedAt: 1000,
      stoppedAt: 61_000,
      messageCount: 3201,
    });
    assert.equal(history.get(id).response, null);
  });
});
