/**
 * The layout on a laptop and on a wide screen, in the real app: splitters that drag and answer
 * the arrow keys, sizes and choices that survive a reload, an editor and a Run button that stay
 * put while a request runs, a problems banner that folds into a badge, docs beside the editor.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { makeAwsHome } from '../support/aws-home.ts';
import { openDemoWorkspace, readQuery, runQuery, setQuery } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

const LAPTOP = { width: 1366, height: 768 };
const WIDE = { width: 2560, height: 1440 };

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  assert.ok(found, 'the element is laid out');
  return found;
}

async function valueOf(splitter: Locator): Promise<number> {
  return Number(await splitter.getAttribute('aria-valuenow'));
}

/** Drags an element's centre by dx, dy with the mouse, in steps like a hand does. */
async function drag(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  // A person scrolls a handle below the fold into view before grabbing it.
  await handle.scrollIntoViewIfNeeded();
  const { x, y, width, height } = await box(handle);
  await page.mouse.move(x + width / 2, y + height / 2);
  await page.mouse.down();
  await page.mouse.move(x + width / 2 + dx, y + height / 2 + dy, { steps: 8 });
  await page.mouse.up();
}

/** Reloads and waits for the request view to be back. */
async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('query-editor').locator('.cm-content').waitFor();
}

