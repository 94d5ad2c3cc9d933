/**
 * The longest main-thread task of a page (Chromium's Long Tasks API: tasks over 50 ms) from a
 * point on, for the benchmarks that hold the window to a budget.
 */
import type { Page } from 'playwright-core';

/** Starts watching; the returned function reads the longest task since (0 when none). */
export async function watchLongestTask(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { longestTask: number };
    w.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.longestTask = Math.max(w.longestTask, entry.duration);
    }).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
}
