/**
 * The request view's environments, `{{variables}}` and headers end to end in the demo
 * workspace: the demo opens on a sample query that runs in one click; a collection request's
 * environment is picked beside the endpoint (the same choice as the collections view's);
 * variables are marked in the three editors, hover shows their value (a secret never), unknown
 * ones are flagged; headers are rows with enable toggles or raw text; an empty selection set is
 * flagged on its braces.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openDemoWorkspace, runActiveTab, setQuery } from './support/workbench-page.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

describe('environments, variables and headers in the request view (e2e, Chromium)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let folder: string;

  before(async () => {
    session = await openWorkbench('request-vars-e2e');
    page = session.page;
    folder = await makeTempDir('vars-collection');
  });

  after(async () => {
    await session?.close();
  });

  async function hoverText(target: Locator): Promise<string> {
    await target.hover();
    const tooltip = page.getByTestId('template-hover');
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
    return text;
  }

  const variables = () => page.getByTestId('variables-editor');
  const environmentPicker = () => page.getByTestId('request-environment-select');

  test('the demo opens on a sample query with its endpoint: one click on Run shows data', async () => {
    await openDemoWorkspace(page);
    assert.match(
      await page.getByTestId('endpoint-select').locator('option:checked').innerText(),
      /Sandbox notes API/,
    );
    const body = await runActiveTab(page);
    assert.equal(await page.getByTestId('response-status').innerText(), '200 OK');
    assert.match(body, /"listNotes": \{/);
    assert.match(body, /"id": "note-001"/);
  });

  test('a collection request runs in the environment picked beside its endpoint, the collections view’s choice too', async () => {
    const endpointId = await page.getByTestId('endpoint-select').inputValue();
    await writeFile(
      join(folder, 'collection.json'),
      JSON.stringify({
        name: 'Notes with variables',
        variables: { tenant: 'acme' },
        environments: {
          dev: { noteId: 'note-002', token: { secret: 'collection:vars:dev:token' } },
          prod: { noteId: 'note-003' },
        },
      }),
    );
    await writeFile(
      join(folder, 'Get note.graphql'),
      'query GetNote($id: ID!) {\n  getNote(id: $id) { id title }\n}\n',
    );
    await writeFile(
      join(folder, 'Get note.request.json'),
      JSON.stringify({
        endpoint: endpointId,
        variables: { id: '{{noteId}}' },
        headers: { 'x-tenant': '{{tenant}}' },
      }),
    );
    await page.getByTestId('nav-collections').click();
    await page.getByTestId('collection-path').fill(folder);
    await page.getByTestId('collection-open-folder').click();
    const node = page.locator('[data-testid="collection-node"][data-id="Get note"]');
    await node.getByTestId('collection-open').click();
    await page.getByTestId('request-tab').filter({ hasText: 'Get note' }).last().waitFor();

    // The first environment is the default, as in the collections view.
    await environmentPicker().waitFor();
    assert.equal(await environmentPicker().inputValue(), 'dev');
    assert.deepEqual(await environmentPicker().locator('option').allInnerTexts(), [
      'No environment (base variables)',
      'dev',
      'prod',
    ]);
    assert.match(await runActiveTab(page), /"id": "note-002"/);

    await environmentPicker().selectOption('prod');
    assert.match(await runActiveTab(page), /"id": "note-003"/);

    await page.getByTestId('nav-collections').click();
    // The view loads its environments after it opens: wait for the choice, then read it.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="environment-select"]') as HTMLSelectElement | null)
          ?.value === 'prod',
    );
    assert.equal(await page.getByTestId('environment-select').inputValue(), 'prod');
    await page.getByTestId('environment-select').selectOption('dev');
    await page.getByTestId('nav-request').click();
    assert.equal(await environmentPicker().inputValue(), 'dev');
  });

  test('{{variables}} are marked in the query, variables and headers; hover resolves them, a secret stays masked', async () => {
    const mark = variables().locator('.cm-template-var', { hasText: '{{noteId}}' });
    await mark.waitFor();
    assert.equal(await hoverText(mark), '{{noteId}} = note-002');
    await environmentPicker().selectOption('prod');
    assert.equal(await hoverText(mark), '{{noteId}} = note-003');

    await variables().locator('.cm-content').fill('{"id": "{{noteId}}", "auth": "{{token}}"}');
    const secret = variables().locator('.cm-template-var', { hasText: '{{token}}' });
    await secret.waitFor();
    assert.equal(await hoverText(secret), 'unknown variable {{token}} — not in environment prod');
    await environmentPicker().selectOption('dev');
    await variables().locator('.cm-template-var-unknown').waitFor({ state: 'detached' });
    assert.equal(await hoverText(secret), '{{token}} = secret (from the vault)');

    await setQuery(
      page,
      '# for tenant {{tenant}}\nquery GetNote($id: ID!) { getNote(id: $id) { id } }',
    );
    const inQuery = page.getByTestId('query-editor').locator('.cm-template-var');
    await inQuery.waitFor();
    assert.equal(await hoverText(inQuery), '{{tenant}} = acme');

    const chip = page.getByTestId('header-variable');
    assert.equal(await chip.innerText(), '{{tenant}}');
    assert.equal(await chip.getAttribute('title'), '{{tenant}} = acme');
  });

  test('an unknown variable is flagged with a distinct mark and a diagnostic naming the environment', async () => {
    await variables().locator('.cm-content').fill('{"id": "{{noteIdd}}"}');
    const unknown = variables().locator('.cm-template-var-unknown');
    await unknown.waitFor();
    assert.equal(await unknown.innerText(), '{{noteIdd}}');
    await variables().locator('.cm-lintRange-warning', { hasText: '{{noteIdd}}' }).waitFor();
    assert.equal(await hoverText(unknown), 'unknown variable {{noteIdd}} — not in environment dev');
    await page.getByTestId('header-value').first().fill('{{nobody}}');
    const chip = page.getByTestId('header-variable');
    assert.equal(await chip.getAttribute('class').then((c) => /unknown/.test(c ?? '')), true);
    assert.equal(
      await chip.getAttribute('title'),
      'unknown variable {{nobody}} — not in environment dev',
    );
  });

  test('headers are rows with enable toggles; a disabled row is kept but not sent; Raw is the text', async () => {
    await variables().locator('.cm-content').fill('{"id": "{{noteId}}"}');
    await page.getByTestId('header-value').first().fill('{{tenant}}');
    await page.getByTestId('add-header').click();
    await page.getByTestId('header-name').nth(1).fill('x-debug');
    await page.getByTestId('header-value').nth(1).fill('yes');
    await page.getByTestId('header-enabled').nth(1).uncheck();

    await page.getByTestId('headers-raw-toggle').check();
    const raw = page.getByTestId('headers-raw').locator('.cm-content');
    assert.equal(await raw.innerText(), 'x-tenant: {{tenant}}\n# x-debug: yes');
    await page.getByTestId('headers-raw').locator('.cm-template-var').waitFor();

    assert.match(await runActiveTab(page), /"id": "note-002"/);
    await page.getByText('Signature (SigV4)').click();
    const canonical = await page.getByTestId('canonical-request').innerText();
    assert.match(canonical, /^x-tenant:acme$/m, 'the enabled row, resolved in dev');
    assert.doesNotMatch(canonical, /x-debug/, 'the disabled row is not sent');

    // Raw edits show up as rows; a removed row is gone from the text.
    await raw.fill('x-tenant: {{tenant}}\nx-debug: on');
    await page.getByTestId('headers-raw-toggle').uncheck();
    assert.equal(await page.getByTestId('header-row').count(), 2);
    assert.equal(await page.getByTestId('header-enabled').nth(1).isChecked(), true);
    await page.getByTestId('header-remove').nth(1).click();
    await page.getByTestId('headers-raw-toggle').check();
    assert.equal(await raw.innerText(), 'x-tenant: {{tenant}}');

    // Ctrl+Enter in a row runs, as in the editors.
    await page.getByTestId('headers-raw-toggle').uncheck();
    const runs = Number(await page.getByTestId('response').getAttribute('data-run'));
    await page.getByTestId('header-value').first().press('Control+Enter');
    await page.locator(`[data-testid="response"][data-run="${runs + 1}"]`).waitFor();
  });

  test('an empty selection set is flagged on its braces, and the sandbox answers it as a syntax error', async () => {
    await setQuery(page, 'query {\n  whoami { }\n}');
    const flagged = page
      .getByTestId('query-editor')
      .locator('.cm-lintRange-error', { hasText: '{ }' });
    await flagged.waitFor();
    await flagged.hover();
    const tooltip = page.locator('.cm-tooltip-hover .cm-diagnostic', {
      hasText: 'A selection set needs at least one field',
    });
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), /Syntax Error: Expected Name, found "}"/);
    await page.mouse.move(0, 0);

    await runActiveTab(page);
    assert.match(
      await page.getByTestId('graphql-errors').innerText(),
      /Syntax Error: Expected Name, found "}"/,
    );
  });

  test('a tab not from a collection says its {{variables}} are sent as written until saved', async () => {
    await page.getByTestId('request-tab').filter({ hasText: 'ListNotes' }).click();
    assert.equal(await page.getByTestId('variables-need-save').count(), 0);
    await page.getByText('Variables and headers').click();
    await variables().locator('.cm-content').fill('{"tenant": "{{tenant}}"}');
    await page.getByTestId('variables-need-save').waitFor();
    // The open collection's environment still explains the names.
    const mark = variables().locator('.cm-template-var', { hasText: '{{tenant}}' });
    assert.equal(await hoverText(mark), '{{tenant}} = acme');
  });
});
