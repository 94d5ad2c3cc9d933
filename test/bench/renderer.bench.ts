/**
 * The renderer in Chromium from the web host (issue 5's figures), printed against budgets:
 * first contentful paint and the time until the profile list is on screen, over several cold
 * page loads; plus, as a same-run baseline, a static page served by the same host.
 * Run after `npm run build`: node test/bench/renderer.bench.ts
 */
import { launchChromium } from '../support/chromium.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { startWebHostProcess } from '../support/web-host-process.ts';

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const config = Array.from(
  { length: 200 },
  (_, i) =>
    `[profile team-${i}]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n`,
).join('\n');
const aws = await makeAwsHome({ config });
const host = await startWebHostProcess(aws.home, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
const browser = await launchChromium();
const paints: number[] = [];
const ready: number[] = [];
const baseline: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh context each time: no cache, like a cold start of the window.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByTestId('profile-row').first().waitFor();
    const timing = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { fcp, ready: performance.now() };
    });
    paints.push(timing.fcp);
    ready.push(timing.ready);
    // Baseline: the same host serving one static file (the favicon) as a document.
    const start = Date.now();
    await page.goto(`${host.origin}/favicon.svg`);
    baseline.push(Date.now() - start);
    await context.close();
  }
} finally {
  await browser.close();
  await host.stop();
}
console.log(
  `first contentful paint: median ${median(paints).toFixed(0)} ms (budget 500 ms: ${(500 / median(paints)).toFixed(1)}× headroom)`,
);
console.log(`200 profiles on screen: median ${median(ready).toFixed(0)} ms after navigation start`);
console.log(`baseline, a static file from the same host: median ${median(baseline).toFixed(0)} ms`);
