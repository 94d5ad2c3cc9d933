import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { fromSSO } from '@aws-sdk/credential-providers';
import { SsoTokenCache } from '../../../main/core/sso/sso-token-cache.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  approveInBrowser,
  makeHarness,
  ssoConfigWithServices,
  START_URL,
  ssoCalls,
  type Harness,
} from './sso-harness.ts';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const CLI_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const actions = (h: Harness) =>
  ssoCalls(h).map((c) => `${c.action}${c.outcome === 'ok' ? '' : `:${c.outcome}`}`);

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('SSO device login', () => {
  test('shows the code, opens the browser, caches the token as the CLI does; the AWS SDK uses it', async () => {
    const h = (harness = await makeHarness({ env: {} }));
    // The endpoints come from the config file's [services] section, as the SDK reads them.
    await writeFile(h.home.configFile, ssoConfigWithServices(h.peers.url));
    h.onWait = (index) => {
      if (index === 1) h.peers.approveDeviceCode(h.prompts[0]!.userCode!);
    };

    const session = await h.service.login({ profile: 'dev' }, { flow: 'device' });

    assert.equal(session.status, 'valid');
    assert.equal(session.name, 'corp');
    assert.match(h.prompts[0]!.userCode!, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(h.opened[0], h.prompts[0]!.verificationUriComplete);
    assert.ok(h.promptSignals[0]!.aborted, 'the code disappears once the login is over');
    assert.deepEqual(actions(h), [
      'RegisterClient',
      'StartDeviceAuthorization',
      'CreateToken:AuthorizationPendingException',
      'ApproveDeviceCode',
      'CreateToken',
    ]);
    assert.deepEqual(h.waits, [1000, 1000]);

    const file = JSON.parse(
      await readFile(join(h.home.home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`), 'utf8'),
    ) as Record<string, string>;
    assert.deepEqual(Object.keys(file).sort(), [
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    assert.equal(file.startUrl, START_URL);
    assert.equal(file.region, 'eu-west-1');
    assert.match(file.expiresAt!, CLI_TIME);
    assert.match(file.registrationExpiresAt!, CLI_TIME);
    assert.equal(session.expiresAt, new Date(file.expiresAt!).toISOString());
    assert.ok(!JSON.stringify(session).includes(file.accessToken!), 'no token in the DTO');

    // The real SDK resolves role credentials from our cache file (it finds it through HOME).
    const savedHome = process.env.HOME;
    process.env.HOME = h.home.home;
    try {
      const credentials = await fromSSO({
        profile: 'dev',
        configFilepath: h.home.configFile,
        filepath: h.home.credentialsFile,
        ignoreCache: true,
        clientConfig: { endpoint: h.peers.url },
      })();
      const identity = h.peers.identities.lookup(credentials.accessKeyId);
      assert.equal(identity?.accountId, '111111111111');
      assert.match(identity?.arn ?? '', /assumed-role\/AWSReservedSSO_Admin_/);
    } finally {
      process.env.HOME = savedHome;
    }
  });

  test('slow_down adds 5 seconds to the polling interval from then on', async () => {
    const h = (harness = await makeHarness());
    // The first wait ends early (a laptop waking up, say): the service answers slow_down.
    h.advance = (index, ms) => (index === 1 ? 200 : ms);
    h.onWait = (index) => {
      if (index === 3) h.peers.approveDeviceCode(h.prompts[0]!.userCode!);
    };
    await h.service.login({ session: 'corp' }, { flow: 'device' });
    assert.deepEqual(h.waits, [1000, 1000, 6000, 6000]);
    const polls = actions(h).filter((a) => a.startsWith('CreateToken'));
    assert.deepEqual(polls, [
      'CreateToken:AuthorizationPendingException',
      'CreateToken:SlowDownException',
      'CreateToken:AuthorizationPendingException',
      'CreateToken',
    ]);
  });

  test('a device code nobody approves expires with a clear error and no token', async () => {
    const h = (harness = await makeHarness({ sso: { deviceCodeSeconds: 5 } }));
    await assert.rejects(
      h.service.login({ session: 'corp' }, { flow: 'device' }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'SSO_LOGIN_FAILED' &&
        /device code expired/.test(error.message),
    );
    assert.equal((await h.service.sessions()).find((s) => s.name === 'corp')?.status, 'none');
  });

  test('denying in the browser fails the login and says so', async () => {
    const h = (harness = await makeHarness());
    h.onWait = async (index) => {
      if (index !== 0) return;
      const form = new URLSearchParams({ user_code: h.prompts[0]!.userCode!, decision: 'deny' });
      await fetch(new URL('/device', h.peers.url), { method: 'POST', body: form });
    };
    await assert.rejects(
      h.service.login({ session: 'corp' }, { flow: 'device' }),
      (error: unknown) => error instanceof AppError && /denied/.test(error.message),
    );
  });

  test('cancelling stops polling and closes the code prompt', async () => {
    const h = (harness = await makeHarness());
    const controller = new AbortController();
    h.onWait = (index) => {
      if (index === 2) controller.abort();
    };
    await assert.rejects(
      h.service.login({ session: 'corp' }, { flow: 'device', signal: controller.signal }),
      (error: unknown) => error instanceof AppError && error.code === 'CANCELLED',
    );
    assert.ok(h.promptSignals[0]!.aborted);
    const polls = actions(h).filter((a) => a.startsWith('CreateToken')).length;
    assert.equal(polls, 2);
  });

  test('a second login reuses the cached client registration, as the CLI does', async () => {
    const h = (harness = await makeHarness());
    h.onWait = (_, __) => {
      const prompt = h.prompts.at(-1);
      if (prompt) {
        try {
          h.peers.approveDeviceCode(prompt.userCode!);
        } catch {
          // already approved
        }
      }
    };
    await h.service.login({ session: 'corp' }, { flow: 'device' });
    await h.service.login({ session: 'corp' }, { flow: 'device' });
    assert.equal(actions(h).filter((a) => a === 'RegisterClient').length, 1);
  });
});

describe('SSO authorization-code login (PKCE)', () => {
  test('the authorization-code flow with PKCE signs in through the loopback redirect', async () => {
    const h = (harness = await makeHarness());
    h.browser = (url) => approveInBrowser(url);
    const session = await h.service.login({ session: 'corp' }, { flow: 'pkce' });
    assert.equal(session.status, 'valid');
    const url = new URL(h.opened[0]!);
    assert.equal(`${url.origin}${url.pathname}`, `${h.peers.url}/authorize`);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    // The person is shown where to sign in, with no code to compare (the flow has none).
    assert.equal(h.prompts[0]!.userCode, null);
    assert.equal(h.prompts[0]!.verificationUri, h.opened[0]);
    assert.match(
      url.searchParams.get('redirect_uri') ?? '',
      /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/,
    );
    assert.deepEqual(
      actions(h).filter((a) => a !== 'Authorize'),
      ['RegisterClient', 'CreateToken'],
    );
    assert.equal(ssoCalls(h).at(-1)?.grantType, 'authorization_code');
    // The page waited for the token, so it tells the truth.
    assert.match(String(await h.pages[0]), /Signed in/);
    // The loopback listener is gone once the login is over.
    await assert.rejects(fetch(url.searchParams.get('redirect_uri')!));

    // The registration is cached where `aws sso login` looks for it, in its format.
    const registration = (await new SsoTokenCache(h.home.home).readRegistration({
      startUrl: START_URL,
      region: 'eu-west-1',
      scopes: ['sso:account:access'],
      sessionName: 'corp',
    }))!;
    assert.equal(registration.clientId, url.searchParams.get('client_id'));
    assert.deepEqual(registration.grantTypes, ['authorization_code', 'refresh_token']);
    assert.deepEqual(registration.scopes, ['sso:account:access']);
    assert.match(registration.expiresAt, CLI_TIME);
  });

  test('refusing on the authorize page fails the PKCE login', async () => {
    const h = (harness = await makeHarness());
    h.browser = (url) => approveInBrowser(url, 'deny');
    await assert.rejects(
      h.service.login({ session: 'corp' }, { flow: 'pkce' }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'SSO_LOGIN_FAILED' &&
        /access_denied/.test(error.message),
    );
    assert.match(String(await h.pages[0]), /Sign-in failed/);
    assert.doesNotMatch(String(await h.pages[0]), /access_denied/);
  });
});

describe('legacy SSO profiles (sso_start_url in the profile)', () => {
  test('sign in with the device flow and cache under sha1(start URL), where the SDK looks', async () => {
    const config = `[profile legacy]
sso_start_url = ${START_URL}
sso_region = eu-west-1
sso_account_id = 222222222222
sso_role_name = Developer
`;
    const h = (harness = await makeHarness({ config }));
    h.onWait = (index) => {
      if (index === 0) h.peers.approveDeviceCode(h.prompts[0]!.userCode!);
    };
    // PKCE needs an sso-session; like the CLI, a legacy profile signs in with a device code.
    const session = await h.service.login({ profile: 'legacy' }, { flow: 'pkce' });
    assert.equal(session.kind, 'legacy-profile');
    assert.equal(session.status, 'valid');
    const file = join(h.home.home, '.aws', 'sso', 'cache', `${sha1(START_URL)}.json`);
    assert.equal(JSON.parse(await readFile(file, 'utf8')).startUrl, START_URL);

    const savedHome = process.env.HOME;
    process.env.HOME = h.home.home;
    try {
      const credentials = await fromSSO({
        profile: 'legacy',
        configFilepath: h.home.configFile,
        filepath: h.home.credentialsFile,
        ignoreCache: true,
        clientConfig: { endpoint: h.peers.url },
      })();
      assert.equal(h.peers.identities.lookup(credentials.accessKeyId)?.accountId, '222222222222');
    } finally {
      process.env.HOME = savedHome;
    }
  });
});
