/**
 * The quick switcher as ops staff use it: Ctrl+K over hundreds of profiles, fuzzy typing,
 * Enter to switch, favourites and recents first, and a banner while production is active.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startAwsPeers, type AwsPeers } from '../../main/sandbox/aws-peers.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

function manyProfiles(count: number): string {
  const teams = ['orders', 'payments', 'search', 'identity', 'billing'];
  const stages = ['dev', 'staging', 'prod'];
  const out = ['[default]\nregion = us-east-1\n'];
  for (let i = 0; i < count; i++) {
    const team = teams[i % teams.length];
    const stage = stages[Math.floor(i / teams.length) % stages.length];
    out.push(
      `[profile ${team}-${stage}-${i}]\nrole_arn = arn:aws:iam::${String(100000000000 + i)}:role/Ops\nsource_profile = default\nregion = eu-west-1\n`,
    );
  }
  out.push(
    '[profile payments-orders-prod]\nrole_arn = arn:aws:iam::999999999999:role/Admin\nsource_profile = default\n',
  );
  return out.join('\n');
}

let session: WorkbenchSession;
let sts: AwsPeers;

before(async () => {
  const aws = await makeAwsHome({
    config: manyProfiles(400),
    credentials: '[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
  });
  sts = await startAwsPeers({ fixture: {} });
  session = await openWorkbench('switcher', { home: aws.home, env: { AWS_ENDPOINT_URL: sts.url } });
});

after(async () => {
  await session?.close();
  await sts?.close();
});

test('Ctrl+K, fuzzy type, Enter switches; production shows a banner', async () => {
  const { page } = session;
  await page.getByTestId('profile-row').first().waitFor();
  assert.equal(await page.getByTestId('production-banner').count(), 0);

  await page.keyboard.press('Control+k');
  const input = page.getByTestId('switcher-input');
  await input.waitFor();
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'the input has focus');
  await input.pressSequentially('payordprod');
  const first = page.getByTestId('switcher-row').first();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="switcher-row"]')?.getAttribute('data-profile') ===
      'payments-orders-prod',
  );
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  await page.getByTestId('quick-switcher').waitFor({ state: 'detached' });
  await page.locator('[aria-current="true"][data-profile="payments-orders-prod"]').waitFor();
  assert.match(await page.getByTestId('production-banner').innerText(), /payments-orders-prod/);

  await page.keyboard.press('Control+k');
  await page.keyboard.press('Escape');
  await page.getByTestId('quick-switcher').waitFor({ state: 'detached' });
  await page.close();
});

test('pinned then recent profiles come first when nothing is typed', async () => {
  const page = await session.browser.newPage();
  await page.goto(await session.host.newLaunchUrl());
  await page.getByTestId('profile-search').fill('search-staging-7');
  await page.locator('[data-profile="search-staging-7"] ~ [data-testid="pin-toggle"]').click();
  await page.locator('[data-profile="search-staging-7"] ~ [aria-pressed="true"]').waitFor();
  await page.getByTestId('profile-search').fill('');

  await page.keyboard.press('Control+k');
  await page.getByTestId('switcher-input').pressSequentially('identity dev');
  await page.keyboard.press('ArrowDown');
  const chosen = await page
    .locator('[data-testid="switcher-row"][aria-selected="true"]')
    .getAttribute('data-profile');
  assert.ok(chosen?.startsWith('identity-dev-'), String(chosen));
  await page.keyboard.press('Enter');
  await page.locator(`[aria-current="true"][data-profile="${chosen}"]`).waitFor();

  await page.keyboard.press('Control+k');
  await page.getByTestId('switcher-row').first().waitFor();
  const order = await page
    .getByTestId('switcher-row')
    .evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-profile')));
  assert.deepEqual(order.slice(0, 3), ['search-staging-7', chosen, 'payments-orders-prod']);
  await page.close();
});

test('the command palette (Ctrl+Shift+P) reaches every view by keyboard', async () => {
  const page = await session.browser.newPage();
  await page.goto(await session.host.newLaunchUrl());
  await page.getByTestId('profile-row').first().waitFor();
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('palette-input').pressSequentially('go hist');
  await page.keyboard.press('Enter');
  await page.getByTestId('command-palette').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('nav-history').getAttribute('aria-current'), 'page');
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('palette-input').pressSequentially('switch prof');
  await page.keyboard.press('Enter');
  await page.getByTestId('quick-switcher').waitFor();
  await page.close();
});
