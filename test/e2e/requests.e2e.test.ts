/**
 * End to end: a newcomer with no AWS profiles opens the demo workspace, picks a
 * profile whose role is assumed through the local STS, runs a signed query and sees the answer;
 * then other auth modes, a GraphQL error, a cancelled request, and tabs that survive a reload.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { readQuery, runQuery as run, setQuery } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

describe('requests in the workbench (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    // A HOME with no ~/.aws at all: the first-run experience.
    session = await openWorkbench('newcomer');
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  test('with nothing configured, the demo workspace is offered and opens in one click', async () => {
    await page.getByTestId('demo-offer').waitFor();
    // The workspace changes under every view: the page reloads into it.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('open-demo').first().click()]);
    await page.getByTestId('demo-banner').waitFor();
    await page.locator('[aria-current="true"][data-profile="sandbox-keys"]').waitFor();
    assert.equal((await page.getByTestId('endpoint-select').inputValue()) !== '', true);
  });

  test('a role assumed through the local STS signs the query; the run button says who', async () => {
    await page.locator('[data-profile="sandbox-admin"]').first().click();
    // Both demo profiles are in account 123456789012: wait for this profile's line.
    await page
      .getByTestId('run-target')
      .filter({ hasText: 'sandbox-admin (123456789012)' })
      .waitFor();
    assert.match(
      await page.getByTestId('run-target').innerText(),
      /as sandbox-admin \(123456789012\)/,
    );
    const body = await run(page, 'query { whoami { authMode arn } }');
    assert.equal(await page.getByTestId('response-status').innerText(), '200 OK');
    assert.match(body, /"authMode": "AWS_IAM"/);
    assert.match(body, /assumed-role\/sandbox-admin\//);
    await page.getByText('Signature (SigV4)').click();
    assert.match(await page.getByTestId('canonical-request').innerText(), /^POST\n\/graphql\n/);
    assert.doesNotMatch(
      await page.getByTestId('canonical-request').innerText(),
      /x-amz-security-token:(?!<redacted>)\S/,
    );
  });

  test('the editor knows the schema: completion, errors as you type, docs', async () => {
    const editor = page.getByTestId('query-editor').locator('.cm-content');
    await setQuery(page, 'query {\n  \n}');
    await page.getByTestId('query-editor').locator('.cm-line').nth(1).click();
    await page.keyboard.type('listN');
    const completion = page.getByTestId('query-editor').locator('.cm-tooltip-autocomplete');
    await completion.waitFor();
    assert.match(await completion.innerText(), /listNotes/);
    await page.keyboard.press('Escape');

    await setQuery(page, 'query { noSuchField }');
    await page.getByTestId('query-editor').locator('.cm-lintRange-error').first().waitFor();

    await setQuery(page, 'query {\n  \n}');
    await page.getByTestId('query-editor').locator('.cm-line').nth(1).click();
    await page.getByText('Schema documentation').click();
    await page.locator('[data-testid="docs-root"]', { hasText: 'Query' }).click();
    await page.locator('[data-testid="docs-insert"][data-field="whoami"]').click();
    assert.match(await editor.innerText(), /whoami \{/);
  });

  test('the API key mode and a GraphQL error with its errorType', async () => {
    await page.getByTestId('auth-mode-select').selectOption('API_KEY');
    const body = await run(page, 'query { whoami { authMode } }');
    assert.match(body, /"authMode": "API_KEY"/);
    await run(page, 'query { fail(errorType: "Orders:Throttled", message: "slow down") }');
    assert.match(
      await page.getByTestId('graphql-errors').innerText(),
      /Orders:Throttled\s+slow down/,
    );
  });

  test('a slow request can be cancelled from the UI', async () => {
    await setQuery(page, 'query { slow(ms: 20000) { waitedMs } }');
    await page.getByTestId('run-request').click();
    await page.getByTestId('cancel-request').click();
    const failure = page.getByTestId('request-failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-code'), 'CANCELLED');
  });

  test('copy as curl names the service and reads credentials from the environment', async () => {
    await page.getByTestId('auth-mode-select').selectOption({ index: 0 });
    await run(page, 'query { whoami { authMode } }');
    await page.getByText('Copy as code').click();
    await page.getByRole('button', { name: 'curl', exact: true }).click();
    await page.getByTestId('generated-code').filter({ hasText: 'curl' }).waitFor();
    const code = await page.getByTestId('generated-code').innerText();
    assert.match(code, /--aws-sigv4 ['"]aws:amz:us-east-1:appsync['"]/);
    assert.match(code, /\$AWS_SECRET_ACCESS_KEY/);
    assert.doesNotMatch(code, /AKIASANDBOXDEMO/);
  });

  test('tabs and their queries survive a reload', async () => {
    await page.getByTestId('new-tab').click();
    await setQuery(page, 'query SecondTab { listNotes(limit: 1) { items { id } } }');
    await page.waitForTimeout(600); // drafts are saved 400 ms after the last keystroke
    await page.reload();
    await page.getByTestId('request-tab').nth(1).waitFor();
    assert.equal(await page.getByTestId('request-tab').count(), 2);
    assert.match(await readQuery(page), /SecondTab/);
  });

  test('leaving the demo goes back to the (empty) user workspace', async () => {
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Back to my AWS profiles' }).click(),
    ]);
    await page.getByTestId('demo-offer').waitFor();
    assert.equal(await page.getByTestId('profile-row').count(), 0);
  });
});
