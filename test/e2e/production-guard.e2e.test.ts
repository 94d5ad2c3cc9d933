/**
 * A production-tagged profile is visible before anything runs, and a mutation asks first:
 * the user tags the demo profiles production, sees the banner, cancels one mutation (nothing is
 * sent) and confirms the next (it runs). Queries never ask.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import {
  makeTempDir,
  startWebHostProcess,
  type RunningWebHost,
} from '../support/web-host-process.ts';
import { runQuery, setQuery } from './support/workbench-page.ts';

describe('production guard (e2e, Chromium, demo sandbox)', () => {
  let host: RunningWebHost;
  let browser: Browser;
  let page: Page;

  before(async () => {
    host = await startWebHostProcess(await makeTempDir('production'));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('demo-offer').waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('open-demo').first().click()]);
    await page.getByTestId('demo-banner').waitFor();
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  test('tagging the profiles production shows the banner', async () => {
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('edit-patterns').click();
    await page.getByTestId('patterns-production').fill('sandbox-*');
    await page.getByTestId('patterns-dev').fill('');
    await page.getByTestId('save-patterns').click();
    await page.getByTestId('production-banner').waitFor();
    assert.match(await page.getByTestId('production-banner').innerText(), /sandbox-keys/);
    await page.getByTestId('nav-request').click();
  });

  test('a query runs without asking', async () => {
    const body = await runQuery(page, 'query { whoami { authMode } }');
    assert.match(body, /AWS_IAM/);
    assert.equal(await page.getByTestId('confirm-dialog').count(), 0);
  });

  test('a mutation asks; cancel sends nothing, confirm runs it', async () => {
    const response = page.getByTestId('response');
    const runs = Number(await response.getAttribute('data-run'));
    await setQuery(page, 'mutation Add { createNote(input: { title: "from e2e" }) { id title } }');
    await page.getByTestId('run-request').click();
    await page.getByTestId('confirm-dialog').waitFor();
    assert.match(await page.getByTestId('confirm-dialog').innerText(), /profile sandbox-keys/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    assert.equal(Number(await response.getAttribute('data-run')), runs, 'nothing was sent');

    await page.getByTestId('run-request').click();
    await page.getByTestId('confirm-accept').click();
    await page.locator(`[data-testid="response"][data-run="${runs + 1}"]`).waitFor();
    assert.equal(await page.getByTestId('response-status').innerText(), '200 OK');
  });
});
