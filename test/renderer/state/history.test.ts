import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, mock, test } from 'node:test';
import { HistoryState, type HistoryRow } from '../../../renderer/src/lib/state/history.svelte.ts';
import { aRun } from '../../core/history/history-fixtures.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const entries = (rows: HistoryRow[]) => rows.filter((r) => r.kind === 'entry').map((r) => r.entry);
const days = (rows: HistoryRow[]) => rows.filter((r) => r.kind === 'day').map((r) => r.day);

describe('HistoryState', () => {
  let h: StoreHarness;
  let history: HistoryState;

  /** 21 successes and 9 errors over three days, recorded as they ran (oldest first). */
  const fill = () => {
    h.workbench.core.history.clear();
    const now = Date.now();
    for (let i = 29; i >= 0; i--) {
      h.workbench.core.history.record(
        aRun({
          time: now - HOUR - Math.floor(i / 10) * DAY - i * 60_000,
          status: i % 10 < 3 ? 'error' : 'success',
          profile: `profile-${i % 3}`,
          operationName: `Op${i}`,
        }),
      );
    }
  };

  before(async () => {
    h = await userWorkbench();
  });
  after(() => h.close());
  beforeEach(() => {
    fill();
    history = new HistoryState(h.api);
    h.calls.length = 0;
  });

  test('runs are grouped by day, newest first, one header per day', async () => {
    await history.reload();
    assert.equal(entries(history.rows).length, 30);
    assert.equal(days(history.rows).length, new Set(days(history.rows)).size);
    assert.ok(days(history.rows).length >= 3);
    assert.equal(history.rows[0]?.kind, 'day');
    assert.deepEqual(history.profiles, ['profile-0', 'profile-1', 'profile-2']);
    assert.equal(history.hasMore, false);
    assert.equal(history.loaded, true);
  });

  test('choosing "error" shows only the failed runs', async () => {
    history.filters.status = 'error';
    await history.reload();
    const shown = entries(history.rows);
    assert.equal(shown.length, 9);
    assert.ok(shown.every((e) => e.status === 'error'));
  });

  test('an answer to an older filter that arrives last does not replace the newer one', async () => {
    const release = h.delayNext('history.list');
    const unfiltered = history.reload();
    history.filters.status = 'error';
    await history.reload();
    release();
    await unfiltered;
    assert.equal(entries(history.rows).length, 9, 'the rows are still the errors only');
    assert.equal(history.loading, false);
  });

  test('the time range leaves out older runs', async () => {
    history.filters.range = 'day';
    await history.reload();
    assert.equal(entries(history.rows).length, 10);
  });

  test('a page ends where more follow; the next continues the same day under its header', async () => {
    const now = Date.now();
    for (let i = 0; i < 250; i++) {
      h.workbench.core.history.record(aRun({ time: now - HOUR / 2 + i * 1000 }));
    }
    await history.reload();
    assert.equal(entries(history.rows).length, 200);
    assert.equal(history.hasMore, true);
    await history.loadMore();
    assert.equal(entries(history.rows).length, 280);
    assert.equal(history.hasMore, false);
    assert.equal(days(history.rows).length, new Set(days(history.rows)).size);
  });

  describe('typing in the search box', () => {
    beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
    afterEach(() => mock.timers.reset());

    test('reloads once, after the pause, with the last text', async () => {
      history.search('Op2');
      history.search('Op27');
      mock.timers.tick(199);
      assert.deepEqual(h.calls, []);
      mock.timers.tick(1);
      mock.timers.reset();
      await h.idle();
      assert.deepEqual(h.calls, ['history.list']);
      assert.deepEqual(
        entries(history.rows).map((e) => e.operationName),
        ['Op27'],
      );
    });
  });

  test('deleting the last run of a day takes its header too', async () => {
    history.filters.status = 'error';
    history.filters.range = 'day';
    await history.reload();
    assert.equal(days(history.rows).length, 1);
    for (const entry of entries(history.rows)) await history.remove(entry.id);
    assert.deepEqual(history.rows, []);
    history.filters.status = '';
    await history.reload();
    assert.equal(entries(history.rows).length, 7, 'the deletions reached main');
  });

  test('retention limits are saved and applied at once', async () => {
    const removed = await history.setRetention({ maxEntries: 5, maxAgeDays: null });
    assert.equal(removed, 25);
    assert.equal(entries(history.rows).length, 5, 'the list reloaded');
    const reopened = new HistoryState(h.api);
    await reopened.loadRetention();
    assert.deepEqual(reopened.retention, { maxEntries: 5, maxAgeDays: null });
    await history.setRetention({ maxEntries: null, maxAgeDays: null });
  });
});
