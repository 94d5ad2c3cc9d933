/**
 * The endpoint form checks the URL as it is typed: AppSync's host is recognised and its region
 * fills the IAM mode's, likely typos are flagged while typing, and a custom domain is left alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

describe('endpoint URLs checked as typed (e2e, Chromium)', () => {
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    session = await openWorkbench('endpoint-url');
    page = session.page;
    await page.getByTestId('nav-endpoints').click();
    await page.getByTestId('add-endpoint').click();
  });

  after(async () => {
    await session?.close();
  });

  const form = () => page.getByTestId('endpoint-form');
  const warnings = () => form().getByTestId('endpoint-url-warning').allInnerTexts();

  test('a typo is flagged while typing and goes once fixed; the region fills from the host', async () => {
    const url = form().getByTestId('endpoint-url');
    await url.pressSequentially(
      'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.con',
    );
    await form()
      .getByTestId('endpoint-url-warning')
      .filter({ hasText: 'did you mean .com' })
      .waitFor();
    await url.press('Backspace');
    await url.pressSequentially('m');
    await form().getByTestId('endpoint-url-warning').filter({ hasText: 'add /graphql' }).waitFor();
    await url.pressSequentially('/graphql');
    await form().getByTestId('endpoint-url-recognised').filter({ hasText: 'eu-west-1' }).waitFor();
    assert.deepEqual(await warnings(), []);
    assert.equal(await form().getByTestId('mode-region').first().inputValue(), 'eu-west-1');

    await url.fill('https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-2.amazonaws.com/event');
    await form().getByTestId('endpoint-url-recognised').filter({ hasText: 'Event API' }).waitFor();
    assert.equal(await form().getByTestId('mode-region').first().inputValue(), 'us-east-2');
  });

  test('http:// to a remote host is flagged; a custom domain over https is not', async () => {
    const url = form().getByTestId('endpoint-url');
    await url.fill('http://api.example.com/graphql');
    await form().getByTestId('endpoint-url-warning').filter({ hasText: 'unencrypted' }).waitFor();
    await url.fill('https://api.example.com/graphql');
    await form().getByTestId('endpoint-url-warning').waitFor({ state: 'detached' });
    assert.equal(await form().getByTestId('endpoint-url-recognised').count(), 0);
    // The region that came from an AppSync host does not stay behind for a custom domain.
    assert.equal(await form().getByTestId('mode-region').first().inputValue(), '');
  });
});
