/**
 * The first slice end to end: the real web host process with a temporary HOME, Debian's
 * Chromium driving the built renderer. Profiles are listed, searched, chosen, remembered across
 * a reload, a malformed file is explained, and no secret crosses the WebSocket.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startAwsPeers, type AwsPeers } from '../../main/sandbox/aws-peers.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { SharedBrowser } from './support/workbench-session.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789abcdef';

const CONFIG = `[default]
region = us-east-1

[profile ops-admin]
role_arn = arn:aws:iam::333333333333:role/OpsAdmin
source_profile = ops-base
region = eu-central-1

[profile ops-base]
role_arn = arn:aws:iam::222222222222:role/OpsBase
source_profile = keys

[profile prod-readonly]
sso_session = corp
sso_account_id = 444444444444
sso_role_name = ReadOnly
region = eu-west-1

[profile staging-ci]
credential_process = /usr/local/bin/creds staging

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${SECRET}

[keys]
aws_access_key_id = ASIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${SECRET}
aws_session_token = ${SESSION_TOKEN}
`;

async function rowNames(page: Page): Promise<string[]> {
  return page
    .getByTestId('profile-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-profile') ?? ''));
}

describe('profiles in the workbench (e2e, Chromium)', () => {
  let browser: SharedBrowser;
  // The workbench resolves quiet profiles on selection: STS must be the local peer, never AWS.
  let sts: AwsPeers;

  before(async () => {
    browser = await SharedBrowser.launch();
    sts = await startAwsPeers({ fixture: {} });
  });

  after(async () => {
    await browser?.close();
    await sts?.close();
  });

  test('lists, searches, selects, remembers across a reload; no secret crosses IPC', async () => {
    const aws = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const frames: string[] = [];
    const pageErrors: string[] = [];
    const page = await browser.open('profiles', {
      home: aws.home,
      env: { AWS_ENDPOINT_URL: sts.url },
      beforeOpen: (opening) => {
        opening.on('websocket', (ws) => {
          ws.on('framereceived', (frame) => frames.push(String(frame.payload)));
          ws.on('framesent', (frame) => frames.push(String(frame.payload)));
        });
        opening.on('pageerror', (error) => pageErrors.push(error.message));
      },
    });
    await page.getByTestId('profile-row').first().waitFor();
    await page.getByTestId('nav-profile').click();
    assert.equal(new URL(page.url()).search, '', 'the token left the address bar');
    assert.deepEqual(await rowNames(page), [
      'default',
      'keys',
      'ops-admin',
      'ops-base',
      'prod-readonly',
      'staging-ci',
    ]);
    const opsAdmin = page.locator('[data-profile="ops-admin"]');
    assert.equal(await opsAdmin.getByTestId('kind-badge').textContent(), 'role');
    assert.match((await opsAdmin.textContent()) ?? '', /eu-central-1/);
    assert.equal(
      await page.locator('[aria-current="true"]').getAttribute('data-profile'),
      'default',
    );

    await page.getByTestId('profile-search').fill('ops');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="profile-row"]').length === 2,
    );
    assert.deepEqual((await rowNames(page)).sort(), ['ops-admin', 'ops-base']);
    await page.getByTestId('profile-search').fill('sso eu-west');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="profile-row"]').length === 1,
    );
    assert.deepEqual(await rowNames(page), ['prod-readonly']);
    await page.getByTestId('profile-search').fill('');

    await opsAdmin.click();
    await page.locator('[aria-current="true"][data-profile="ops-admin"]').waitFor();
    const hops = await page
      .getByTestId('profile-chain')
      .locator('li')
      .evaluateAll((items) => items.map((item) => item.textContent?.trim()));
    assert.deepEqual(hops, ['ops-admin', 'ops-base', 'keys', 'static keys']);

    await page.reload();
    await page.locator('[aria-current="true"][data-profile="ops-admin"]').waitFor();
    await page.getByTestId('nav-profile').click();
    assert.match(
      await page.getByTestId('active-profile').innerText(),
      /Active profile, chosen by you/,
    );

    assert.ok(frames.length >= 4, 'IPC traffic was captured');
    const traffic = frames.join('\n');
    assert.ok(!traffic.includes(SECRET), 'the secret access key crossed the WebSocket');
    assert.ok(!traffic.includes(SESSION_TOKEN), 'the session token crossed the WebSocket');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  test('a malformed file is named in the UI and the readable profiles still work', async () => {
    const aws = await makeAwsHome({
      config: `[profile good]\nregion = eu-west-1\n\n[profile broken\nregion = us-east-1\n`,
      credentials: '[creds-only]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    });
    const page = await browser.open('profiles-broken', {
      home: aws.home,
      env: { AWS_ENDPOINT_URL: sts.url },
    });
    const problems = page.getByTestId('config-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    assert.ok(text.includes(`${aws.configFile}:4`), text);
    assert.match(text, /not a section header/);
    assert.deepEqual(await rowNames(page), ['creds-only', 'good']);
    await page.locator('[data-profile="good"]').click();
    await page.locator('[aria-current="true"][data-profile="good"]').waitFor();
    await page.close();
  });

  test('5,000 profiles: only the rows in view are in the page; scrolling and search reach the last', async () => {
    const name = (i: number) => `team-${String(i).padStart(4, '0')}`;
    const config = Array.from(
      { length: 5000 },
      (_, i) => `[profile ${name(i)}]\nregion = eu-west-1\n`,
    ).join('\n');
    const page = await browser.open('profiles-many', {
      home: (await makeAwsHome({ config })).home,
      env: { AWS_ENDPOINT_URL: sts.url },
    });
    await page.locator('.sidebar-footer', { hasText: '5000 of 5000 profiles' }).waitFor();
    const rendered = (await rowNames(page)).length;
    assert.ok(rendered > 5 && rendered < 100, `${rendered} rows in the page`);
    assert.equal((await rowNames(page))[0], name(0));

    // The list is as tall as all its rows, so the last one is at the end of the scroll.
    const scroller = page.getByTestId('profile-list').locator('..');
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.locator(`[data-profile="${name(4999)}"]`).waitFor();
    assert.ok((await rowNames(page)).length < 100);
    const last = await page.locator(`[data-profile="${name(4999)}"]`).boundingBox();
    const box = await scroller.boundingBox();
    assert.ok(last && box && last.y + last.height <= box.y + box.height + 1, 'last row in view');

    // A search starts from the top of its matches.
    await page.getByTestId('profile-search').fill('team-4999');
    await page.locator('.sidebar-footer', { hasText: '1 of 5000 profiles' }).waitFor();
    assert.deepEqual(await rowNames(page), [name(4999)]);
    await page.getByTestId('profile-search').fill('');
    await page.locator('.sidebar-footer', { hasText: '5000 of 5000 profiles' }).waitFor();

    // The list is one tab stop, and the keys reach the rows outside the window.
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        const row = element?.closest<HTMLElement>('[data-index]');
        return `${element?.dataset.testid ?? element?.tagName}:${row?.querySelector('[data-profile]')?.getAttribute('data-profile') ?? ''}`;
      });
    await page.getByTestId('profile-search').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), `profile-row:${name(0)}`);
    await page.keyboard.press('End');
    assert.equal(await focused(), `profile-row:${name(4999)}`);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), `profile-row:${name(4998)}`);
    await page.keyboard.press('Home');
    assert.equal(await focused(), `profile-row:${name(0)}`);
    await page.keyboard.press('PageDown');
    assert.match(await focused(), /^profile-row:team-00[1-9]\d$/, 'a page down');
    await page.keyboard.press('Enter');
    await page.locator('.profile-row.active').waitFor();
    const chosen = (await focused()).split(':')[1];
    assert.equal(await page.locator('.profile-row.active').getAttribute('data-profile'), chosen);
    await page.getByTestId('profile-search').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focused(), `profile-row:${chosen}`, 'Tab enters at the row last focused');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), `pin-toggle:${chosen}`);
    await page.keyboard.press('Tab');
    assert.doesNotMatch(
      await focused(),
      /^(profile-row|pin-toggle):/,
      'the next Tab leaves the list',
    );
    await page.close();
  });

  test('a chain looping through 2,000 profiles shows its first hops, how many more, its last', async () => {
    const name = (i: number) => `p${String(i).padStart(4, '0')}`;
    const config = Array.from(
      { length: 2000 },
      (_, i) =>
        `[profile ${name(i)}]\nrole_arn = arn:aws:iam::1:role/R${i}\nsource_profile = ${name((i + 1) % 2000)}\n`,
    ).join('\n');
    const aws = await makeAwsHome({ config });
    const page = await browser.open('profiles-loop', {
      home: aws.home,
      env: { AWS_ENDPOINT_URL: sts.url, AWS_PROFILE: name(0) },
    });
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('chain-omitted').waitFor();
    // The resolved hops (each profile once) replace the listed chain once they are loaded.
    await page.getByTestId('chain-hop').first().waitFor();
    const items = await page
      .getByTestId('profile-chain')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.textContent?.trim()));
    assert.deepEqual(items, [
      ...Array.from({ length: 8 }, (_, i) => name(i)),
      '…and 1,991 more hops',
      name(1999),
    ]);
    assert.match(
      await page.getByTestId('chain-problem').innerText(),
      /loops back to "p0001" \(p0000 → .* → p0007 → …and 1,993 more hops → p0001\)/,
    );
    await page.close();
  });
});
