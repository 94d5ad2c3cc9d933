/**
 * Two windows on one workbench, and a workspace switch one of them does not hear about: its next
 * tab save names the workspace it was loaded for, main refuses it, and the window reloads onto
 * the workspace served now, whose tabs are left as they were.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import {
  makeTempDir,
  startWebHostProcess,
  type RunningWebHost,
} from '../support/web-host-process.ts';
import { openDemoWorkspace, setQuery } from './support/workbench-page.ts';

describe('tabs across a workspace switch (e2e, Chromium, demo sandbox)', () => {
  let browser: Browser;
  let host: RunningWebHost;
  let stale: Page;
  // The stale window stops hearing `workspace.changed`, as if the event were lost in flight.
  let deaf = false;

  before(async () => {
    host = await startWebHostProcess(await makeTempDir('workspace-tabs'));
    browser = await launchChromium();
    const context = await browser.newContext();
    stale = await context.newPage();
    await stale.routeWebSocket(/.*/, (route) => {
      const server = route.connectToServer();
      route.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (deaf && String(message).includes('"workspace.changed"')) return;
        route.send(message);
      });
    });
    await stale.goto(host.url);
    await openDemoWorkspace(stale);
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  test('a window left on the demo saves nothing into the user’s workspace, and reloads onto it', async () => {
    deaf = true;
    const other = await stale.context().newPage();
    await other.goto(host.origin);
    await other.getByTestId('demo-banner').waitFor();
    await Promise.all([
      other.waitForEvent('load'),
      other.getByRole('button', { name: 'Back to my AWS profiles' }).click(),
    ]);
    await other.getByTestId('demo-offer').waitFor();
    const userTabs = join(host.dataDir, 'tabs.json');
    const before = await readFile(userTabs, 'utf8').catch(() => '');

    // The stale window still shows the demo; an edit there is saved a moment later.
    await stale.getByTestId('demo-banner').waitFor();
    await Promise.all([stale.waitForEvent('load'), setQuery(stale, '{ staleWindowEdit }')]);
    await stale.getByTestId('demo-offer').waitFor();
    assert.equal(await stale.getByTestId('demo-banner').count(), 0);

    const now = await readFile(userTabs, 'utf8').catch(() => '');
    assert.ok(!now.includes('staleWindowEdit'), 'the user’s tabs hold nothing of the demo window');
    assert.equal(now, before);
  });
});
