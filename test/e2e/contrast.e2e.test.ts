/**
 * Both themes pass WCAG AA contrast on the real rendered page: body and muted text, links,
 * primary and secondary buttons, inputs, error text, badges, the tab bar, the problems banner,
 * in every view. A failure names the element, both colours and the ratio.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeAwsHome } from '../support/aws-home.ts';
import { launchChromium } from '../support/chromium.ts';
import {
  makeTempDir,
  startWebHostProcess,
  type RunningWebHost,
} from '../support/web-host-process.ts';
import { checkContrast, type ContrastFailure } from './support/contrast.ts';
import { openDemoWorkspace, runQuery, setQuery } from './support/workbench-page.ts';

const SCHEMES = ['light', 'dark'] as const;

/** Each failing element and pair of colours, with the states it was seen in. */
type Failures = Map<string, string[]>;

/** Checks the page as it is now, under a name for the report. */
async function measure(page: Page, state: string, failures: Failures): Promise<number> {
  const report = await checkContrast(page);
  const line = (f: ContrastFailure) =>
    `${f.element}: ${f.foreground} on ${f.background} is ${f.ratio}:1, needs ${f.required}:1`;
  const found = [
    ...report.failures.map(line),
    ...report.unmeasured.map((element) => `${element}: over an image, not measured`),
  ];
  for (const failure of new Set(found)) {
    failures.set(failure, [...(failures.get(failure) ?? []), state]);
  }
  return report.checked;
}

function assertNone(failures: Failures): void {
  const lines = [...failures].map(([failure, states]) => `${failure} (${states.join(', ')})`);
  assert.ok(lines.length === 0, `${lines.length} below WCAG AA:\n${lines.join('\n')}`);
}

describe('theme contrast, WCAG AA (e2e, Chromium)', () => {
  let browser: Browser;
  let demo: RunningWebHost;
  let broken: RunningWebHost;

  before(async () => {
    browser = await launchChromium();
    demo = await startWebHostProcess(await makeTempDir('contrast'));
    const aws = await makeAwsHome({
      // A profile of each environment tag, and a broken section.
      config:
        '[profile prod-admin]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/A\n' +
        'source_profile = keys\n\n[profile staging-ops]\nregion = eu-west-1\n\n' +
        '[profile dev-box]\nregion = eu-west-1\n\n[profile broken\nregion = us-east-1\n',
      credentials: '[keys]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    });
    broken = await startWebHostProcess(aws.home);
  });

  after(async () => {
    await browser?.close();
    await Promise.all([demo?.stop(), broken?.stop()]);
  });

  let demoOpened = false;

  for (const colorScheme of SCHEMES) {
    test(`the ${colorScheme} theme: every view of the demo workspace`, async () => {
      const page = await browser.newPage({ colorScheme, viewport: { width: 1440, height: 900 } });
      await page.goto(demoOpened ? await demo.newLaunchUrl() : demo.url);
      if (!demoOpened) await openDemoWorkspace(page);
      demoOpened = true;
      await page.getByTestId('demo-banner').waitFor();
      const failures: Failures = new Map();
      let checked = 0;

      await page.getByTestId('new-tab').click();
      await runQuery(page, 'query { whoami { authMode } fail }');
      await page.getByTestId('graphql-errors').waitFor();
      await page.getByText('Variables and headers').click();
      await page.getByText('Schema documentation').click();
      await page.locator('[data-testid="docs-root"]', { hasText: 'Query' }).click();
      await page.getByTestId('docs-search').fill('note');
      await page.getByTestId('response').getByText('Headers', { exact: true }).click();
      checked += await measure(page, 'request, answered with an error', failures);

      await setQuery(page, 'query { slow(ms: 20000) { waitedMs } }');
      await page.getByTestId('run-request').click();
      await page.getByTestId('cancel-request').waitFor();
      checked += await measure(page, 'request, running', failures);
      await page.getByTestId('cancel-request').click();
      await page.getByTestId('request-failure').waitFor();
      checked += await measure(page, 'request, cancelled', failures);

      for (const view of ['events', 'profile', 'endpoints', 'history', 'collections']) {
        await page.getByTestId(`nav-${view}`).click();
        await page.locator(`[data-testid="nav-${view}"][aria-current="page"]`).waitFor();
        checked += await measure(page, `${view} view`, failures);
      }
      await page.getByTestId('nav-history').click();
      await page.getByTestId('history-clear').click();
      await page.getByTestId('history-clear-confirm').waitFor();
      checked += await measure(page, 'history, asking to clear', failures);
      assert.ok(checked > 100, `only ${checked} texts were measured`);
      assertNone(failures);
      await page.close();
    });

    test(`the ${colorScheme} theme: AWS files problems, environment tags, pins`, async () => {
      const page = await browser.newPage({ colorScheme, viewport: { width: 1366, height: 768 } });
      await page.goto(await broken.newLaunchUrl());
      await page.getByTestId('config-problems').waitFor();
      await page.getByTestId('profile-row').first().waitFor();
      // A pinned profile, and the production one active (its banner shows).
      // Settings outlive the page: the first theme's run pinned it already.
      const pin = page
        .locator('.profile-item', { hasText: 'staging-ops' })
        .getByTestId('pin-toggle');
      if ((await pin.getAttribute('aria-pressed')) !== 'true') await pin.click();
      await page.locator('[data-testid="pin-toggle"][aria-pressed="true"]').waitFor();
      await page.locator('[data-profile="prod-admin"]').click();
      await page.locator('[aria-current="true"][data-profile="prod-admin"]').waitFor();
      await page.getByTestId('production-banner').waitFor();
      const failures: Failures = new Map();
      await measure(page, 'problems banner', failures);
      await page.getByTestId('config-problems-collapse').click();
      await page.getByTestId('config-problems-badge').waitFor();
      await measure(page, 'problems badge', failures);
      await page.getByTestId('config-problems-badge').click();
      assertNone(failures);
      await page.close();
    });
  }
});
