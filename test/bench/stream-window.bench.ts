/**
 * A fast subscription stream in the real window: the longest main-thread task (Long Tasks API,
 * Chromium) while an IAM-signed subscription of the demo sandbox receives as many events as
 * twelve parallel clients can publish for a few seconds, against the 200 ms budget; and, as the
 * same-run baseline, the longest task while the same subscription receives a slow trickle.
 * Run after `npm run build`: node_modules/.bin/node test/bench/stream-window.bench.ts
 * (BENCH_SECONDS=<n> the length of the fast stream.)
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { createDemoNote } from '../support/demo-notes.ts';
import { watchLongestTask } from '../support/long-tasks.ts';
import {
  makeTempDir,
  requireFreshWebBundle,
  startWebHostProcess,
} from '../support/web-host-process.ts';
import { openDemoWorkspace, setQuery } from '../e2e/support/workbench-page.ts';

requireFreshWebBundle();

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BUDGET_MS = 200;
async function created(graphqlUrl: string, title: string): Promise<void> {
  if (!(await createDemoNote(graphqlUrl, title)))
    throw new Error(`the note "${title}" was refused`);
}

/** Runs `publish` with a fresh long-task observer; the longest task once every event is shown. */
async function longestTaskWhile(
  page: Page,
  publish: () => Promise<number>,
): Promise<{ longest: number; sent: number }> {
  const before = Number(await page.getByTestId('subscription-count').getAttribute('data-count'));
  const longestTask = await watchLongestTask(page);
  const sent = await publish();
  await page
    .locator(`[data-testid="subscription-count"][data-count="${before + sent}"]`)
    .waitFor({ timeout: 120_000 });
  await page.waitForTimeout(300); // the last batch's frame
  return { longest: await longestTask(), sent };
}

const host = await startWebHostProcess(await makeTempDir('stream-bench'));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(host.url);
  const graphqlUrl = await openDemoWorkspace(page);
  await setQuery(page, 'subscription OnCreate { onCreateNote { id title } }');
  await page.getByTestId('run-request').click();
  await page.locator('[data-testid="subscription-status"][data-status="active"]').waitFor();

  const trickle = await longestTaskWhile(page, async () => {
    for (let i = 0; i < 20; i++) await created(graphqlUrl, `slow ${i}`);
    return 20;
  });
  const started = Date.now();
  const fast = await longestTaskWhile(page, async () => {
    let sent = 0;
    await Promise.all(
      Array.from({ length: 12 }, async (_, worker) => {
        for (let i = 0; Date.now() - started < SECONDS * 1000; i++) {
          await created(graphqlUrl, `fast ${worker}-${i}`);
          sent += 1;
        }
      }),
    );
    return sent;
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fast stream: ${fast.sent} events in ${seconds.toFixed(1)} s (${Math.round(fast.sent / seconds)}/s), ` +
      `longest main-thread task ${fast.longest.toFixed(0)} ms (budget ${BUDGET_MS} ms) — ` +
      `meets budget: ${fast.longest <= BUDGET_MS ? 'yes' : 'no'}; ` +
      `a ${trickle.sent}-event trickle: ${trickle.longest.toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await host.stop();
}
