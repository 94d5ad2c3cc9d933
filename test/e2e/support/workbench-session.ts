/**
 * What an e2e file starts with: the web host on a fresh HOME (or the given one, with the given
 * extra environment), Debian's Chromium, and a page on the workbench; `close` stops both.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
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

export interface WorkbenchOptions {
  /** The HOME the web host runs in (a fresh temporary one when left out). */
  home?: string;
  /** Extra environment for the web host: peers' endpoints, BROWSER, … */
  env?: Record<string, string>;
  viewport?: BrowserContextOptions['viewport'];
  /** Called with the page before it opens the workbench, e.g. to record its WebSocket frames. */
  beforeOpen?: (page: Page) => void;
}

export async function openWorkbench(
  label: string,
  options: WorkbenchOptions = {},
): Promise<WorkbenchSession> {
  const host = await startWebHostProcess(options.home ?? (await makeTempDir(label)), options.env);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await host.stop();
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    options.beforeOpen?.(page);
    await page.goto(host.url);
    return { host, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
