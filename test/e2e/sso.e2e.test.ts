/**
 * IAM Identity Center in the workbench, end to end: the web host signs in with the device flow
 * against the local SSO-OIDC peer (the code shows in the app, the person approves it in "the
 * browser"), the profile then resolves through the portal, and any account/role of the session
 * can be used as a profile without editing ~/.aws.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startAwsPeers, type AwsPeers } from '../../main/sandbox/aws-peers.ts';
import { ACCOUNTS, START_URL, ssoConfig } from '../core/sso/sso-harness.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

describe('IAM Identity Center sign-in (e2e, Chromium, local SSO peers)', () => {
  let peers: AwsPeers;
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    peers = await startAwsPeers({
      fixture: { sso: { startUrl: START_URL, accounts: ACCOUNTS, pollIntervalSeconds: 1 } },
    });
    const home = await makeAwsHome({ config: ssoConfig() });
    session = await openWorkbench('sso-e2e', {
      home: home.home,
      env: {
        AWS_ENDPOINT_URL_SSO_OIDC: peers.url,
        AWS_ENDPOINT_URL_SSO: peers.url,
        AWS_ENDPOINT_URL_STS: peers.url,
        // The login page is "opened" by a command that does nothing; the test approves instead.
        BROWSER: 'true',
      },
    });
    page = session.page;
    await page.locator('[data-profile="dev"]').click();
    await page.getByTestId('nav-profile').click();
  });

  after(async () => {
    await session?.close();
    await peers?.close();
  });

  test('before signing in, resolving says to sign in to the session', async () => {
    await page.getByRole('button', { name: 'Resolve credentials' }).click();
    const failure = page.getByTestId('credential-failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-code'), 'SSO_LOGIN_REQUIRED');
    // What happened, then once what to do (the advice used to be in the message as well).
    const text = await failure.innerText();
    assert.equal(text.match(/[Ss]ign in to IAM Identity Center/g)?.length, 1, text);
    assert.match(text, /`appsync-workbench sso login --sso-session corp`/);
    const session = page.locator('[data-testid="sso-session"][data-session="corp"]');
    assert.equal(await session.getAttribute('data-status'), 'none');
  });

  test('device sign-in shows the code in the app; approving it signs the session in', async () => {
    await page.getByTestId('sso-login').click();
    const dialog = page.getByTestId('prompt-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-kind'), 'device-code');
    const userCode = (await page.getByTestId('device-user-code').innerText()).trim();
    assert.match(userCode, /^[A-Z0-9-]{4,}$/);
    peers.approveDeviceCode(userCode);
    await page
      .locator('[data-testid="sso-session"][data-session="corp"][data-status="valid"]')
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
  });

  test('the SSO profile now resolves through the portal', async () => {
    await page.getByRole('button', { name: 'Resolve credentials' }).click();
    await page.getByTestId('identity-account').waitFor();
    assert.equal(await page.getByTestId('identity-account').innerText(), '111111111111');
    assert.match(await page.getByTestId('identity-arn').innerText(), /Admin/);
  });

  test('any account and role of the session can be used as a profile', async () => {
    await page.getByTestId('sso-accounts').click();
    await page.getByTestId('sso-account-list').waitFor();
    await page
      .locator('[data-testid="sso-use-role"][data-account="222222222222"][data-role="Developer"]')
      .click();
    const name = 'sso:corp/222222222222/Developer';
    await page.locator(`[aria-current="true"][data-profile="${name}"]`).waitFor();
    await page.getByRole('button', { name: 'Resolve credentials' }).click();
    await page.getByTestId('identity-account').filter({ hasText: '222222222222' }).waitFor();
    assert.match(await page.getByTestId('identity-arn').innerText(), /Developer/);
  });
});
