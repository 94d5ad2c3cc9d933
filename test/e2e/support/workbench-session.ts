/**
 * What an e2e file starts with: the web host on a fresh HOME (or the given one, with the given
 * extra environment), Debian's Chromium (or a browser the file shares), and a page on the
 * workbench; `close` stops what it started.
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
  /** A browser the file's tests share: the page opens in it, and `close` leaves it running. */
  browser?: Browser;
}

export async function openWorkbench(
  label: string,
  options: WorkbenchOptions = {},
): Promise<WorkbenchSession> {
  const host = await startWebHostProcess(options.home ?? (await makeTempDir(label)), options.env);
  let browser = options.browser;
  let page: Page | undefined;
  const close = async () => {
    await (options.browser ? page?.close() : browser?.close());
    await host.stop();
  };
  try {
    browser ??= await launchChromium();
    page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    options.beforeOpen?.(page);
    await page.goto(host.url);
    return { host, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One browser for a file whose tests each want their own web host; `close` ends them all. */
export class SharedBrowser {
  readonly #sessions: WorkbenchSession[] = [];
  readonly browser: Browser;
  private constructor(browser: Browser) {
    this.browser = browser;
  }

  static async launch(): Promise<SharedBrowser> {
    return new SharedBrowser(await launchChromium());
  }

  /** A web host (as openWorkbench starts it) and a page on it in the shared browser. */
  async open(label: string, options: Omit<WorkbenchOptions, 'browser'> = {}): Promise<Page> {
    const session = await openWorkbench(label, { ...options, browser: this.browser });
    this.#sessions.push(session);
    return session.page;
  }

  async close(): Promise<void> {
    await Promise.all(this.#sessions.map((session) => session.close()));
    await this.browser.close();
  }
}