describe('layout (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    session = await openWorkbench('layout', { viewport: LAPTOP });
    page = session.page;
    await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
  });

  test('the editor | response splitter drags, steps with the arrow keys, and is remembered', async () => {
    const splitter = page.getByTestId('editor-splitter');
    assert.equal(await splitter.getAttribute('role'), 'separator');
    assert.equal(await splitter.getAttribute('aria-orientation'), 'vertical');
    assert.equal(await valueOf(splitter), 50);
    const editor = page.getByTestId('editor-pane');
    const response = page.getByTestId('response');
    const before = await box(editor);

    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await valueOf(splitter), 52);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await valueOf(splitter), 48);
    assert.ok((await box(editor)).width < before.width, 'the editor narrowed');

    await drag(page, splitter, 200, 0);
    const dragged = await box(editor);
    assert.ok(
      Math.abs(dragged.width - before.width - 200 + (2 * before.width) / 50) < 12,
      `the editor follows the pointer: ${before.width} → ${dragged.width}`,
    );
    const share = await valueOf(splitter);
    assert.ok(share > 55 && share < 70, `share ${share}`);
    // The splitter sits between the two panes.
    const bar = await box(splitter);
    assert.ok(
      bar.x >= dragged.x + dragged.width - 1 && bar.x + bar.width <= (await box(response)).x + 1,
    );

    await splitter.focus();
    await page.keyboard.press('End');
    assert.equal(await valueOf(splitter), 80);
    await page.keyboard.press('Home');
    assert.equal(await valueOf(splitter), 20);
    await drag(page, splitter, -2000, 0);
    assert.equal(await valueOf(splitter), 20, 'a drag stops at the bound');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    assert.equal(await valueOf(splitter), 72);

    await reload(page);
    assert.equal(await valueOf(page.getByTestId('editor-splitter')), 72);
    const wide = await box(page.getByTestId('editor-pane'));
    const layout = await box(page.getByTestId('request-layout'));
    assert.ok(
      Math.abs(wide.width / layout.width - 0.72) < 0.03,
      `${wide.width} of ${layout.width}`,
    );
  });

  test('the query editor / variables splitter sets the editor height, remembered', async () => {
    const splitter = page.getByTestId('query-splitter');
    const query = page.getByTestId('query-editor');
    const variables = page.getByText('Variables and headers');
    const start = await box(query);
    const startVariables = await box(variables);
    assert.equal(await splitter.getAttribute('aria-orientation'), 'horizontal');
    assert.equal(await valueOf(splitter), Math.round(start.height));

    await drag(page, splitter, 0, 120);
    const taller = await box(query);
    assert.ok(
      Math.abs(taller.height - start.height - 120) < 3,
      `${start.height} → ${taller.height}`,
    );
    assert.ok(
      Math.abs((await box(variables)).y - startVariables.y - 120) < 3,
      'the variables follow the editor',
    );
    await splitter.focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await valueOf(splitter), Math.round(taller.height) - 16);

    await reload(page);
    assert.equal(
      Math.round((await box(page.getByTestId('query-editor'))).height),
      Math.round(taller.height) - 16,
    );
  });

  for (const viewport of [LAPTOP, WIDE]) {
    test(`at ${viewport.width}×${viewport.height} a run moves neither the editor nor the Run button`, async () => {
      await page.setViewportSize(viewport);
      await reload(page);
      for (const vertical of [false, true]) {
        if (
          (await page.getByTestId('layout-vertical').getAttribute('aria-pressed')) !==
          String(vertical)
        ) {
          await page.getByTestId('layout-vertical').click();
        }
        const query = page.getByTestId('query-editor');
        const top = (await box(query)).y;
        await runQuery(page, 'query { whoami { authMode } }');
        await page.getByTestId('response-body').waitFor();
        assert.equal((await box(query)).y, top, 'the editor stayed where it was');

        const run = await box(page.getByTestId('run-request'));
        await setQuery(page, 'query { slow(ms: 20000) { waitedMs } }');
        await page.getByTestId('run-request').click();
        const cancel = page.getByTestId('cancel-request');
        await cancel.waitFor();
        assert.deepEqual(await box(cancel), run, 'Cancel has the size and place of Run');
        assert.equal((await box(query)).y, top);
        await cancel.click();
        await page.getByTestId('request-failure').waitFor();
        assert.deepEqual(await box(page.getByTestId('run-request')), run);
        assert.equal((await box(query)).y, top);
      }
    });
  }

  test('the response below the editor is an option, with its own splitter, remembered', async () => {
    await page.setViewportSize(LAPTOP);
    await reload(page);
    const toggle = page.getByTestId('layout-vertical');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'left on by the last test');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const beside = await box(page.getByTestId('response'));
    assert.ok(beside.x > (await box(page.getByTestId('editor-pane'))).x + 100, 'beside');

    await toggle.click();
    const editor = page.getByTestId('editor-pane');
    const response = page.getByTestId('response');
    const splitter = page.getByTestId('editor-splitter');
    assert.equal(await splitter.getAttribute('aria-orientation'), 'horizontal');
    assert.ok(
      (await box(response)).y >= (await box(editor)).y + (await box(editor)).height,
      'below',
    );
    const height = await valueOf(splitter);
    assert.equal(Math.round((await box(editor)).height), height);
    await splitter.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(Math.round((await box(editor)).height), height + 16);
    await drag(page, splitter, 0, -100);
    assert.ok(Math.abs((await box(editor)).height - (height + 16 - 100)) < 3);

    await reload(page);
    assert.equal(await page.getByTestId('layout-vertical').getAttribute('aria-pressed'), 'true');
    assert.ok(Math.abs((await box(page.getByTestId('editor-pane'))).height - (height - 84)) < 3);
    await page.getByTestId('layout-vertical').click();
  });

  test('the schema docs dock beside the editor, insert from there, and stay docked', async () => {
    await page.getByText('Schema documentation').click();
    await page.getByTestId('docs-dock').click();
    const docs = page.getByTestId('docs-explorer');
    const query = page.getByTestId('query-editor');
    await docs.waitFor();
    const side = await box(docs);
    const editor = await box(query);
    assert.ok(side.x >= editor.x + editor.width, 'the docs are right of the editor');
    assert.ok(side.y < editor.y + editor.height && side.y + side.height > editor.y, 'side by side');
    assert.equal(await page.getByText('Schema documentation', { exact: true }).count(), 1);

    await reload(page);
    await setQuery(page, 'query {\n  \n}');
    await page.getByTestId('query-editor').locator('.cm-line').nth(1).click();
    await page.locator('[data-testid="docs-root"]', { hasText: 'Query' }).click();
    await page.locator('[data-testid="docs-insert"][data-field="whoami"]').click();
    assert.match(await readQuery(page), /whoami/);
    const again = await box(page.getByTestId('docs-explorer'));
    assert.ok(again.x >= (await box(page.getByTestId('query-editor'))).x + editor.width - 1);

    await page.getByTestId('docs-dock').click();
    await page.locator('details.docs').waitFor();
    assert.equal(await page.getByTestId('docs-explorer').isVisible(), false, 'folded again');
  });

  test('the profile sidebar resizes within bounds and keeps its width', async () => {
    const sidebar = page.getByTestId('profile-sidebar');
    const splitter = page.getByTestId('sidebar-splitter');
    const start = await box(sidebar);
    assert.equal(await valueOf(splitter), Math.round(start.width));
    await drag(page, splitter, 90, 0);
    assert.ok(Math.abs((await box(sidebar)).width - start.width - 90) < 3);
    const main = await box(page.locator('main.content'));
    assert.ok(main.x >= (await box(sidebar)).x + (await box(sidebar)).width - 1, 'main follows');

    await drag(page, splitter, 2000, 0);
    assert.equal(Math.round((await box(sidebar)).width), 560, 'at most 560 px');
    await splitter.focus();
    await page.keyboard.press('Home');
    assert.equal(Math.round((await box(sidebar)).width), 200, 'at least 200 px');
    await page.keyboard.press('ArrowRight');
    await reload(page);
    assert.equal(Math.round((await box(page.getByTestId('profile-sidebar'))).width), 216);
    // Narrow, a long name is still shortened in the middle and whole in its tooltip.
    const row = page.getByTestId('profile-row').filter({ hasText: 'admin' }).first();
    assert.match((await row.getAttribute('title')) ?? '', /^sandbox-admin\n/);
  });

  test('stored sizes out of bounds or of the wrong type fall back, never break the layout', async () => {
    await page.evaluate(() =>
      localStorage.setItem(
        'appsync-workbench.layout',
        JSON.stringify({ sidebarWidth: 99999, editorShare: -5, vertical: 'yes' }),
      ),
    );
    await reload(page);
    assert.equal(await valueOf(page.getByTestId('sidebar-splitter')), 560);
    assert.equal(await valueOf(page.getByTestId('editor-splitter')), 20);
    await page.evaluate(() => localStorage.setItem('appsync-workbench.layout', '{not json'));
    await reload(page);
    assert.equal(await valueOf(page.getByTestId('sidebar-splitter')), 300);
    assert.equal(await page.getByTestId('layout-vertical').getAttribute('aria-pressed'), 'false');
  });
});

