/**
 * What the window shows before its code has run: index.html's shell is painted before any
 * script, and the app replaces it. The editors' code loads after the app's first paint
 * (renderer/src/components/editor/lazy-editors.ts): while it is on its way the window is drawn
 * and usable, the query editor arrives when it lands, and a chunk that cannot be loaded is said
 * in the editor's place.
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

test('the shell is on screen before any script has run; the app replaces it', async () => {
  const page = await browser.open('first-paint-shell');
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: 'commit' });
  const shell = page.locator('.boot-shell');
  await shell.waitFor();
  assert.match(await shell.innerText(), /AppSync Workbench\s+Starting…/);
  // Painted while the app's script is still held back.
  await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint').length === 1,
  );
  assert.equal(await page.getByTestId('profile-sidebar').count(), 0);
  release();
  await page.getByTestId('profile-sidebar').waitFor();
  assert.equal(await shell.count(), 0);
  await page.close();
});

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
