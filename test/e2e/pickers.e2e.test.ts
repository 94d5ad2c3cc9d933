/**
 * Picking paths instead of typing them, in the web host: the folder browser starts at the
 * (temporary) HOME, is driven with the keyboard, hides dot-folders and refuses to leave home;
 * an export file is picked the same way and imported; recent collections come back after
 * closing, a deleted one shows as missing and can be removed; the collection exports as a
 * Postman v2.1 file without the secrets the import moved to the vault.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { makeTempDir } from '../support/web-host-process.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

const FIXTURE = fileURLToPath(
  new URL('../fixtures/imports/postman-orders.postman_collection.json', import.meta.url),
);
const SECRETS = ['da2-q4mz7xkp2bdnrfwl3tvecgpsay', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE9KY'];

describe('folder and file pickers, recent collections, Postman export (e2e, Chromium)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let home: string;

  before(async () => {
    home = await makeTempDir('pickers-home');
    await mkdir(join(home, 'projects', 'orders-api', 'collection'), { recursive: true });
    await mkdir(join(home, 'projects', 'billing'), { recursive: true });
    await mkdir(join(home, '.hidden-stuff'));
    await mkdir(join(home, 'Downloads'));
    await copyFile(FIXTURE, join(home, 'Downloads', 'orders.postman_collection.json'));
    session = await openWorkbench('pickers-e2e', { home });
    page = session.page;
    await page.getByTestId('nav-collections').click();
  });

  after(async () => {
    await session?.close();
  });

  const dialog = () => page.getByTestId('folder-browser');
  const rows = () => dialog().getByTestId('folder-browser-row');
  const crumbs = async () =>
    (await dialog().getByTestId('folder-browser-crumb').allInnerTexts()).join('/');

  /** Moves the browser's cursor with ↓/↑ until `name` is selected, as a person would. */
  async function moveTo(name: string): Promise<void> {
    const names = await rows().evaluateAll((els) => els.map((el) => el.dataset.name ?? ''));
    const target = names.indexOf(name);
    assert.notEqual(target, -1, `${name} is listed (got ${names.join(', ')})`);
    const selected = await rows().evaluateAll((els) =>
      els.findIndex((el) => el.getAttribute('aria-selected') === 'true'),
    );
    const key = target > selected ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(target - selected); i++) await page.keyboard.press(key);
    await dialog().locator(`[aria-selected="true"][data-name="${name}"]`).waitFor();
  }

  /** Opens the browser from a field's Browse… button; it is listed and has the focus. */
  async function browse(field: string): Promise<void> {
    await page.getByTestId(`${field}-browse`).click();
    await dialog().locator('[data-testid="folder-browser-crumb"][aria-current]').waitFor();
    await page.getByTestId('folder-browser-list').focus();
  }

  /** Opens the folder `name` from the listing with Enter, and waits until it is listed. */
  async function enter(name: string): Promise<void> {
    await moveTo(name);
    await page.keyboard.press('Enter');
    await dialog()
      .locator('[data-testid="folder-browser-crumb"][aria-current]', { hasText: name })
      .waitFor();
  }

  test('open a collection folder by browsing from HOME with the keyboard', async () => {
    await browse('collection-path');
    assert.equal(await crumbs(), '~');
    const names = await rows().allInnerTexts();
    assert.ok(!names.some((n) => n.includes('.hidden-stuff')), 'dot-folders are hidden');

    await enter('projects');
    assert.equal(await crumbs(), '~/projects');
    await moveTo('orders-api');
    await page.keyboard.press('ArrowRight');
    await dialog().locator('[data-name="collection"]').waitFor();
    // Up again: the folder we came from is selected.
    await page.keyboard.press('Backspace');
    await dialog().locator('[aria-selected="true"][data-name="orders-api"]').waitFor();
    await page.keyboard.press('Enter');
    await dialog().locator('[data-name="collection"]').waitFor();
    await enter('collection');
    await dialog().getByTestId('folder-browser-choose').click();
    await dialog().waitFor({ state: 'detached' });
    await page
      .getByTestId('collection-tab')
      .filter({ hasText: /^collection$/ })
      .waitFor();
  });

  test('a folder outside HOME is refused and the browser starts at HOME, saying why', async () => {
    await page.getByTestId('collection-path').fill('/');
    await page.getByTestId('collection-path-browse').click();
    await dialog().getByTestId('folder-browser-error').waitFor();
    assert.match(
      await dialog().getByTestId('folder-browser-error').innerText(),
      /outside your home folder/,
    );
    assert.equal(await crumbs(), '~');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await page.getByTestId('collection-path').fill('');
  });

  test('import a Postman export picked as a file, into a folder picked the same way', async () => {
    await page.getByText('Import a Postman or Insomnia export').click();
    await browse('import-file');
    await enter('Downloads');
    await moveTo('orders.postman_collection.json');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    assert.equal(
      await page.getByTestId('import-file').inputValue(),
      join(home, 'Downloads', 'orders.postman_collection.json'),
    );

    await browse('import-folder');
    await enter('projects');
    await enter('billing');
    await dialog().getByTestId('folder-browser-choose').click();
    assert.equal(
      await page.getByTestId('import-folder').inputValue(),
      join(home, 'projects', 'billing'),
    );
    await page.getByTestId('import-collection').click();
    await page.getByTestId('collection-tab').filter({ hasText: 'Orders API' }).waitFor();
  });

  test('the collection exports as Postman v2.1 without the secrets the import vaulted', async () => {
    await page.getByText('Export as Postman v2.1').click();
    await browse('export-file');
    await enter('Downloads');
    await dialog().getByTestId('folder-browser-choose').click();
    const file = join(home, 'Downloads', 'Orders API.postman_collection.json');
    assert.equal(await page.getByTestId('export-file').inputValue(), file);
    await page.getByTestId('export-collection').click();
    await page.getByTestId('export-report').filter({ hasText: file }).waitFor();

    const text = await readFile(file, 'utf8');
    const exported = JSON.parse(text) as {
      info: { name: string; schema: string };
      item: Array<{ name: string; item?: Array<{ name: string; request: { body: unknown } }> }>;
    };
    assert.equal(
      exported.info.schema,
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    );
    assert.equal(exported.info.name, 'Orders API');
    const orders = exported.item.find((i) => i.name === 'Orders');
    assert.ok(orders?.item?.some((r) => r.name === 'Get order' && r.request.body));
    for (const secret of SECRETS) assert.ok(!text.includes(secret), 'no secret in the export');
  });

  test('a closed collection is offered again; a deleted one shows as missing and is removed', async () => {
    await page.getByRole('button', { name: 'Close collection', exact: true }).click();
    const recent = (folder: string) =>
      page.locator(`[data-testid="recent-collection"][data-folder="${folder}"]`);
    const opened = join(home, 'projects', 'orders-api', 'collection');
    await recent(opened).waitFor();
    await recent(opened).getByTestId('recent-open').click();
    await page
      .getByTestId('collection-tab')
      .filter({ hasText: /^collection$/ })
      .waitFor();
    await recent(opened).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Close collection', exact: true }).click();
    await recent(opened).waitFor();
    await rm(opened, { recursive: true });
    await page.reload();
    await page.getByTestId('nav-collections').click();
    await recent(opened).getByTestId('recent-missing').waitFor();
    assert.equal(await recent(opened).getByTestId('recent-open').isDisabled(), true);
    await recent(opened).getByTestId('recent-remove').click();
    await recent(opened).waitFor({ state: 'detached' });
  });
});
