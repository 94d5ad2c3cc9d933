/**
 * Regenerates the README's screenshots from the real app: the web host on a fresh HOME, the demo
 * workspace opened, a query signed with the assumed role, in Debian's Chromium (light and dark),
 * the AppSync Events channel view with events published over HTTP and the WebSocket (light), and
 * a saved request's assertions and their results (light).
 * Run after `npm run build`: node scripts/readme-screenshot.ts
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.ts';
import { makeTempDir, startWebHostProcess } from '../test/support/web-host-process.ts';
import { runQuery, setQuery } from '../test/e2e/support/workbench-page.ts';

const QUERY = `query RecentNotes {
  whoami { authMode arn }
  listNotes(limit: 3) {
    items { id title tags done }
  }
}
`;

/** The demo Event API's channel view: a /default/* subscription and what three publishes sent. */
async function channelView(page: Page): Promise<void> {
  await page.getByTestId('nav-request').click();
  await page.getByTestId('open-demo-events').click();
  await page.getByTestId('subscribe-channel').fill('/default/*');
  await page.getByTestId('subscribe-run').click();
  await page.locator('[data-testid="subscription-status"][data-status="active"]').waitFor();
  const publish = async (channel: string, events: string, transport: 'http' | 'websocket') => {
    await page.getByTestId('publish-channel').fill(channel);
    await page.getByTestId('publish-events').fill(events);
    await page.getByTestId(`publish-transport-${transport}`).check();
    await page.getByTestId('publish-run').click();
    await page.getByTestId('publish-result').or(page.getByTestId('publish-error')).waitFor();
  };
  await publish('/default/orders', '{"order": 1041, "status": "paid"}', 'http');
  await page.getByTestId('stream-message').first().waitFor();
  await publish(
    '/default/chat',
    '{"user": "ana", "text": "deploy done"}\n{"user": "bo", "text": "thanks!"}',
    'websocket',
  );
  await page.locator('[data-testid="subscription-count"][data-count="3"]').waitFor();
}

/** A saved request with one assertion that holds and one that does not, run, its Tests tab open. */
async function shootTests(page: Page): Promise<void> {
  // In a tab of its own, closed afterwards: the next pass starts from the same tab as this one.
  await page.getByTestId('new-tab').click();
  await setQuery(page, QUERY);
  await page.getByTestId('nav-collections').click();
  await page.getByTestId('collection-path').fill(await makeTempDir('readme-collection'));
  await page.getByTestId('collection-open-folder').click();
  await page.getByTestId('save-tab-name').fill('Recent notes');
  await page.getByTestId('save-tab').click();
  await page.locator('[data-testid="collection-node"][data-id="Recent notes"]').waitFor();
  await page.getByTestId('nav-request').click();
  await page.getByTestId('request-tests').locator('summary').click();
  for (const [path, operator, value] of [
    ['status', 'eq', '200'],
    ['data.listNotes.items', 'length', '3'],
    ['data.whoami.authMode', 'eq', '"API_KEY"'],
  ] as const) {
    await page.getByTestId('add-assertion').click();
    await page.keyboard.type(path);
    const row = page.getByTestId('assertion-row').last();
    await row.getByLabel(/operator/).selectOption(operator);
    await row.getByLabel(/value/).fill(value);
  }
  await page
    .getByTestId('post-script-editor')
    .locator('.cm-content')
    .fill("test('three notes', () => expect(response.data.listNotes.items.length).toBe(3));");
  await page.getByTestId('run-request').click();
  await page.getByTestId('tests-tab').click();
  await page.getByTestId('test-results').waitFor();
  await shoot(page, 'screenshot-tests-light');
  await page.locator('.tab.selected .tab-close').click();
}

async function shoot(page: Page, name: string): Promise<void> {
  const out = fileURLToPath(new URL(`../docs/${name}.png`, import.meta.url));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
}

const host = await startWebHostProcess(await makeTempDir('readme'));
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({
      viewport: { width: 1360, height: 820 },
      colorScheme: scheme,
    });
    // A launch link works once: each page (its own browser context) takes a new one.
    await page.goto(scheme === 'light' ? host.url : await host.newLaunchUrl());
    const offer = page.getByTestId('demo-offer');
    await offer.or(page.getByTestId('demo-banner')).waitFor();
    if (await offer.isVisible()) {
      await Promise.all([page.waitForEvent('load'), page.getByTestId('open-demo').first().click()]);
    }
    await page.getByTestId('demo-banner').waitFor();
    await page.getByTestId('request-tab').first().click();
    await page.locator('[data-profile="sandbox-admin"]').first().click();
    await page.getByTestId('run-target').filter({ hasText: 'sandbox-admin (' }).waitFor();
    await runQuery(page, QUERY);
    await shoot(page, `screenshot-request-${scheme}`);
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('identity-account').waitFor();
    await shoot(page, `screenshot-profile-${scheme}`);
    if (scheme === 'light') {
      await channelView(page);
      await shoot(page, 'screenshot-events-light');
    }
    await page.getByTestId('nav-request').click();
    if (scheme === 'light') await shootTests(page);
    await page.close();
  }
} finally {
  await browser.close();
  await host.stop();
}
