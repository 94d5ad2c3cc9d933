/**
 * Opening a 20 MB answer in the real app: the longest main-thread task while
 * the request runs and the viewer formats it, against the 200 ms budget, measured with the Long
 * Tasks API in Chromium; and, as the same-run baseline, the longest task while a small answer is
 * opened the same way. Run after `npm run build`: node test/bench/big-response.bench.ts
 */
import type { Page } from 'playwright-core';
import { startBigAnswerServer } from '../support/big-answer-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { watchLongestTask } from '../support/long-tasks.ts';
import {
  makeTempDir,
  requireFreshWebBundle,
  startWebHostProcess,
} from '../support/web-host-process.ts';
import { addApiKeyEndpoint } from '../e2e/support/endpoint-form.ts';
import { setQuery } from '../e2e/support/workbench-page.ts';

requireFreshWebBundle();

async function longestTaskWhileOpening(page: Page, endpoint: string): Promise<number> {
  await page.getByTestId('nav-request').click();
  await page.getByTestId('endpoint-select').selectOption({ label: endpoint });
  await setQuery(page, 'query Bulk { items { id title } }');
  const longestTask = await watchLongestTask(page);
  const response = page.getByTestId('response');
  const before = Number((await response.getAttribute('data-run')) ?? 0);
  await page.getByTestId('run-request').click();
  await page
    .locator(`[data-testid="response"][data-run="${before + 1}"]`)
    .waitFor({ timeout: 120_000 });
  await page
    .getByTestId('response-body')
    .locator('.json-viewer[data-status="ready"]')
    .waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500); // let CodeMirror's background parse run
  return longestTask();
}

const big = await startBigAnswerServer(20);
const small = await startBigAnswerServer(0.05);
const host = await startWebHostProcess(await makeTempDir('big-bench'));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.getByTestId('nav-request').waitFor();
  await addApiKeyEndpoint(page, { name: 'Big', url: big.url, apiKey: 'bench-key-0123456789' });
  await addApiKeyEndpoint(page, { name: 'Small', url: small.url, apiKey: 'bench-key-0123456789' });
  const baseline = await longestTaskWhileOpening(page, 'Small');
  const longest = await longestTaskWhileOpening(page, 'Big');
  console.log(
    `${(big.bytes / 1024 / 1024).toFixed(1)} MB answer: longest main-thread task ${longest.toFixed(0)} ms (budget 200 ms); ` +
      `a ${(small.bytes / 1024).toFixed(0)} KB answer: ${baseline.toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await host.stop();
  await big.close();
  await small.close();
}
