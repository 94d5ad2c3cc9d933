/**
 * Subscriptions end to end in Chromium against the real web host and its demo sandbox: an IAM-signed
 * subscription started from the editor receives the event of a mutation run in another tab (it
 * keeps running meanwhile), messages are timestamped and expand, pause / clear / stop work; and
 * a stream as fast as this machine can drive it arrives complete (the count equals the events
 * sent) and old messages are dropped visibly from the window's bounded buffer. How long the
 * window's main-thread tasks take meanwhile is a figure: test/bench/stream-window.bench.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createDemoNote } from '../support/demo-notes.ts';
import { openDemoWorkspace, runQuery, setQuery } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

const ON_CREATE = 'subscription OnCreate { onCreateNote { id title } }';
/** The window keeps this many messages per subscription (KEPT_MESSAGES in the renderer). */
const KEPT = 2_000;
const ROWS_RENDERED = 100;

describe('subscriptions in the workbench (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let graphqlUrl: string;

  const stream = () => page.getByTestId('subscription-stream');
  const status = () => page.getByTestId('subscription-status');
  const count = async () =>
    Number(await page.getByTestId('subscription-count').getAttribute('data-count'));
  const waitForStatus = (value: string) =>
    page.locator(`[data-testid="subscription-status"][data-status="${value}"]`).waitFor();

  const createNote = (title: string) => createDemoNote(graphqlUrl, title);

  before(async () => {
    session = await openWorkbench('subscriptions');
    page = session.page;
    graphqlUrl = await openDemoWorkspace(page);
    assert.match(graphqlUrl, /^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });

  after(async () => {
    await session?.close();
  });

  test('a subscription run from the editor receives a mutation made in another tab', async () => {
    await setQuery(page, ON_CREATE);
    await page.getByTestId('run-request').click();
    await waitForStatus('active');
    assert.match(
      await stream().innerText(),
      /AWS_IAM · ws:\/\/127\.0\.0\.1:\d+\/graphql\/realtime/,
    );
    assert.equal(await count(), 0);

    // Another tab runs the mutation; the subscription keeps running meanwhile.
    await page.getByTestId('new-tab').click();
    const body = await runQuery(
      page,
      'mutation { createNote(input: { title: "from the other tab" }) { id title } }',
    );
    assert.match(body, /from the other tab/);
    await page.getByTestId('request-tab').first().click();

    const message = page.getByTestId('stream-message').filter({ hasText: 'from the other tab' });
    await message.waitFor();
    assert.equal(await count(), 1);
    assert.match(await message.innerText(), /\d\d:\d\d:\d\d\.\d{3}\s+#1/);
    await message.getByRole('button').click();
    const expanded = await message.getByTestId('stream-message-body').innerText();
    assert.match(expanded, /"onCreateNote": \{/);
    assert.match(expanded, /"title": "from the other tab"/);
  });

  test('pause freezes the view but keeps counting; clear empties it; stop ends it', async () => {
    await page.getByTestId('subscription-pause').click();
    assert.ok(await createNote('while paused'));
    await page.locator('[data-testid="subscription-count"][data-count="2"]').waitFor();
    assert.equal(await page.getByTestId('stream-message').count(), 1);
    await page.getByTestId('subscription-pause').click();
    await page.getByTestId('stream-message').filter({ hasText: 'while paused' }).waitFor();

    await page.getByTestId('subscription-clear').click();
    assert.equal(await page.getByTestId('stream-message').count(), 0);
    assert.equal(await count(), 2);

    await page.getByTestId('subscription-stop').click();
    await waitForStatus('stopped');
    assert.equal(await page.getByTestId('subscription-stop').count(), 0);
    assert.ok(await createNote('after stop'));
    // Nothing arrives for a stopped subscription.
    await page.waitForTimeout(300);
    assert.equal(await count(), 2);
    assert.match(await status().innerText(), /Stopped/);
  });

  test('a fast stream arrives complete and the window keeps the newest messages', async () => {
    await page.getByTestId('run-request').click();
    await waitForStatus('active');
    assert.equal(await count(), 0);

    // As fast as this machine allows, several clients in parallel, for a few seconds and at
    // least enough events to overflow the window's buffer (a busy machine takes longer).
    let sent = 0;
    let failed = 0;
    const started = Date.now();
    const enough = () => Date.now() - started >= 4_000 && sent >= KEPT + 500;
    await Promise.all(
      Array.from({ length: 12 }, async (_, worker) => {
        for (let i = 0; !enough() && Date.now() - started < 30_000; i += 1) {
          if (await createNote(`fast ${worker}-${i}`)) sent += 1;
          else failed += 1;
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    assert.equal(failed, 0);
    assert.ok(sent > KEPT, `only ${sent} events were sent; the test needs more than ${KEPT}`);

    await page.locator(`[data-testid="subscription-count"][data-count="${sent}"]`).waitFor();
    // Nothing lost in main; the window keeps the newest and says how many older it dropped.
    const dropped = page.getByTestId('subscription-dropped');
    assert.equal(Number(await dropped.getAttribute('data-dropped')), sent - KEPT);
    assert.match(
      await dropped.innerText(),
      new RegExp(`${(sent - KEPT).toLocaleString('en-US')} older messages dropped`),
    );
    assert.equal(await page.getByTestId('stream-message').count(), ROWS_RENDERED);
    assert.equal(
      await page.getByTestId('stream-message').first().getAttribute('data-seq'),
      String(sent),
    );
    console.log(`# ${sent} events in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s)`);

    await page.getByTestId('subscription-stop').click();
    await waitForStatus('stopped');
  });

  test('a reloaded window shows its running subscription again; closing the tab stops it', async () => {
    await page.getByTestId('run-request').click();
    await waitForStatus('active');
    await page.reload();
    await waitForStatus('active');
    assert.ok(await createNote('after reload'));
    await page.getByTestId('stream-message').filter({ hasText: 'after reload' }).waitFor();

    // From the other tab it shows as running elsewhere, until its own tab is closed.
    await page.getByTestId('request-tab').nth(1).click();
    await setQuery(page, ON_CREATE);
    await page.getByTestId('subscriptions-elsewhere').waitFor();
    await page.locator('.tab-close').first().click();
    await page.getByTestId('subscriptions-elsewhere').waitFor({ state: 'detached' });
  });
});
