/**
 * What a Postman or Bruno user notices in the first hour, in the real app: one size for one
 * answer (status line, viewer and history agree), and profiles sharing a long prefix that stay
 * distinguishable in the sidebar.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { makeAwsHome } from '../support/aws-home.ts';
import { openDemoWorkspace, runQuery } from './support/workbench-page.ts';
import { SharedBrowser } from './support/workbench-session.ts';

const SIZE = /\b\d+(?:\.\d)? (?:B|KB|MB|GB)\b/g;

/** The characters of an element a user can see: laid out inside every clipping ancestor. */
function visibleText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    let clip = { left: -Infinity, right: Infinity };
    for (let node: Element | null = element; node; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== 'visible') {
        const box = node.getBoundingClientRect();
        clip = { left: Math.max(clip.left, box.left), right: Math.min(clip.right, box.right) };
      }
    }
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Each character against the clip of its own box (a shortened start clips itself).
      let own = clip;
      for (
        let box: Element | null = node.parentElement;
        box && box !== element;
        box = box.parentElement
      ) {
        if (getComputedStyle(box).overflowX !== 'visible') {
          const rect = box.getBoundingClientRect();
          own = { left: Math.max(own.left, rect.left), right: Math.min(own.right, rect.right) };
        }
      }
      const range = document.createRange();
      for (let i = 0; i < (node.textContent ?? '').length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width > 0 && rect.left >= own.left - 0.5 && rect.right <= own.right + 0.5) {
          text += node.textContent![i];
        }
      }
    }
    return text;
  });
}

describe('daily workflow (e2e, Chromium)', () => {
  let browser: SharedBrowser;

  before(async () => {
    browser = await SharedBrowser.launch();
  });

  after(async () => {
    await browser?.close();
  });

  test('one answer has one size: status line, viewer and history row agree', async () => {
    // A first run (no AWS files) offers the demo workspace, whose sandbox answers for real.
    const page = await browser.open('daily-size');
    await openDemoWorkspace(page);
    await runQuery(page, 'query Sized { whoami { authMode } }');

    const panel = await page.getByTestId('response').innerText();
    const sizes = new Set(panel.match(SIZE));
    assert.equal(sizes.size, 1, `one size in the response panel, saw ${[...sizes].join(', ')}`);
    const [size] = sizes;
    assert.equal(await page.getByTestId('response-size').innerText(), size);

    await page.getByTestId('nav-history').click();
    const row = page.getByTestId('history-entry').filter({ hasText: 'Sized' });
    assert.equal(await row.getByTestId('history-size').innerText(), size);
    await page.close();
  });

  test('profiles sharing a long prefix are told apart by their visible text', async () => {
    const names = ['acme-prod-ss-admin', 'acme-prod-ss-readonly', 'acme-prod-ss-billing'];
    const config = names
      .map(
        (name, i) =>
          `[profile ${name}]\nrole_arn = arn:aws:iam::12345678901${i}:role/R${i}\n` +
          `source_profile = keys\nregion = eu-west-1\n`,
      )
      .join('\n');
    const aws = await makeAwsHome({
      config,
      credentials: '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n',
    });
    const page = await browser.open('daily-prefix', { home: aws.home });
    await page.getByTestId('profile-row').first().waitFor();

    const shown: string[] = [];
    for (const name of names) {
      const row = page.locator(`[data-testid="profile-row"][data-profile="${name}"]`);
      const text = await visibleText(row.locator('.profile-name'));
      const end = name.split('-').at(-1)!;
      assert.ok(text.endsWith(end), `"${name}" shows "${text}": its end "${end}" is visible`);
      shown.push(text);
      const tooltip = (await row.getAttribute('title')) ?? '';
      assert.match(tooltip, new RegExp(`^${name}\\n`));
      assert.match(tooltip, /Account: 12345678901\d/);
      assert.match(tooltip, /Role: arn:aws:iam::/);
      assert.match(tooltip, /Region: eu-west-1/);
    }
    assert.equal(new Set(shown).size, 3, `three different texts: ${shown.join(' | ')}`);
    await page.close();
  });

  test('schema docs headers name the kind, not a minified class name', async () => {
    const page = await browser.open('daily-docs');
    await openDemoWorkspace(page);
    await page.getByText('Schema documentation').click();
    await page.locator('[data-testid="docs-root"]', { hasText: 'Query' }).click();
    assert.equal(await page.getByTestId('docs-explorer').locator('h4').innerText(), 'Query type');
    await page.close();
  });
});
