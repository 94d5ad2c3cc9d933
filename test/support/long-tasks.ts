/**
 * The longest main-thread task of a page (Chromium's Long Tasks API: tasks over 50 ms) from a
 * point on, for the benchmarks that hold the window to a budget.
 */
import type { Page } from 'playwright-core';

/** Runs in the page: (re)starts the record; `buffered` also takes the tasks before it. */
function observe(buffered: boolean): void {
  const w = window as unknown as { longestTask: number };
  w.longestTask = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.longestTask = Math.max(w.longestTask, entry.duration);
  }).observe({ type: 'longtask', buffered });
}

const read = (page: Page) =>
  page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);

/** Starts watching; the returned function reads the longest task since (0 when none). */
export async function watchLongestTask(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(observe, false);
  return () => read(page);
}

/** Watches every page the tab opens from its first script on (call before `goto`). */
export async function watchLongestTaskFromStart(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(observe, true);
  return () => read(page);
}
