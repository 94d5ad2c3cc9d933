/**
 * App start: the web host from process start to its ready line (vs `node -e 0` in the same
 * run), and the renderer in Chromium, printed against budgets (target: each < 300 ms):
 * first contentful paint and the time until the profile list is on screen, over several cold
 * page loads; plus, as same-run baselines, a static page served by the same host, and the floor:
 * the same index.html and assets with the same headers from a bare node:http server (no session,
 * no app behind it), and that floor without Cross-Origin-Opener-Policy, whose browsing-context
 * swap is most of a fresh window's first paint on this machine. Then the
 * host's memory at idle with 2,000 profiles and 100,000 history entries (RSS from /proc).
 * Run after `npm run build`: node test/bench/renderer.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { contentType, resolveInside, securityHeaders } from '../../main/hosting/renderer-files.ts';
import { aRun } from '../core/history/history-fixtures.ts';
import { launchChromium } from '../support/chromium.ts';
import { fillHistory } from '../support/history-fill.ts';
import { makeAwsHome, manyProfilesConfig } from '../support/aws-home.ts';
import { requireFreshWebBundle, startWebHostProcess } from '../support/web-host-process.ts';

requireFreshWebBundle();

const RUNS = 7;
const RENDERER = join(import.meta.dirname, '../../dist/renderer');

/** The built renderer from a bare server: the same files and headers, nothing else. */
async function startFloorServer(coop: boolean): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    const file = resolveInside(RENDERER, new URL(req.url ?? '/', 'http://x').pathname);
    const headers: Record<string, string> = securityHeaders();
    if (!coop) delete headers['Cross-Origin-Opener-Policy'];
    try {
      const body = readFileSync(file ?? '');
      res.writeHead(200, { ...headers, 'Content-Type': contentType(file!) }).end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** First contentful paint of `url` in a fresh context (the app behind it may fail to connect). */
async function coldPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true }),
        ),
    );
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const PROFILES = 2000;
const HISTORY = 100_000;
const aws = await makeAwsHome({ config: manyProfilesConfig(200) });
const heavy = await makeAwsHome({ config: manyProfilesConfig(PROFILES) });
// History as a heavy user has it, written before the host opens it.
fillHistory(join(heavy.home, 'app-data', 'history.sqlite'), HISTORY, (i) =>
  aRun({ time: Date.UTC(2025, 0, 1) + i * 60_000, variables: { id: `o-${i}` } }),
);
// Host start to its ready line, against a bare Node start, alternating.
const hostStarts: number[] = [];
const bareStarts: number[] = [];
for (let run = 0; run < 5; run++) {
  let start = performance.now();
  execFileSync(process.execPath, ['-e', '0']);
  bareStarts.push(performance.now() - start);
  start = performance.now();
  const started = await startWebHostProcess(aws.home, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
  hostStarts.push(performance.now() - start);
  await started.stop();
}
const host = await startWebHostProcess(aws.home, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
const browser = await launchChromium();
const paints: number[] = [];
const ready: number[] = [];
const baseline: number[] = [];
const floor = { coop: [] as number[], none: [] as number[] };
const floorServers = { coop: await startFloorServer(true), none: await startFloorServer(false) };
let idle: { rss: number; peak: number } | undefined;
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh context each time: no cache, like a cold start of the window.
    const context = await browser.newContext();
    const page = await context.newPage();
    // The first profile row's frame, noted in the page: asking afterwards would wait behind the
    // tasks that follow it (the editors' mount) and count them too.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="profile-row"]')) return;
        observer.disconnect();
        requestAnimationFrame((frame) => ((window as { firstRow?: number }).firstRow = frame));
      }).observe(document, { childList: true, subtree: true });
    });
    // A launch code lets one browser in once: each cold context needs a new one.
    await page.goto(run === 0 ? host.url : await host.newLaunchUrl());
    await page.waitForFunction(() => (window as { firstRow?: number }).firstRow !== undefined);
    const timing = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { fcp, ready: (window as { firstRow?: number }).firstRow ?? NaN };
    });
    paints.push(timing.fcp);
    ready.push(timing.ready);
    // Baseline: the same host serving one static file (the favicon) as a document.
    const start = Date.now();
    await page.goto(`${host.origin}/favicon.svg`);
    baseline.push(Date.now() - start);
    await context.close();
    floor.coop.push(await coldPaint(browser, floorServers.coop.url));
    floor.none.push(await coldPaint(browser, floorServers.none.url));
  }
} finally {
  await host.stop();
  floorServers.coop.close();
  floorServers.none.close();
}
// Idle: the heavy home's page has loaded its profiles and history once; what does the host hold?
const heavyHost = await startWebHostProcess(heavy.home, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
try {
  const page = await browser.newPage();
  await page.goto(heavyHost.url);
  await page.getByTestId('profile-list').waitFor({ timeout: 120_000 });
  await page.getByTestId('nav-history').click();
  await page.waitForTimeout(3000);
  const status = readFileSync(`/proc/${heavyHost.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  idle = { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
} finally {
  await browser.close();
  await heavyHost.stop();
}
console.log(
  `web host at idle with ${PROFILES} profiles and ${HISTORY.toLocaleString('en')} history entries: RSS ${idle?.rss.toFixed(0)} MB (peak ${idle?.peak.toFixed(0)} MB); JS heap not read from outside the process`,
);
const meets = (ms: number) => `meets target (< 300 ms): ${ms < 300 ? 'yes' : 'no'}`;
console.log(
  `web host start to ready line: median ${median(hostStarts).toFixed(0)} ms (${(median(hostStarts) / median(bareStarts)).toFixed(1)}× node -e 0 at ${median(bareStarts).toFixed(0)} ms) — ${meets(median(hostStarts))}`,
);
console.log(
  `first contentful paint: median ${median(paints).toFixed(0)} ms — ${meets(median(paints))}`,
);
console.log(
  `200 profiles on screen (the first row's frame): median ${median(ready).toFixed(0)} ms after navigation start`,
);
console.log(`baseline, a static file from the same host: median ${median(baseline).toFixed(0)} ms`);
console.log(
  `floor, the same page and headers from a bare server: first contentful paint median ${median(floor.coop).toFixed(0)} ms (the web host's is ${(median(paints) / median(floor.coop)).toFixed(2)}× it); without Cross-Origin-Opener-Policy ${median(floor.none).toFixed(0)} ms`,
);
