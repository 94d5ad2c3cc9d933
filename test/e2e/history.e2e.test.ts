/**
 * History end to end: a long history scrolls with only the visible rows in the page; in the
 * demo workspace a run is found by full-text search, restored into a tab, re-run and deleted.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { HistoryRepository } from '../../main/core/history/history-repository.ts';
import { readQuery, setQuery } from './support/workbench-page.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

const SEEDED = 3000;

/** A user's existing history: SEEDED runs over the last few days. */
function seedHistory(dataDir: string): void {
  const history = HistoryRepository.open(dataDir);
  const now = Date.now();
  // Recorded oldest first, as they happened: the list shows the newest recorded first.
  for (let i = SEEDED - 1; i >= 0; i--) {
    history.record({
      time: now - i * 90_000,
      endpoint: { id: null, name: null, url: 'https://orders.example/graphql' },
      profile: i % 2 ? 'ops-admin' : 'dev',
      account: null,
      authMode: 'AWS_IAM',
      operationName: `Seeded${i}`,
      operationType: 'query',
      query: `query Seeded${i} { order(id: "${i}") { id } }`,
      variables: null,
      status: i % 10 === 0 ? 'error' : 'success',
      httpStatus: i % 10 === 0 ? 500 : 200,
      durationMs: 12,
      response: null,
      errors: [],
      source: 'cli',
    });
  }
  history.close();
}

async function run(page: Page, query: string): Promise<void> {
  const response = page.getByTestId('response');
  const before = Number((await response.getAttribute('data-run')) ?? 0);
  await setQuery(page, query);
  await page.getByTestId('run-request').click();
  await page.locator(`[data-testid="response"][data-run="${before + 1}"]`).waitFor();
}

describe('history (e2e, Chromium)', () => {
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    const home = await makeTempDir('history-e2e');
    seedHistory(join(home, 'app-data'));
    session = await openWorkbench('history-e2e', { home });
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  test('a long history is grouped by day and only the visible rows are in the page', async () => {
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-entry').first().waitFor();
    const rendered = await page.getByTestId('history-entry').count();
    assert.ok(rendered > 5 && rendered < 120, `${rendered} rows in the DOM`);
    assert.equal(await page.locator('.history-day').first().innerText(), 'Today');
    // Rows are laid out in the same columns: each column starts at the same x in every row,
    // whatever the lengths of the operation names, endpoints and profiles before it.
    const starts = await page.evaluate(() =>
      ['history-status', 'history-endpoint', 'history-duration', 'history-size'].map((column) => [
        ...new Set(
          [...document.querySelectorAll(`.${column}`)].map((cell) =>
            Math.round(cell.getBoundingClientRect().left),
          ),
        ),
      ]),
    );
    for (const lefts of starts) assert.equal(lefts.length, 1, `column starts: ${lefts.join(', ')}`);
    // Scrolling to the end loads the following pages, still rendering only what is visible.
    await page.waitForFunction(
      () => {
        const list = document.querySelector('[data-testid="history-list"]');
        if (list) list.scrollTop = list.scrollHeight;
        return document.querySelector('[data-entry-id="1"]') !== null;
      },
      null,
      { polling: 100 },
    );
    assert.ok((await page.getByTestId('history-entry').count()) < 120);

    // The unfiltered list already shows failed rows: wait for the filtered list itself (no
    // succeeded row left), not for a row that was there before the filter applied.
    await page.getByTestId('history-status-filter').selectOption('error');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.history-status-success').length === 0 &&
        document.querySelectorAll('.history-status-error').length > 0,
    );
    await page.getByTestId('history-status-filter').selectOption('');
  });

  test('the list is one tab stop; the keys reach entries outside the window', async () => {
    const list = page.getByTestId('history-list');
    await list.locator('[data-testid="history-entry"]').first().waitFor();
    const focused = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-entry-id]')?.getAttribute('data-entry-id'),
      );
    assert.equal(
      await list.locator('button[tabindex="0"]').count(),
      3,
      'one entry: its three buttons',
    );
    await list.getByTestId('history-open').first().focus();
    await page.keyboard.press('Home');
    assert.equal(await focused(), String(SEEDED), 'the newest entry, past the day heading');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), String(SEEDED - 1));
    await page.keyboard.press('End');
    const end = Number(await focused());
    assert.ok(end < SEEDED - 100, `End reaches the last entry loaded (${end})`);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), String(end + 1));
    // Then the entry's own buttons (its Re-run is disabled: these runs used no saved endpoint).
    await page.keyboard.press('Tab');
    assert.deepEqual(
      await page.evaluate(() => [
        (document.activeElement as HTMLElement | null)?.dataset.testid,
        document.activeElement?.closest('[data-entry-id]')?.getAttribute('data-entry-id'),
      ]),
      ['history-delete', String(end + 1)],
    );
  });

  test('a run is found by full-text search, restored into a tab, re-run and deleted', async () => {
    await page.getByTestId('nav-request').click();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('open-demo').first().click()]);
    await page.getByTestId('demo-banner').waitFor();
    await run(page, 'query FindMeAgain { whoami { authMode } }');
    assert.equal(await page.getByTestId('response-status').innerText(), '200 OK');

    await page.getByTestId('nav-history').click();
    const entries = page.getByTestId('history-entry');
    await entries.first().waitFor();
    await page.getByTestId('history-search').fill('nothing like this zzzq');
    await page.getByTestId('history-empty').waitFor();
    // Words of the query, typed loosely, find the run (camelCase parts are words too).
    await page.getByTestId('history-search').fill('find me');
    await entries.first().waitFor();
    assert.equal(await entries.count(), 1);

    await page.getByTestId('history-search').fill('FindMeAgain');
    await entries.first().waitFor();
    await page.getByTestId('history-open').first().click();
    // The restored entry opens as a new, selected tab (the first tab may carry the same title).
    await page
      .locator('[data-testid="request-tab"][aria-selected="true"]', { hasText: 'FindMeAgain' })
      .waitFor();
    assert.match(await readQuery(page), /query FindMeAgain/);

    await page.getByTestId('nav-history').click();
    await entries.first().waitFor();
    await page.getByTestId('history-rerun').first().click();
    await page.getByTestId('response-status').filter({ hasText: '200' }).waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-search').fill('FindMeAgain');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="history-entry"]').length === 2,
    );

    await page.getByTestId('history-delete').first().click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="history-entry"]').length === 1,
    );
  });
});
