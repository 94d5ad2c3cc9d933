/**
 * The Run button says what main will use for a run — the auth mode, the profile it signs with —
 * because main tells it (`requests.plan`), so the label and the run cannot disagree: a tab
 * that asks for a mode its endpoint no longer enables is told so before it runs, and the run
 * refuses with the same reason. Chromium against the web host and its demo sandbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ENDPOINT_NAME } from '../../main/core/demo/demo-workspace.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';
import { openDemoWorkspace } from './support/workbench-page.ts';

describe('the Run button and main agree on what a run uses (e2e, Chromium)', () => {
  let session: WorkbenchSession;
  let page: Page;
  const runTarget = (text: string) => page.getByTestId('run-target').filter({ hasText: text });

  before(async () => {
    session = await openWorkbench('run-plan');
    page = session.page;
    await openDemoWorkspace(page);
  });

  after(async () => {
    await session?.close();
  });

  test('the primary mode signs with the active profile; another mode is named', async () => {
    await page.locator('[aria-current="true"][data-profile="sandbox-keys"]').waitFor();
    await runTarget(`as sandbox-keys`).waitFor();
    assert.match(
      await page.getByTestId('run-target').innerText(),
      new RegExp(`→ ${DEMO_ENDPOINT_NAME.replace(/[()]/g, '\\$&')}$`),
    );
    await page.getByTestId('auth-mode-select').selectOption('API_KEY');
    await runTarget(`with API_KEY → ${DEMO_ENDPOINT_NAME}`).waitFor();
  });

  test('a mode the endpoint stops enabling is said on the button, and the run refuses it', async () => {
    await page.getByTestId('nav-endpoints').click();
    const item = page.getByTestId('endpoint-item').filter({ hasText: DEMO_ENDPOINT_NAME });
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('endpoint-form');
    // The demo endpoint's modes: AWS_IAM (primary), then API_KEY; the tab asked for API_KEY.
    await form.locator('.mode-row').nth(1).getByRole('button', { name: 'Remove' }).click();
    await form.getByTestId('save-endpoint').click();
    await form.waitFor({ state: 'detached' });

    await page.getByTestId('nav-request').click();
    // Before main said so, the button fell back to the primary mode's profile here.
    await runTarget(`API_KEY is not enabled → ${DEMO_ENDPOINT_NAME}`).waitFor();
    assert.match(
      (await page.getByTestId('run-request').getAttribute('title')) ?? '',
      /does not enable API_KEY; choose one of AWS_IAM/,
    );
    await page.getByTestId('run-request').click();
    const failure = page.getByTestId('request-failure');
    await failure.waitFor();
    assert.match(await failure.innerText(), /does not enable API_KEY; choose one of AWS_IAM/);
  });
});
