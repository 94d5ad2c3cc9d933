/**
 * The editors' code loads after the window's first paint (renderer/src/components/editor/
 * lazy-editors.ts): while it is on its way the window is already drawn and usable, the query
 * editor arrives when it lands, and a chunk that cannot be loaded is said in the editor's place.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SharedBrowser } from './support/workbench-session.ts';

const QUERY_EDITOR_CHUNK = /\/assets\/GraphqlEditor-[^/]+\.js$/;

let browser: SharedBrowser;

before(async () => {
  browser = await SharedBrowser.launch();
});

after(async () => {
  await browser?.close();
});

const queryEditor = (page: Page) => page.getByTestId('query-editor');

test('the window is drawn while the query editor is still loading; the editor follows', async () => {
  const page = await browser.open('lazy-editors-held');
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route(QUERY_EDITOR_CHUNK, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.reload();
  await page.getByTestId('profile-sidebar').waitFor();
  await queryEditor(page).waitFor();
  await page.getByRole('button', { name: 'Prettify' }).waitFor();
  assert.ok(asked, 'the query editor is a chunk of its own, asked for after the page');
  assert.equal(await queryEditor(page).locator('.cm-content').count(), 0);

  release();
  await queryEditor(page).locator('.cm-content').waitFor();
  await page.close();
});

test('an editor whose code cannot be loaded says so in its place', async () => {
  const page = await browser.open('lazy-editors-failed');
  await page.route(QUERY_EDITOR_CHUNK, (route) => route.abort());
  await page.reload();
  const error = queryEditor(page).getByTestId('editor-load-error');
  await error.waitFor();
  assert.match(await error.innerText(), /The editor could not be loaded \(.+\); reload the window/);
  // The rest of the window still works: the variables editor is a chunk of its own.
  await page.getByText('Variables and headers').click();
  await page.getByTestId('variables-editor').locator('.cm-content').waitFor();
  await page.close();
});
