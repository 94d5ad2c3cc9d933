/** Steps on the workbench page that several e2e tests share (the editors are CodeMirror). */
import type { Page } from 'playwright-core';

/** Replaces the active tab's query. */
export async function setQuery(page: Page, text: string): Promise<void> {
  await page.getByTestId('query-editor').locator('.cm-content').fill(text);
}

/** The active tab's query as the editor holds it. */
export async function readQuery(page: Page): Promise<string> {
  return page.getByTestId('query-editor').locator('.cm-content').innerText();
}

/** The response body as the viewer shows it (formatted JSON). */
export async function readResponse(page: Page): Promise<string> {
  await page.getByTestId('response-body').locator('.json-viewer[data-status="ready"]').waitFor();
  return page.getByTestId('response-body').locator('.cm-content').innerText();
}

/** Runs the active tab with `query` and waits for this run's answer (not the one on screen). */
export async function runQuery(page: Page, query: string): Promise<string> {
  await setQuery(page, query);
  return runActiveTab(page);
}

/** Runs the active tab as it is; answers the body when the run is done, else ''. */
export async function runActiveTab(page: Page): Promise<string> {
  const response = page.getByTestId('response');
  const before = Number((await response.getAttribute('data-run')) ?? 0);
  await page.getByTestId('run-request').click();
  await page.locator(`[data-testid="response"][data-run="${before + 1}"]`).waitFor();
  return (await response.getAttribute('data-state')) === 'done' ? readResponse(page) : '';
}

/** Opens the demo workspace from the first-run offer; answers the sandbox's GraphQL URL. */
export async function openDemoWorkspace(page: Page): Promise<string> {
  await page.getByTestId('demo-offer').waitFor();
  await Promise.all([page.waitForEvent('load'), page.getByTestId('open-demo').first().click()]);
  await page.getByTestId('demo-banner').waitFor();
  return page.getByTestId('demo-banner').locator('code').innerText();
}
