/**
 * Regenerates the README's screenshots from the real app: the web host on a fresh HOME, the demo
 * workspace opened, a query signed with the assumed role, in Debian's Chromium (light and dark).
 * Run after `npm run build`: node scripts/readme-screenshot.ts
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.ts';
import { makeTempDir, startWebHostProcess } from '../test/support/web-host-process.ts';
import { runQuery } from '../test/e2e/support/workbench-page.ts';

const QUERY = `query RecentNotes {
  whoami { authMode arn }
  listNotes(limit: 3) {
    items { id title tags done }
  }
}
`;

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
    await page.goto(host.url);
    const offer = page.getByTestId('demo-offer');
    await offer.or(page.getByTestId('demo-banner')).waitFor();
    if (await offer.isVisible()) {
      await Promise.all([page.waitForEvent('load'), page.getByTestId('open-demo').first().click()]);
    }
    await page.getByTestId('demo-banner').waitFor();
    await page.locator('[data-profile="sandbox-admin"]').first().click();
    await page.getByTestId('run-target').filter({ hasText: 'sandbox-admin (' }).waitFor();
    await runQuery(page, QUERY);
    await shoot(page, `screenshot-request-${scheme}`);
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('identity-account').waitFor();
    await shoot(page, `screenshot-profile-${scheme}`);
    await page.getByTestId('nav-request').click();
    await page.close();
  }
} finally {
  await browser.close();
  await host.stop();
}
