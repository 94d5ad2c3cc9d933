/**
 * AppSync Events end to end in Chromium against the real web host and its demo sandbox: an
 * Event API URL typed into the endpoint form is recognised (its real-time URL derived) and
 * opens the channel view; a subscription to `/default/*` receives one event published over
 * HTTP and one over the WebSocket; what a publish may not be is said inline as it is typed; a
 * namespace that refuses the auth mode says so in the view; history lists the publishes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createDemoFixture } from '../../main/sandbox/demo-fixture.ts';
import { addApiKeyEndpoint } from './support/endpoint-form.ts';
import { openDemoWorkspace } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

/** The demo API key is a fixed, fake constant of the sandbox (it works only on 127.0.0.1). */
const DEMO_API_KEY = createDemoFixture(0).apiKey.value;

describe('AppSync Events in the workbench (e2e, Chromium, demo sandbox)', () => {
  let session: WorkbenchSession;
  let page: Page;
  let eventUrl: string;

  const publishForm = () => page.getByTestId('publish-form');
  const stream = (channel: string) =>
    page.locator(`[data-testid="channel-stream"][data-channel="${channel}"]`);

  const publish = async (channel: string, events: string, transport: 'http' | 'websocket') => {
    await publishForm().getByTestId('publish-channel').fill(channel);
    await publishForm().getByTestId('publish-events').fill(events);
    await publishForm().getByTestId(`publish-transport-${transport}`).check();
    await publishForm().getByTestId('publish-run').click();
  };

  before(async () => {
    session = await openWorkbench('events-e2e');
    page = session.page;
    const graphqlUrl = await openDemoWorkspace(page);
    eventUrl = graphqlUrl.replace(/\/graphql$/, '/event');
    assert.match(eventUrl, /^http:\/\/127\.0\.0\.1:\d+\/event$/);
  });

  after(async () => {
    await session?.close();
  });

  test('an Event API endpoint (typed in the form, or chosen in a tab) opens the channel view', async () => {
    await page.getByTestId('nav-endpoints').click();
    await page.getByTestId('add-endpoint').click();
    await page
      .getByTestId('endpoint-url')
      .fill('https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/event');
    assert.match(
      await page.getByTestId('endpoint-event-api').innerText(),
      /wss:\/\/abcdefghijklmnopqrstuvwxyz\.appsync-realtime-api\.eu-west-1\.amazonaws\.com\/event\/realtime/,
    );
    await page.getByTestId('endpoint-url').fill('https://api.example.com/graphql');
    await page.getByTestId('endpoint-event-api').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A user's own Event API endpoint (the sandbox's, with the demo key) is one too.
    await addApiKeyEndpoint(page, { name: 'My events', url: eventUrl, apiKey: DEMO_API_KEY });
    const mine = page.getByTestId('endpoint-item').filter({ hasText: 'My events' });
    assert.equal(await mine.getByTestId('endpoint-kind').innerText(), 'Event API');
    const notes = page.getByTestId('endpoint-item').filter({ hasText: 'Sandbox notes API' });
    assert.equal(await notes.getByTestId('open-channels').count(), 0, 'GraphQL opens no channels');

    // Chosen in a request tab, an Event API offers its channels instead of the GraphQL editor.
    await page.getByTestId('nav-request').click();
    await page.getByTestId('endpoint-select').selectOption({ label: 'My events' });
    await page.getByTestId('event-api-tab').waitFor();
    assert.equal(await page.getByTestId('query-editor').count(), 0);
    await page.getByTestId('tab-open-channels').click();
    assert.equal(
      await page.getByTestId('events-endpoint').locator('option:checked').innerText(),
      'My events',
    );
    await page.getByTestId('nav-request').click();
    await page
      .getByTestId('tab-other-endpoint')
      .selectOption({ label: 'Sandbox notes API (demo)' });
    await page.getByTestId('query-editor').waitFor();

    await page.getByTestId('nav-endpoints').click();
    const demo = page.getByTestId('endpoint-item').filter({ hasText: 'Sandbox Event API (demo)' });
    await demo.getByTestId('open-channels').click();
    await page.getByTestId('events-view').waitFor();
    assert.match(
      await page.getByTestId('events-urls').innerText(),
      /\/event · real time ws:\/\/127\.0\.0\.1:\d+\/event\/realtime · API_KEY \+ AWS_IAM \+ AWS_LAMBDA/,
    );
    assert.equal(
      await page.getByTestId('events-endpoint').locator('option:checked').innerText(),
      'Sandbox Event API (demo)',
    );
  });

  test('a /default/* subscription receives events published over HTTP and over the WebSocket', async () => {
    await page.getByTestId('subscribe-channel').fill('/default/*');
    await page.getByTestId('subscribe-run').click();
    const defaults = stream('/default/*');
    await defaults.locator('[data-testid="subscription-status"][data-status="active"]').waitFor();
    assert.match(await defaults.innerText(), /API_KEY · ws:\/\/127\.0\.0\.1:\d+\/event\/realtime/);

    await publish('/default/chat', '{"via": "http", "text": "hello"}', 'http');
    const result = page.getByTestId('publish-result');
    await page.locator('[data-testid="publish-result"][data-successful="1"]').waitFor();
    assert.match(await result.innerText(), /1 of 1 accepted on \/default\/chat over HTTP/);
    assert.equal(
      await result.locator('[data-testid="publish-event-result"][data-ok="true"]').count(),
      1,
    );

    await page.getByTestId('publish-auth-mode').selectOption('AWS_IAM');
    await publish('/default/room-2', '{"via": "websocket"}', 'websocket');
    await page
      .locator('[data-testid="publish-result"]', { hasText: 'over the WebSocket' })
      .waitFor();
    assert.match(await result.innerText(), /1 of 1 accepted on \/default\/room-2.*AWS_IAM/);

    await defaults.getByTestId('stream-message').filter({ hasText: '"via":"http"' }).waitFor();
    await defaults.getByTestId('stream-message').filter({ hasText: '"via":"websocket"' }).waitFor();
    assert.equal(await defaults.getByTestId('subscription-count').getAttribute('data-count'), '2');

    // The same stream view as GraphQL subscriptions: pause, clear, stop.
    await defaults.getByTestId('subscription-clear').click();
    assert.equal(await defaults.getByTestId('stream-message').count(), 0);
    await defaults.getByTestId('subscription-stop').click();
    await defaults.locator('[data-testid="subscription-status"][data-status="stopped"]').waitFor();
  });

  test('what a publish may not be is said as it is typed, and nothing is sent', async () => {
    await publishForm().getByTestId('publish-channel').fill('/default/*');
    assert.match(
      await page.getByTestId('publish-channel-problem').innerText(),
      /a publish names one channel: no wildcard/,
    );
    await publishForm().getByTestId('publish-channel').fill('/default/chat');
    await page.getByTestId('publish-channel-problem').waitFor({ state: 'detached' });

    await publishForm().getByTestId('publish-events').fill('[1, 2, 3, 4, 5, 6]');
    assert.match(
      await page.getByTestId('publish-events-problem').innerText(),
      /at most 5 events go in one publish, not 6/,
    );
    assert.equal(await publishForm().getByTestId('publish-run').isDisabled(), true);
    await publishForm().getByTestId('publish-events').fill('{"a": 1}\n{"b": 2}\nnot json');
    assert.match(
      await page.getByTestId('publish-events-problem').innerText(),
      /line 3 is not JSON/,
    );
    await publishForm().getByTestId('publish-events').fill('{"a": 1}\n{"b": 2}');
    await page.getByTestId('publish-events-problem').waitFor({ state: 'detached' });
    assert.equal(await publishForm().getByTestId('publish-run').innerText(), 'Publish 2 events');
  });

  test('a namespace that does not allow the auth mode gives a clear error in the view', async () => {
    await page.getByTestId('publish-auth-mode').selectOption({ index: 0 });
    await publish('/iam/jobs', '{"job": 1}', 'http');
    const error = page.getByTestId('publish-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-code'), 'UNAUTHORIZED');
    assert.match(
      await error.innerText(),
      /publish to \/iam\/jobs was refused.*Namespace "iam" may not let API_KEY publish/,
    );

    await page.getByTestId('subscribe-channel').fill('/iam/*');
    await page.getByTestId('subscribe-run').click();
    const refused = stream('/iam/*');
    await refused.locator('[data-testid="subscription-status"][data-status="failed"]').waitFor();
    assert.match(
      await refused.getByTestId('subscription-error').innerText(),
      /subscription to \/iam\/\* was refused.*Namespace "iam" may not let API_KEY subscribe/,
    );
  });

  test('history shows the publishes and the subscription, kind and channel', async () => {
    await page.getByTestId('nav-history').click();
    const entry = (text: string) => page.getByTestId('history-entry').filter({ hasText: text });
    await entry('publish /default/chat').waitFor();
    await entry('publish /default/room-2').waitFor();
    assert.match(await entry('publish /iam/jobs').innerText(), /401|error/);
    await entry('subscribe /default/*').waitFor();

    // Opening a publish leads back to the channel view of its Event API, not to a GraphQL tab.
    await entry('publish /default/chat').getByTestId('history-open').click();
    await page.getByTestId('events-view').waitFor();
    assert.equal(
      await page.getByTestId('events-endpoint').locator('option:checked').innerText(),
      'Sandbox Event API (demo)',
    );
  });
});
