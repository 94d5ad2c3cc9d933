/**
 * History at 1,000,000 entries (targets: full-text search p95 < 50 ms, first page < 10 ms,
 * insert amortized < 0.2 ms), the database's size per 100,000 entries, open time with an
 * empty vs a full database, and a retention pass that bounds it. The entries are written
 * through the repository's own row code in one transaction (a minute or so for a million); the
 * insert figure is then `record()` itself on the full database, as the app writes: runs that
 * finish within the repository's commit window share a commit, so it is timed over bursts of
 * BURST runs per tick (commits included), next to the cost when every run is committed alone
 * (runs further apart than the window).
 * Prints numbers and "meets target"; never asserts.
 *   node_modules/.bin/node test/bench/history.bench.ts [entries, default 1000000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HistoryRepository } from '../../main/core/history/history-repository.ts';
import { aRun } from '../core/history/history-fixtures.ts';
import { fillHistory } from '../support/history-fill.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const RECORDED = 2000;
const BURST = 20;
const ALONE = 200;
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

  const run = (i: number) => {
    const op = OPERATIONS[i % OPERATIONS.length]!;
    const word = WORDS[i % WORDS.length]!;
    return aRun({
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
    });
  };
  const fillStart = performance.now();
  fillHistory(join(fullDir, 'history.sqlite'), COUNT - RECORDED, run);
  const fillS = (performance.now() - fillStart) / 1000;

  const history = HistoryRepository.open(fullDir);
  const nextTick = () => new Promise((resolve) => setImmediate(resolve));
  let start = performance.now();
  for (let i = COUNT - RECORDED; i < COUNT - ALONE; i++) {
    history.record(run(i));
    if ((i + 1) % BURST === 0) await nextTick();
  }
  history.flush();
  const insertMs = (performance.now() - start) / (RECORDED - ALONE);
  start = performance.now();
  for (let i = COUNT - ALONE; i < COUNT; i++) {
    history.record(run(i));
    history.flush();
  }
  const aloneMs = (performance.now() - start) / ALONE;

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
  const file = join(fullDir, 'history.sqlite');
  const bytes = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const size = bytes(file) + bytes(`${file}-wal`);

  // Retention: a limit of 90% of the entries, applied once (as on open or a settings change).
  const retentionStart = performance.now();
  const bounded = HistoryRepository.open(fullDir);
  const deleted = bounded.setRetention({ maxEntries: Math.floor(COUNT * 0.9), maxAgeDays: null });
  const retentionMs = performance.now() - retentionStart;
  const afterPage: number[] = [];
  for (let round = 0; round < 25; round++) {
    const t = performance.now();
    bounded.list({ limit: 100 });
    afterPage.push(performance.now() - t);
  }
  bounded.close();

  const meets = (ok: boolean) => `meets target: ${ok ? 'yes' : 'no'}`;
  const searchP95 = percentile(samples, 95);
  const pageP95 = percentile(firstPage, 95);
  console.log(
    `history bench, ${COUNT.toLocaleString('en')} entries (filled in ${fillS.toFixed(0)} s)`,
  );
  console.log(
    `  insert amortized      ${insertMs.toFixed(3)} ms/entry over ${RECORDED - ALONE} record() calls in bursts of ${BURST} per tick, commits included (budget < 0.2) — ${meets(insertMs < 0.2)}`,
  );
  console.log(
    `  insert, commit each   ${aloneMs.toFixed(3)} ms/entry over ${ALONE} runs committed one by one (runs further apart than the commit window; after the run, not on its path)`,
  );
  console.log(
    `  full-text search p95  ${searchP95.toFixed(2)} ms (budget < 50), p50 ${percentile(samples, 50).toFixed(2)} ms — ${meets(searchP95 < 50)}`,
  );
  console.log(`  filtered list p95     ${percentile(filtered, 95).toFixed(2)} ms`);
  console.log(
    `  first page (100) p95  ${pageP95.toFixed(2)} ms (budget < 10) — ${meets(pageP95 < 10)}`,
  );
  console.log(
    `  database size         ${(size / 1048576).toFixed(0)} MB = ${(((size / COUNT) * 100_000) / 1048576).toFixed(1)} MB per 100,000 entries`,
  );
  console.log(
    `  retention to ${Math.floor(COUNT * 0.9).toLocaleString('en')} entries: ${deleted.toLocaleString('en')} deleted in ${retentionMs.toFixed(0)} ms; first page after it p95 ${percentile(afterPage, 95).toFixed(2)} ms`,
  );
  console.log(
    `  open + first page     ${openEmpty.toFixed(2)} ms empty vs ${openFull.toFixed(2)} ms full (ratio ${(openFull / openEmpty).toFixed(2)}; view budget < 300 ms)`,
  );
} finally {
  rmSync(emptyDir, { recursive: true, force: true });
  rmSync(fullDir, { recursive: true, force: true });
}
