/**
 * The sign-in as a person does it: the app opens the authorization URL "in the system browser"
 * (here Chromium driven by Playwright), the person signs in and consents on the provider's
 * own pages, and the browser lands on the app's loopback page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { addTestProvider, makeOidcHarness, type OidcHarness } from '../core/oidc/oidc-harness.ts';

describe('OIDC sign-in in Chromium', () => {
  let h: OidcHarness;
  let browser: Browser;

  before(async () => {
    h = await makeOidcHarness();
    await addTestProvider(h);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  test('signs in on the provider pages and the browser lands on the "Signed in" page', async () => {
    let page: Page | null = null;
    h.browser = async (url) => {
      page = await browser.newPage();
      // Offline machine: the provider's pages reference a web font; only local hosts answer.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(url);
      await page.fill('input[name="login"]', h.op.user.sub);
      await page.fill('input[name="password"]', h.op.user.password);
      await page.click('button[type="submit"]');
      await page.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' });
      await page.click('button[type="submit"]');
      await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    };
    const identity = await h.service.login('local');
    assert.deepEqual(h.browserErrors, []);
    assert.equal(identity.subject, h.op.user.sub);
    assert.equal(identity.email, h.op.user.email);
    assert.ok(page);
    const landed = page as Page;
    await landed.waitForSelector('h1');
    assert.equal(await landed.textContent('h1'), 'Signed in');
    assert.ok(!(await landed.content()).includes('code='), 'the page does not echo the code');
  });
});
