/**
 * Request tabs as a Postman or Bruno user expects them, in the real app: Ctrl+S saves a tab
 * into a collection (asking where the first time), Ctrl+Shift+S saves a copy, closing a changed
 * tab asks, tabs are renamed, duplicated, cycled, reordered by drag or key (the order survives a
 * reload), and one table of shortcuts feeds the key handler, the sheet and the palette.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chordLabel, SHORTCUTS } from '../../renderer/src/lib/shortcuts.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';
import { openDemoWorkspace, setQuery } from './support/workbench-page.ts';

describe('request tabs (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let folder: string;

  before(async () => {
    session = await openWorkbench('tabs-e2e');
    page = session.page;
    folder = await makeTempDir('tabs-collection');
    await mkdir(join(folder, 'Team'));
    await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
  });

  const tab = (title: string) =>
    page.getByTestId('request-tab').filter({
      hasText: new RegExp(`^\\s*${title.replace(/[()]/g, '\\$&')}\\s*(●\\s*)?$`),
    });
  const titles = async () =>
    (await page.getByTestId('request-tab').allInnerTexts()).map((t) => t.replace(' ●', '').trim());
  const activeTitle = async () =>
    (await page.locator('[data-testid="request-tab"][aria-selected="true"]').innerText())
      .replace(' ●', '')
      .trim();
  const file = (name: string) => readFile(join(folder, name), 'utf8');
  /** Waits until main has the tabs in this order (drafts are saved a moment after a change). */
  async function savedTitles(expected: string[]): Promise<void> {
    const path = join(session.host.dataDir, 'demo-workspace', 'tabs.json');
    let seen: string[] = [];
    for (let tries = 0; tries < 200; tries++) {
      const text = await readFile(path, 'utf8').catch(() => '{"tabs":[]}');
      seen = (JSON.parse(text) as { tabs: { title: string }[] }).tabs.map((t) => t.title);
      if (JSON.stringify(seen) === JSON.stringify(expected)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(seen, expected, 'tabs.json holds the tabs in their new order');
  }
  /** Takes the focus out of the editors, as a click on the tab bar would. */
  const focusTabs = () => page.getByTestId('new-tab').focus();

  test('Ctrl+S asks where a new tab goes, saves back after that, and Ctrl+Shift+S saves a copy', async () => {
    await setQuery(page, 'query Tabbed { whoami { authMode } }');
    await page.keyboard.press('Control+s');
    const dialog = page.getByTestId('save-as-dialog');
    await page.getByTestId('save-as-no-collection').waitFor();
    await page.getByTestId('save-as-go-collections').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('collection-path').fill(folder);
    await page.getByTestId('collection-open-folder').click();
    await page.locator('[data-testid="collection-node"][data-id="Team"]').waitFor();

    await page.getByTestId('nav-request').click();
    await setQuery(page, 'query Tabbed { whoami { authMode } }');
    await page.keyboard.press('Control+s');
    await page.getByTestId('save-as-name').fill('Who am I');
    await page.getByTestId('save-as-folder').selectOption({ label: 'Team' });
    await page.getByTestId('save-as-name').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.match(await file('Team/Who am I.graphql'), /query Tabbed/);
    assert.equal(await activeTitle(), 'Who am I');

    await setQuery(page, 'query Tabbed { whoami { authMode arn } }');
    await tab('Who am I').locator('.dirty').waitFor();
    await page.keyboard.press('Control+s');
    await tab('Who am I').locator('.dirty').waitFor({ state: 'detached' });
    assert.match(await file('Team/Who am I.graphql'), /authMode arn/);

    await page.keyboard.press('Control+Shift+s');
    assert.equal(await page.getByTestId('save-as-name').inputValue(), 'Who am I (copy)');
    await page.getByTestId('save-as-save').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await activeTitle(), 'Who am I (copy)');
    await setQuery(page, 'query Copied { whoami { arn } }');
    await page.keyboard.press('Control+s');
    await tab('Who am I (copy)').locator('.dirty').waitFor({ state: 'detached' });
    assert.match(await file('Team/Who am I (copy).graphql'), /query Copied/);
    assert.match(await file('Team/Who am I.graphql'), /authMode arn/, 'the original is untouched');
  });

  test('closing a changed tab asks: Cancel keeps it, Save writes it, Discard drops the edit', async () => {
    await setQuery(page, 'query Copied { whoami { arn authMode } }');
    await tab('Who am I (copy)').locator('.dirty').waitFor();
    await focusTabs();
    await page.keyboard.press('Control+w');
    const dialog = page.getByTestId('close-tab-dialog');
    await page.getByTestId('close-tab-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await tab('Who am I (copy)').waitFor();

    await page.keyboard.press('Alt+w');
    await page.getByTestId('close-tab-save').click();
    await dialog.waitFor({ state: 'detached' });
    await tab('Who am I (copy)').waitFor({ state: 'detached' });
    assert.match(await file('Team/Who am I (copy).graphql'), /arn authMode/);

    // No tab is left: reopen the original from the collection.
    await page.getByTestId('nav-collections').click();
    await page
      .locator('[data-testid="collection-node"][data-id="Team/Who am I"]')
      .getByTestId('collection-open')
      .click();
    await tab('Who am I').waitFor();
    await setQuery(page, 'query Dropped { whoami { arn } }');
    await tab('Who am I').locator('.dirty').waitFor();
    await page.getByRole('button', { name: 'Close Who am I' }).click();
    await page.getByTestId('close-tab-discard').click();
    await tab('Who am I').waitFor({ state: 'detached' });
    assert.doesNotMatch(await file('Team/Who am I.graphql'), /Dropped/);

    // A tab with nothing unsaved closes without a question.
    await page.getByTestId('new-tab').click();
    const before = (await titles()).length;
    await page.getByRole('button', { name: 'Close New request' }).last().click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="request-tab"]').length === count,
      before - 1,
    );
    assert.equal(await dialog.count(), 0);
  });

  test('tabs: new, rename, duplicate, cycle, reorder by key and drag, close others; the order survives a reload', async () => {
    await focusTabs();
    await page.keyboard.press('Control+t');
    await page.keyboard.press('Alt+t');
    await setQuery(page, 'query Follows { whoami { arn } }');
    await tab('Follows').waitFor();

    // A renamed tab keeps its name when the operation changes; Escape keeps the old name.
    await tab('Follows').dblclick();
    await page.getByTestId('tab-rename').fill('Not this');
    await page.getByTestId('tab-rename').press('Escape');
    await tab('Follows').waitFor();
    await tab('Follows').dblclick();
    await page.getByTestId('tab-rename').fill('Mine');
    await page.getByTestId('tab-rename').press('Enter');
    await setQuery(page, 'query Other { whoami { arn } }');
    await tab('Mine').waitFor();
    assert.equal(await tab('Other').count(), 0);

    await tab('Mine').click({ button: 'right' });
    await page
      .getByTestId('tab-menu')
      .getByRole('menuitem', { name: /Duplicate/ })
      .click();
    await tab('Mine (copy)').waitFor();
    const order = await titles();
    assert.equal(order.indexOf('Mine (copy)'), order.indexOf('Mine') + 1);
    assert.equal(await activeTitle(), 'Mine (copy)');

    await focusTabs();
    await page.keyboard.press('Control+Shift+Tab');
    assert.equal(await activeTitle(), 'Mine');
    await page.keyboard.press('Control+Tab');
    assert.equal(await activeTitle(), 'Mine (copy)');
    await page.keyboard.press('Alt+PageDown');
    assert.equal(await activeTitle(), order[0], 'the last tab wraps around to the first');

    await tab('Mine').click();
    await page.keyboard.press('Alt+Shift+ArrowRight');
    const moved = await titles();
    assert.equal(moved.indexOf('Mine'), moved.indexOf('Mine (copy)') + 1);

    await page
      .getByTestId('tab')
      .filter({ hasText: 'Mine (copy)' })
      .dragTo(page.getByTestId('tab').first());
    assert.equal((await titles())[0], 'Mine (copy)');
    const saved = await titles();

    await savedTitles(saved);
    await page.reload();
    await page.getByTestId('request-tab').first().waitFor();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="request-tab"]').length === count,
      saved.length,
    );
    assert.deepEqual(await titles(), saved);

    await tab('Mine').first().click({ button: 'right' });
    await page
      .getByTestId('tab-menu')
      .getByRole('menuitem', { name: /Close others/ })
      .click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="request-tab"]').length === 1,
    );
    assert.deepEqual(await titles(), ['Mine']);
  });

  test('the shortcut sheet and the palette list every shortcut with the same keys', async () => {
    await focusTabs();
    await page.keyboard.press('Control+/');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    for (const shortcut of SHORTCUTS) {
      const row = sheet.locator(`[data-shortcut="${shortcut.id}"]`);
      const keys = await row.locator('kbd').allInnerTexts();
      assert.deepEqual(
        keys,
        shortcut.chords.map((c) => chordLabel(c, false)),
        shortcut.id,
      );
    }
    // Behind an open dialog the tab keys do nothing.
    const open = await page.getByTestId('request-tab').count();
    await page.keyboard.press('Control+t');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('request-tab').count(), open);

    await page.keyboard.press('Control+Shift+p');
    const input = page.getByTestId('palette-input');
    for (const shortcut of SHORTCUTS.filter((s) => s.id !== 'palette')) {
      await input.fill(shortcut.label);
      const row = page.getByTestId('palette-row').filter({ hasText: shortcut.label }).first();
      assert.equal(await row.locator('kbd').innerText(), chordLabel(shortcut.chords[0]!, false));
    }
    await input.fill('Rename the tab');
    await input.press('Enter');
    await page.getByTestId('tab-rename').fill('From the palette');
    await page.getByTestId('tab-rename').press('Enter');
    await tab('From the palette').waitFor();
  });
});
