/**
 * Credentials in the workbench, end to end: the real web host resolves profiles against the
 * local STS (which verifies every signature), Chromium shows who each profile is, asks for an
 * MFA code in the app's dialog, and names the hop that failed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { AwsPeers } from '../../main/sandbox/aws-peers.ts';
import {
  ACCOUNT,
  MFA_SERIAL,
  awsHome,
  peerEnv,
  startPeers,
  stsCalls,
} from '../core/credentials/credential-fixtures.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

async function choose(page: Page, profile: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('switcher-input').fill(profile);
  await page.locator(`[data-testid="switcher-row"][data-profile="${profile}"]`).click();
  await page.locator(`[aria-current="true"][data-profile="${profile}"]`).waitFor();
}

describe('credentials in the workbench (e2e, Chromium, local STS)', () => {
  let peers: AwsPeers;
  let session: WorkbenchSession;
  let page: Page;

  before(async () => {
    peers = await startPeers();
    const home = await awsHome(peers);
    session = await openWorkbench('credentials-e2e', { home: home.home, env: peerEnv(peers) });
    page = session.page;
    await page.getByTestId('profile-row').first().waitFor();
    await page.getByTestId('nav-profile').click();
  });

  after(async () => {
    await session?.close();
    await peers?.close();
  });

  test('a role chain resolves on selection and shows account, ARN and expiry', async () => {
    await choose(page, 'ops-admin');
    await page.getByTestId('identity-account').waitFor();
    assert.equal(await page.getByTestId('identity-account').innerText(), ACCOUNT);
    assert.match(
      await page.getByTestId('identity-arn').innerText(),
      /assumed-role\/admin\/ops-admin-session$/,
    );
    assert.match(await page.getByTestId('identity-expiry').innerText(), /^in \d+:\d\d|^in \d+ h/);
    const hops = await page.getByTestId('chain-hop').allInnerTexts();
    assert.deepEqual(
      hops.map((h) => h.replace(/^→\s*/, '').trim()),
      ['ops-admin', 'ops-base', 'keys'],
    );
  });

  test('a cancelled MFA prompt cancels the resolution, and no STS call is made for it', async () => {
    await choose(page, 'mfa-top');
    const before = stsCalls(peers).length;
    await page.getByRole('button', { name: 'Resolve credentials' }).click();
    await page.getByTestId('prompt-dialog').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const failure = page.getByTestId('credential-failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-code'), 'PROMPT_CANCELLED');
    // Nothing was sent with a code after the cancel.
    assert.ok(
      stsCalls(peers)
        .slice(before)
        .every((call) => call.tokenCode === undefined),
    );
  });

  test('an MFA hop asks in the app, names the device, and the code goes to STS', async () => {
    await choose(page, 'mfa-mid');
    assert.equal(
      await page.getByTestId('identity-account').count(),
      0,
      'MFA profiles wait for the user',
    );
    await page.getByRole('button', { name: 'Resolve credentials' }).click();
    const dialog = page.getByTestId('prompt-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-kind'), 'mfa');
    assert.equal(await page.getByTestId('mfa-serial').innerText(), MFA_SERIAL);
    await page.getByTestId('mfa-code').fill('123456');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('identity-arn').waitFor();
    assert.match(await page.getByTestId('identity-arn').innerText(), /assumed-role\/mfa-role\//);
    const withMfa = stsCalls(peers).filter((call) => call.serialNumber === MFA_SERIAL);
    assert.deepEqual(
      withMfa.map((call) => [call.tokenCode, call.outcome]),
      [['123456', 'ok']],
    );
  });

  test('a refused hop is named, with AWS’s answer and what to do next', async () => {
    await choose(page, 'locked-top');
    const failure = page.getByTestId('credential-failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-code'), 'ASSUME_ROLE_DENIED');
    const text = await failure.innerText();
    assert.match(text, /AccessDenied/);
    assert.match(text, /hop 1 of 3/);
    const next = await page.getByTestId('failure-next').innerText();
    assert.ok(next.length > 10);
    // Each thing once: AWS's answer and the advice are not repeated in the card.
    assert.equal(text.split(next).length - 1, 1, `the advice is said once in: ${text}`);
    assert.equal(text.split('AccessDenied').length - 1, 1, `AWS's code is said once in: ${text}`);
    assert.equal(await page.locator('[data-testid="chain-hop"].failed').count(), 1);
  });

  test('forget drops the credentials; the next resolution calls STS again', async () => {
    await choose(page, 'ops-admin');
    await page.getByTestId('identity-account').waitFor();
    await page.getByRole('button', { name: 'Forget credentials' }).click();
    await page.getByTestId('identity-account').waitFor({ state: 'detached' });
    const before = stsCalls(peers).length;
    await page.getByRole('button', { name: 'Resolve credentials' }).click();
    await page.getByTestId('identity-account').waitFor();
    assert.ok(stsCalls(peers).length > before);
  });
});
