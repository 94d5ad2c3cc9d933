/**
 * What an e2e file starts with: the web host on a fresh HOME (or the given one), Debian's
 * Chromium, and a page on the workbench; `close` stops both.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import {
  makeTempDir,
  startWebHostProcess,
  type RunningWebHost,
} from '../../support/web-host-process.ts';

export interface WorkbenchSession {
  host: RunningWebHost;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openWorkbench(label: string, home?: string): Promise<WorkbenchSession> {
  const host = await startWebHostProcess(home ?? (await makeTempDir(label)));
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(host.url);
  return {
    host,
    browser,
    page,
    close: async () => {
      await browser.close();
      await host.stop();
    },
  };
}
