/**
 * History at 100,000 entries: insert cost, full-text search p95, the first page of the list,
 * and open time with an empty vs a full database. Prints numbers; never asserts.
 *   node_modules/.bin/node test/bench/history.bench.ts [entries]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HistoryRepository } from '../../main/core/history/history-repository.ts';
import { aRun } from '../core/history/history-fixtures.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const OPERATIONS = ['GetOrder', 'ListOrders', 'UpdateInvoice', 'CreateShipment', 'DeleteCart'];
const WORDS = ['order', 'invoice', 'shipment', 'customer', 'payment', 'refund', 'warehouse', 'sku'];

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeOpen(dir: string): number {
  const start = performance.now();
  const history = HistoryRepository.open(dir);
  history.list({ limit: 100 });
  const ms = performance.now() - start;
  history.close();
  return ms;
}

const emptyDir = mkdtempSync(join(tmpdir(), 'awb-bench-history-empty-'));
const fullDir = mkdtempSync(join(tmpdir(), 'awb-bench-history-full-'));
try {
  HistoryRepository.open(emptyDir).close();
  const openEmpty = Math.min(timeOpen(emptyDir), timeOpen(emptyDir), timeOpen(emptyDir));

  const history = HistoryRepository.open(fullDir);
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const op = OPERATIONS[i % OPERATIONS.length]!;
    const word = WORDS[i % WORDS.length]!;
    history.record(
      aRun({
        time: Date.UTC(2025, 0, 1) + i * 60_000,
        operationName: `${op}${i % 97}`,
        query: `query ${op}($id: ID!) { ${word}(id: $id) { id name ${word}Status items { id qty } } }`,
        variables: { id: `${word}-${i}` },
        response: `{"data":{"${word}":{"id":"${word}-${i}","name":"n${i}","items":[{"id":1,"qty":2}]}}}`,
        status: i % 13 === 0 ? 'error' : 'success',
        errors:
          i % 13 === 0
            ? [{ message: `Throttled while reading ${word}`, errorType: 'Throttling' }]
            : [],
        profile: `profile-${i % 20}`,
      }),
    );
  }
  const insertMs = (performance.now() - start) / COUNT;

  const searches = [
    'order',
    'invoice',
    'GetOrder12',
    'throttled',
    'customer status',
    'ref',
    'zzz-none',
    '"AND',
  ];
  const samples: number[] = [];
  for (let round = 0; round < 25; round++) {
    for (const text of searches) {
      const t = performance.now();
      history.list({ text, limit: 100 });
      samples.push(performance.now() - t);
    }
  }
  const filtered: number[] = [];
  for (let round = 0; round < 25; round++) {
    const t = performance.now();
    history.list({ profile: 'profile-7', status: 'error', limit: 100 });
    filtered.push(performance.now() - t);
  }
  const firstPage: number[] = [];
  for (let round = 0; round < 25; round++) {
    const t = performance.now();
    history.list({ limit: 100 });
    firstPage.push(performance.now() - t);
  }
  history.close();
  const openFull = Math.min(timeOpen(fullDir), timeOpen(fullDir), timeOpen(fullDir));

  console.log(`history bench, ${COUNT.toLocaleString('en')} entries`);
  console.log(`  insert amortized      ${insertMs.toFixed(3)} ms/entry (budget < 0.2)`);
  console.log(
    `  full-text search p95  ${percentile(samples, 95).toFixed(2)} ms (budget < 50), p50 ${percentile(samples, 50).toFixed(2)} ms`,
  );
  console.log(`  filtered list p95     ${percentile(filtered, 95).toFixed(2)} ms`);
  console.log(`  first page (100) p95  ${percentile(firstPage, 95).toFixed(2)} ms`);
  console.log(
    `  open + first page     ${openEmpty.toFixed(2)} ms empty vs ${openFull.toFixed(2)} ms full (ratio ${(openFull / openEmpty).toFixed(2)}; view budget < 300 ms)`,
  );
} finally {
  rmSync(emptyDir, { recursive: true, force: true });
  rmSync(fullDir, { recursive: true, force: true });
}
