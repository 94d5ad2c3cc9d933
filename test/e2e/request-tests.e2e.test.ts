/**
 * Requests that test themselves, end to end in the demo workspace: assertions added in the
 * Request view run with the request and show passed and failed beside the answer; they are
 * saved in the request's sidecar and come back when it is reopened; a post-response script
 * sets a variable the next request uses. A Bruno folder imported from the Collections view
 * brings its assert lines as rows of the same table.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openDemoWorkspace, setQuery } from './support/workbench-page.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

const BRUNO_FIXTURE = fileURLToPath(new URL('../fixtures/bruno/notes-bru', import.meta.url));

describe('assertions and scripts (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let folder: string;

  before(async () => {
    folder = await makeTempDir('tested-collection');
    session = await openWorkbench('request-tests-e2e');
    page = session.page;
    await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
  });

  const node = (id: string) => page.locator(`[data-testid="collection-node"][data-id="${id}"]`);
  const rows = () => page.getByTestId('assertion-row');

  /** Saves the active tab as a new request of the open collection and opens it in a tab. */
  async function saveAndOpen(name: string) {
    await page.getByTestId('nav-collections').click();
    await page.getByTestId('save-tab-name').fill(name);
    await page.getByTestId('save-tab').click();
    await node(name).waitFor();
    await node(name).getByTestId('collection-open').click();
    await page.getByTestId('request-tab').filter({ hasText: name }).last().waitFor();
  }

  /** Runs the active tab and waits for this run's answer. */
  async function run() {
    const response = page.getByTestId('response');
    const before = Number((await response.getAttribute('data-run')) ?? 0);
    await page.getByTestId('run-request').click();
    await page.locator(`[data-testid="response"][data-run="${before + 1}"]`).waitFor();
  }

  async function addAssertion(path: string, operator: string, value: string | null) {
    await page.getByTestId('add-assertion').click();
    const row = rows().last();
    // The new row's path has the focus: adding one and typing is one motion.
    await page.keyboard.type(path);
    await row.getByLabel(/operator/).selectOption(operator);
    if (value !== null) await row.getByLabel(/value/).fill(value);
  }

  const sidecar = async (name: string) =>
    JSON.parse(await readFile(join(folder, `${name}.request.json`), 'utf8')) as {
      assertions?: { path: string; operator: string; value: string | null }[];
      scripts?: { pre?: string | null; post?: string | null };
    };

  /** Saves the active tab back to its request and waits until the sidecar holds `done`. */
  async function saveBack(
    name: string,
    done: (file: Awaited<ReturnType<typeof sidecar>>) => boolean,
  ) {
    await page.getByTestId('nav-collections').click();
    await page.getByTestId('save-back').click();
    // The save is one IPC call and a rename; the file is the one thing to watch.
    for (let i = 0; !done(await sidecar(name).catch(() => ({}))); i++) {
      assert.ok(i < 100, `${name} was never saved as expected`);
      await page.waitForTimeout(50);
    }
  }

  test('assertions and scripts are saved with the request and come back when it is reopened', async () => {
    await page.getByTestId('nav-collections').click();
    await page.getByTestId('collection-path').fill(folder);
    await page.getByTestId('collection-open-folder').click();
    await page.getByTestId('nav-request').click();
    await setQuery(page, 'query Checked { whoami { authMode } }');
    await saveAndOpen('Checked');

    await page.getByTestId('nav-request').click();
    await page.getByTestId('request-tests').locator('summary').click();
    const tab = page.getByTestId('request-tab').filter({ hasText: 'Checked' }).last();
    assert.equal(await tab.locator('.dirty').count(), 0);
    await addAssertion('status', 'eq', '200');
    await tab.locator('.dirty').waitFor();
    await addAssertion('data.whoami.authMode', 'eq', '"NOPE"');
    await addAssertion('data.whoami', 'exists', null);
    // Switched off and removed again: the table edits rows in place.
    await rows()
      .nth(2)
      .getByLabel(/enabled/)
      .uncheck();
    await page.getByRole('button', { name: 'Remove assertion 3' }).click();
    await page
      .getByTestId('post-script-editor')
      .locator('.cm-content')
      .fill('console.log("after");');

    await saveBack('Checked', (file) => file.assertions?.length === 2);
    const saved = await sidecar('Checked');
    assert.deepEqual(saved.assertions, [
      { path: 'status', operator: 'eq', value: '200' },
      { path: 'data.whoami.authMode', operator: 'eq', value: '"NOPE"' },
    ]);
    assert.equal(saved.scripts?.post, 'console.log("after");');
    await tab.locator('.dirty').waitFor({ state: 'detached' });

    // Closed and reopened from the tree: the rows and the script come back from the file.
    await page.getByTestId('nav-request').click();
    // Both tabs: the one saved and the one opened from the tree.
    const close = page.getByRole('button', { name: 'Close Checked' });
    while ((await close.count()) > 0) await close.first().click();
    await page.getByTestId('nav-collections').click();
    await node('Checked').getByTestId('collection-open').click();
    await page.getByTestId('nav-request').click();
    await rows().nth(1).waitFor();
    assert.equal(await rows().count(), 2);
    assert.equal(await rows().nth(1).getByLabel(/path/).inputValue(), 'data.whoami.authMode');
    assert.equal(await rows().nth(1).getByLabel(/value/).inputValue(), '"NOPE"');
    assert.equal(
      await page.getByTestId('post-script-editor').locator('.cm-content').innerText(),
      'console.log("after");',
    );
  });

  test('a run shows which assertions passed and which failed, in the tab, the tree and history', async () => {
    // "Checked" from the test above: status eq 200 passes, authMode eq "NOPE" fails.
    await page.getByTestId('nav-request').click();
    await run();
    await page.getByTestId('tests-tab').click();
    assert.equal(await page.getByTestId('tests-badge').innerText(), '1/2 passed');
    const results = page.getByTestId('assertion-result');
    assert.equal(await results.count(), 2);
    assert.equal(await results.nth(0).getAttribute('data-passed'), 'true');
    assert.equal(await results.nth(1).getAttribute('data-passed'), 'false');
    assert.match(await results.nth(1).innerText(), /data\.whoami\.authMode[\s\S]*"NOPE"/);
    assert.match(await results.nth(1).innerText(), /got\s+"AWS_IAM"/);
    assert.match(await page.getByTestId('script-logs').innerText(), /\[post\] after/);
    // Back to the answer; it was kept, not rebuilt.
    await page.getByRole('tab', { name: 'Response' }).click();
    await page.getByTestId('response-status').filter({ hasText: '200' }).waitFor();

    await page.getByTestId('nav-collections').click();
    await node('Checked').getByTestId('collection-run').click();
    // The last run of the selected request shows beside the tree.
    await node('Checked').getByTestId('collection-request').click();
    const tree = page.locator('.collection-run');
    await tree.getByTestId('tests-badge').filter({ hasText: '1/2 passed' }).waitFor();
    assert.equal(await tree.getByTestId('assertion-result').count(), 2);

    await page.getByTestId('nav-history').click();
    const outcome = page.getByTestId('history-tests').first();
    await outcome.waitFor();
    assert.equal(await outcome.innerText(), '1/2 passed');
    assert.match((await outcome.getAttribute('title')) ?? '', /data\.whoami\.authMode eq/);
  });

  test('a post-response script sets a variable the next request uses', async () => {
    await page.getByTestId('nav-request').click();
    await page.getByTestId('new-tab').click();
    await setQuery(page, 'query Mode { whoami { authMode } }');
    await saveAndOpen('Set mode');
    await page.getByTestId('nav-request').click();
    await page.getByTestId('request-tests').locator('summary').click();
    await page
      .getByTestId('post-script-editor')
      .locator('.cm-content')
      .fill(
        "vars.set('mode', response.data.whoami.authMode);\ntest('has a mode', () => expect(vars.get('mode')).toBeTruthy());",
      );
    await run();
    await page.getByTestId('tests-badge').filter({ hasText: '1/1 passed' }).waitFor();

    await page.getByTestId('new-tab').click();
    await setQuery(page, 'query Echo($m: String!) { slow(ms: 1, message: $m) { message } }');
    await page.locator('details.extras summary').first().click();
    await page
      .getByTestId('variables-editor')
      .locator('.cm-content')
      .fill('{"m": "mode {{mode}}"}');
    await saveAndOpen('Use mode');
    await page.getByTestId('nav-request').click();
    await page.getByTestId('request-tests').locator('summary').click();
    await addAssertion('data.slow.message', 'eq', '"mode AWS_IAM"');
    await run();
    await page.getByTestId('tests-badge').filter({ hasText: '1/1 passed' }).waitFor();
  });

  test('a Bruno folder imports from the Collections view; its assert lines become assertion rows', async () => {
    const target = join(await makeTempDir('bruno-import-e2e'), 'notes');
    await page.getByTestId('nav-collections').click();
    await page.locator('.collection-import summary').click();
    await page.getByLabel('Export file').fill(BRUNO_FIXTURE);
    await page.getByLabel('Collection folder to create').fill(target);
    await page.locator('.collection-import').getByRole('button', { name: 'Import' }).click();
    const report = page.locator('.import-report');
    await report.waitFor();
    const text = await report.innerText();
    assert.match(text, /Imported “Notes API”: 4 requests, 1 folders/);
    assert.match(text, /Not imported: Health\.bru: http request — not a GraphQL request/);
    assert.match(text, /To review: Who am I\.bru: post-response script/);

    await node('Who am I').getByTestId('collection-open').click();
    await page.getByTestId('nav-request').click();
    await rows().nth(3).waitFor();
    assert.deepEqual(
      await rows().evaluateAll((trs) =>
        trs.map((tr) => (tr.querySelector('.assertion-path') as HTMLInputElement).value),
      ),
      ['status', 'data.whoami.authMode', 'data.whoami', 'durationMs'],
    );
    assert.equal(
      await rows()
        .nth(3)
        .getByLabel(/enabled/)
        .isChecked(),
      false,
    );
    assert.match(
      await page.getByTestId('post-script-editor').locator('.cm-content').innerText(),
      /Imported from Bruno[\s\S]*bru\.setVar/,
    );
  });
});
