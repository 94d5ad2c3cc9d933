/**
 * A production-tagged profile is visible before anything runs, and a mutation asks first — main
 * asks, through its prompt, so no way of starting a run skips it: the user tags the demo
 * profiles production, sees the banner, declines one mutation (nothing is sent) and confirms the
 * next (it runs). Queries never ask.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openDemoWorkspace, runQuery, setQuery } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

describe('production guard (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    session = await openWorkbench('production');
    page = session.page;
    await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
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
    assert.equal(await page.getByTestId('prompt-dialog').count(), 0);
  });

  test('a mutation asks; declining sends nothing, confirming runs it', async () => {
    // A tag of its own: the notes it lists are this test's only.
    const tag = `e2e-${Date.now()}`;
    const title = `from e2e ${tag}`;
    const mutation = `mutation Add { createNote(input: { title: "${title}", tags: ["${tag}"] }) { id title } }`;
    const listTagged = `query { listNotes(tag: "${tag}") { items { title } } }`;
    const dialog = page.getByTestId('prompt-dialog');
    await setQuery(page, mutation);
    await page.getByTestId('run-request').click();
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-kind'), 'confirm');
    assert.match(await page.getByTestId('confirm-message').innerText(), /profile sandbox-keys/);
    await dialog.getByRole('button', { name: 'No' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('[data-testid="request-failure"][data-code="PRODUCTION_DECLINED"]')
      .waitFor();
    const listed = await runQuery(page, listTagged);
    assert.ok(!listed.includes(title), 'the declined mutation never reached the endpoint');

    const response = page.getByTestId('response');
    const runs = Number(await response.getAttribute('data-run'));
    await setQuery(page, mutation);
    await page.getByTestId('run-request').click();
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await page.locator(`[data-testid="response"][data-run="${runs + 1}"]`).waitFor();
    assert.equal(await page.getByTestId('response-status').innerText(), '200 OK');
    assert.ok((await runQuery(page, listTagged)).includes(title), 'the confirmed one ran');
  });
});
