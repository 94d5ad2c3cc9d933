/**
 * Collections end to end in the demo workspace: a run is saved into a collection folder,
 * run from the tree, reopened into a tab with an unsaved-changes marker; an outside edit shows
 * up live, and saving over it asks the user instead of overwriting; a slow run is cancelled; a
 * request with its own URL (as imports leave them) runs from a tab.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openDemoWorkspace, runQuery, setQuery } from './support/workbench-page.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

describe('collections (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let folder: string;

  before(async () => {
    folder = await makeTempDir('team-collection');
    session = await openWorkbench('collections-e2e');
    page = session.page;
    await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
  });

  const node = (id: string) => page.locator(`[data-testid="collection-node"][data-id="${id}"]`);

  test('save a run into a collection folder, run it from the tree, reopen it in a tab', async () => {
    await setQuery(page, 'query SavedWhoami { whoami { authMode } }');
    await page.getByTestId('run-request').click();
    await page.getByTestId('response-status').filter({ hasText: '200' }).waitFor();

    await page.getByTestId('nav-collections').click();
    await page.getByTestId('collections-empty').waitFor();
    await page.getByTestId('collection-path').fill('not/absolute');
    await page.getByTestId('collection-open-folder').click();
    assert.match(
      await page.getByTestId('collections-error').innerText(),
      /must be an absolute path/,
    );
    await page.getByTestId('collection-path').fill(folder);
    await page.getByTestId('collection-open-folder').click();
    await page.getByTestId('save-tab-name').fill('Who am I');
    await page.getByTestId('save-tab').click();
    await node('Who am I').waitFor();
    assert.match(await readFile(join(folder, 'Who am I.graphql'), 'utf8'), /query SavedWhoami/);

    await node('Who am I').getByTestId('collection-run').click();
    await node('Who am I')
      .getByTestId('collection-run-status')
      .filter({ hasText: '200' })
      .waitFor();

    await node('Who am I').getByTestId('collection-open').click();
    const tab = page.getByTestId('request-tab').filter({ hasText: 'Who am I' }).last();
    await tab.waitFor();
    assert.equal(await tab.locator('.dirty').count(), 0);
    await setQuery(page, 'query SavedWhoami { whoami { authMode arn } }');
    await tab.locator('.dirty').waitFor();
  });

  test('an outside edit shows up live; saving over it asks, and "mine" wins only when chosen', async () => {
    await page.getByTestId('nav-collections').click();
    await writeFile(join(folder, 'Pulled from git.graphql'), '{ whoami { authMode } }');
    await node('Pulled from git').waitFor();

    // A teammate's change lands on the request the open tab came from.
    await writeFile(join(folder, 'Who am I.graphql'), 'query Theirs { whoami { arn } }');
    await page.getByTestId('save-back').click();
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor();
    assert.match(await page.getByTestId('conflict-theirs').innerText(), /query Theirs/);
    assert.match(await page.getByTestId('conflict-mine').innerText(), /authMode arn/);
    assert.match(await readFile(join(folder, 'Who am I.graphql'), 'utf8'), /query Theirs/);

    await page.getByTestId('conflict-keep-mine').click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await readFile(join(folder, 'Who am I.graphql'), 'utf8'), /authMode arn/);
    const tab = page.getByTestId('request-tab').filter({ hasText: 'Who am I' }).last();
    assert.equal(await tab.locator('.dirty').count(), 0);
  });

  test('a slow run from the tree can be cancelled', async () => {
    // Bound to the same saved endpoint as "Who am I", written as a teammate would.
    const sidecar = await readFile(join(folder, 'Who am I.request.json'), 'utf8');
    await writeFile(join(folder, 'Slow.request.json'), sidecar.replace('Who am I', 'Slow'));
    await writeFile(join(folder, 'Slow.graphql'), 'query { slow(ms: 20000) { waitedMs } }');
    await node('Slow').getByTestId('collection-run').click();
    await node('Slow').getByTestId('collection-cancel').click();
    await node('Slow')
      .getByTestId('collection-run-status')
      .filter({ hasText: 'cancelled' })
      .waitFor({ timeout: 5_000 });
    await node('Slow').getByTestId('collection-run').waitFor();
  });

  test('a request saved with its own URL runs from a tab, with the edits made there', async () => {
    // As an import leaves it: a URL and an auth of its own, no endpoint saved in the app.
    await page.getByTestId('nav-endpoints').click();
    const url = await page.getByTestId('endpoint-item').first().locator('code').innerText();
    await writeFile(join(folder, 'Own URL.graphql'), 'query Own { whoami { authMode } }');
    await writeFile(
      join(folder, 'Own URL.request.json'),
      JSON.stringify({ url, auth: { type: 'AWS_IAM', region: 'us-east-1', service: 'appsync' } }),
    );
    await page.getByTestId('nav-collections').click();
    await node('Own URL').getByTestId('collection-open').click();
    const tab = page.getByTestId('request-tab').filter({ hasText: 'Own URL' }).last();
    await tab.waitFor();
    assert.match(await page.getByTestId('run-target').innerText(), /its own URL → Own URL/);

    const body = await runQuery(page, 'query Own { whoami { authMode arn } }');
    assert.match(await page.getByTestId('response-status').innerText(), /200/);
    assert.match(body, /"authMode": "AWS_IAM"/);
    assert.match(body, /"arn": "arn:aws:iam::/, 'the edit (arn) was run, not the saved file');
    assert.doesNotMatch(await readFile(join(folder, 'Own URL.graphql'), 'utf8'), /arn/);
  });
});
