/**
 * API discovery in the workbench, end to end: the web host's AppSync control plane is moto
 * (pointed at the standard way, AWS_ENDPOINT_URL_APPSYNC), APIs created there with boto3; the
 * user picks regions for the active static-keys profile, sees the APIs with their auth modes
 * and URLs, and adds one as an endpoint in one click with its modes preselected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CHAT_EVENT_API, startMotoEventApiProxy } from '../support/moto-event-api-proxy.ts';
import { startMoto, type MotoServer } from '../support/moto-server.ts';
import { openWorkbenchAsMoto } from './support/moto-workbench.ts';
import type { WorkbenchSession } from './support/workbench-session.ts';

describe('API discovery in the workbench (e2e, Chromium, moto)', () => {
  let moto: MotoServer;
  let proxy: { url: string; close(): Promise<void> };
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    moto = await startMoto();
    await moto.python(`
eu = boto('appsync', 'eu-west-1')
eu.create_graphql_api(name='orders', authenticationType='AWS_IAM',
  additionalAuthenticationProviders=[{'authenticationType': 'API_KEY'}])
eu.create_graphql_api(name='users', authenticationType='AMAZON_COGNITO_USER_POOLS',
  userPoolConfig={'userPoolId': 'eu-west-1_abc', 'awsRegion': 'eu-west-1', 'defaultAction': 'ALLOW'})
${CHAT_EVENT_API}
us = boto('appsync', 'us-east-1')
us.create_graphql_api(name='search', authenticationType='OPENID_CONNECT',
  openIDConnectConfig={'issuer': 'https://id.example'})
`);
    proxy = await startMotoEventApiProxy(moto.url);
    session = await openWorkbenchAsMoto('discovery-e2e', moto, 'eu-west-1', {
      AWS_ENDPOINT_URL_APPSYNC: proxy.url,
    });
    page = session.page;
    await page.getByTestId('nav-endpoints').click();
  });

  after(async () => {
    await session?.close();
    await proxy?.close();
    await moto?.close();
  });

  test("lists the account's APIs in the regions picked, with auth modes and URLs", async () => {
    await page.getByTestId('discover-toggle').click();
    // The profile's own region is picked to begin with.
    await page.locator('[data-testid="discover-region"][value="eu-west-1"]:checked').waitFor({
      timeout: 5000,
    });
    await page.locator('[data-testid="discover-region"][value="us-east-1"]').check();
    await page.getByTestId('discover-run').click();
    await page.getByTestId('discover-summary').waitFor();
    assert.match(
      await page.getByTestId('discover-summary').innerText(),
      /3 APIs for moto in 2 of 2 regions/,
    );
    const orders = page.locator('[data-testid="discovered-api"][data-api="orders"]');
    const text = await orders.innerText();
    assert.match(text, /eu-west-1/);
    assert.match(text, /AWS_IAM\s+API_KEY/);
    // moto's GraphQL URL is a placeholder (http://graphql.uri); AppSync's is a real one.
    assert.match(text, /^https?:\/\/\S+$/m);
    assert.match(text, /wss?:\/\/\S+/, 'the real-time URL is shown');
    assert.match(
      await page.locator('[data-testid="discovered-api"][data-api="search"]').innerText(),
      /us-east-1[\s\S]*OPENID_CONNECT/,
    );
    assert.equal(await page.getByTestId('discover-failure').count(), 0);
  });

  test('one click adds an API as an endpoint with its auth modes preselected', async () => {
    const orders = page.locator('[data-testid="discovered-api"][data-api="orders"]');
    await orders.getByTestId('discover-add').click();
    await orders.getByTestId('discover-added').waitFor();
    const item = page.getByTestId('endpoint-item').filter({ hasText: 'orders' });
    await item.waitFor();
    assert.match(await item.innerText(), /AWS_IAM \+ API_KEY/);

    // IAM signs with the profile that found the API, in the API's region.
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('endpoint-form');
    assert.equal(await form.getByLabel('Profile').first().inputValue(), 'moto');
    assert.equal(await form.getByTestId('mode-region').first().inputValue(), 'eu-west-1');
  });

  test('an Event API is listed with its namespaces and added as an Event API endpoint', async () => {
    await page.getByTestId('endpoint-form').getByRole('button', { name: 'Cancel' }).click();
    const chat = page.locator('[data-testid="discovered-event-api"][data-api="chat"]');
    const text = await chat.innerText();
    assert.match(text, /eu-west-1 · \w+ · Event API/);
    assert.match(text, /API_KEY\s+AWS_IAM/);
    assert.match(text, /https:\/\/\w+\.appsync-api\.eu-west-1\.amazonaws\.com\/event/);
    assert.match(
      await chat.locator('[data-namespace="alerts"]').innerText(),
      /\/alerts\s+publish API_KEY · subscribe AWS_IAM/,
    );
    assert.match(
      await chat.locator('[data-namespace="default"]').innerText(),
      /\/default\s+publish AWS_IAM · subscribe API_KEY, AWS_IAM/,
    );
    await chat.getByTestId('discover-add-event-api').click();
    await chat.getByTestId('discover-event-added').waitFor();
    const item = page.getByTestId('endpoint-item').filter({ hasText: 'chat' });
    assert.match(await item.innerText(), /\/event[\s\S]*API_KEY \+ AWS_IAM/);
    assert.equal(await item.getByTestId('endpoint-kind').innerText(), 'Event API');
    await item.getByTestId('open-channels').click();
    await page.getByTestId('events-view').waitFor();
    assert.match(await page.getByTestId('events-urls').innerText(), /appsync-realtime-api/);
    await page.getByTestId('nav-endpoints').click();
    await page.getByTestId('discover-toggle').click();
  });

  test('a typed region that is not one is refused with the reason', async () => {
    await page.getByTestId('discover-others').fill('moon-1');
    await page.getByTestId('discover-run').click();
    // Not a region at all: refused before anything is asked of AWS, with the reason.
    await page.getByTestId('discover-error').waitFor();
    assert.match(await page.getByTestId('discover-error').innerText(), /an AWS region like/);
  });
});
