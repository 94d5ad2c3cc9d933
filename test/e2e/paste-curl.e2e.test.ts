/**
 * "Paste curl" end to end in the demo workspace: the app's own Copy as curl for the sandbox
 * endpoint, pasted back, opens a tab on that endpoint that runs signed; a teammate's command
 * with a literal API key and a URL no endpoint has drops the key (reported, not in the tab),
 * offers an endpoint form filled from the command, and the tab runs once it is saved.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createDemoFixture } from '../../main/sandbox/demo-fixture.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';
import { openDemoWorkspace, readQuery, readResponse, runQuery } from './support/workbench-page.ts';

const DEMO_API_KEY = createDemoFixture(0).apiKey.value;

describe('paste a curl command into a new tab (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let graphqlUrl: string;

  before(async () => {
    session = await openWorkbench('paste-curl');
    page = session.page;
    graphqlUrl = await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
  });

  /** Pastes through the Request view's button, or through the command palette. */
  async function paste(text: string, via: 'button' | 'palette' = 'button'): Promise<void> {
    if (via === 'palette') {
      await page.keyboard.press('Control+Shift+P');
      await page.getByTestId('palette-input').fill('paste a curl');
      await page.keyboard.press('Enter');
    } else await page.getByTestId('paste-curl').click();
    await page.getByTestId('paste-curl-text').fill(text);
    await page.getByTestId('paste-curl-open').click();
  }

  async function runActiveTab(): Promise<string> {
    await page.getByTestId('run-request').click();
    await page.getByTestId('response-status').filter({ hasText: '200' }).waitFor();
    return readResponse(page);
  }

  test("the app's own Copy as curl, pasted back, opens a tab on the same endpoint and runs", async () => {
    // Copy as code is offered beside an answer.
    await runQuery(page, 'query PastedWhoami { whoami { authMode arn } }');
    await page.getByTestId('copy-as-code').locator('summary').click();
    await page.getByTestId('copy-as-code').getByRole('button', { name: 'curl' }).click();
    const curl = await page.getByTestId('generated-code').innerText();
    assert.match(curl, /--aws-sigv4/);
    const before = await page.getByTestId('request-tab').count();

    await paste(curl);
    const report = page.getByTestId('paste-curl-report');
    await report.waitFor();
    assert.match(await report.innerText(), /on the endpoint/);
    assert.equal(await page.getByTestId('paste-curl-no-endpoint').count(), 0);
    await page.getByTestId('paste-curl-done').click();

    assert.equal(await page.getByTestId('request-tab').count(), before + 1);
    await page
      .locator('[data-testid="request-tab"][aria-selected="true"]')
      .filter({ hasText: 'PastedWhoami' })
      .waitFor();
    assert.match(await readQuery(page), /query PastedWhoami/);
    const body = await runActiveTab();
    assert.match(body, /"authMode": "AWS_IAM"/);
    assert.match(body, /"arn": "arn:aws:/);
  });

  test('a literal API key is dropped and reported; the URL becomes an endpoint, and the tab runs', async () => {
    const url = `${graphqlUrl}?from=curl`;
    await paste(
      `curl '${url}' \\\n  -H 'x-api-key: ${DEMO_API_KEY}' \\\n  -H 'x-team: ops' \\\n  --data-raw $'{"query":"query KeyedWhoami { whoami { authMode } }"}'`,
      'palette',
    );
    await page.getByTestId('paste-curl-no-endpoint').waitFor();
    const notes = await page.getByTestId('paste-curl-note').allInnerTexts();
    assert.ok(
      notes.some((n) => /API key .* not put into the tab/.test(n)),
      notes.join('\n'),
    );
    assert.ok(!(await page.getByTestId('paste-curl-report').innerText()).includes(DEMO_API_KEY));

    await page.getByTestId('paste-curl-create-endpoint').click();
    const form = page.getByTestId('endpoint-form');
    await form.waitFor();
    assert.equal(await form.getByTestId('endpoint-url').inputValue(), url);
    assert.equal(await form.getByTestId('mode-type').first().inputValue(), 'API_KEY');
    await form.getByTestId('endpoint-name').fill('Pasted sandbox');
    await form.getByTestId('mode-secret').first().fill(DEMO_API_KEY);
    await form.getByTestId('save-endpoint').click();
    await form.waitFor({ state: 'detached' });

    await page.getByTestId('nav-request').click();
    await page.getByTestId('request-tab').filter({ hasText: 'KeyedWhoami' }).waitFor();
    const body = await runActiveTab();
    assert.match(body, /"authMode": "API_KEY"/);
    // The tab is saved to disk with its other header, never with the key.
    const tabsFile = join(session.host.dataDir, 'demo-workspace', 'tabs.json');
    let saved = '';
    while (!saved.includes('x-team: ops')) saved = await readFile(tabsFile, 'utf8');
    assert.ok(!saved.includes(DEMO_API_KEY), 'the key is not in the saved tabs');
  });

  test('what is not a curl command says why', async () => {
    await paste('wget https://example.com');
    assert.match(await page.getByTestId('paste-curl-error').innerText(), /not a curl command/);
    await page.getByTestId('paste-curl-text').press('Escape');
    await page.getByTestId('paste-curl-dialog').waitFor({ state: 'detached' });
  });
});