describe('AWS files problems banner (e2e, Chromium)', () => {
  let session: WorkbenchSession;

  after(async () => {
    await session?.close();
  });

  test('folds into a badge that reopens it, and stays folded until the problems change', async () => {
    const good = '[profile good]\nregion = eu-west-1\n\n';
    const aws = await makeAwsHome({
      config: `${good}[profile broken\nregion = us-east-1\n`,
      credentials: '[keys]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    });
    session = await openWorkbench('layout-problems', { home: aws.home, viewport: LAPTOP });
    const { page } = session;
    const banner = page.getByTestId('config-problems');
    const badge = page.getByTestId('config-problems-badge');
    await banner.waitFor();
    await page.getByTestId('config-problems-collapse').click();
    await badge.waitFor();
    assert.equal(await banner.count(), 0);
    const folder = aws.configFile.replace(/\/config$/, '');
    assert.equal((await badge.innerText()).trim(), `1 problem in ${folder}`);

    await page.reload();
    await badge.waitFor();
    await badge.click();
    await banner.waitFor();
    await page.getByTestId('config-problems-collapse').click();
    await badge.waitFor();

    // Another problem: the banner is back, with both.
    await writeFile(aws.configFile, `${good}[profile broken\nregion = us-east-1\n[also broken\n`);
    await banner.waitFor();
    assert.equal(await banner.locator('li').count(), 2);

    // Fixed, then broken the same way again: the banner shows, the fold was forgotten.
    await page.getByTestId('config-problems-collapse').click();
    await writeFile(aws.configFile, good);
    await badge.waitFor({ state: 'detached' });
    await writeFile(aws.configFile, `${good}[profile broken\nregion = us-east-1\n[also broken\n`);
    await banner.waitFor();
    await page.close();
  });
});
