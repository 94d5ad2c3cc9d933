import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { SsoTokenCache } from '../../../main/core/sso/sso-token-cache.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  makeHarness,
  signIn,
  ssoCalls,
  ssoConfig,
  START_URL,
  type Harness,
} from './sso-harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const HOUR = 3600_000;
const isCode = (code: string) => (error: unknown) =>
  error instanceof AppError && error.code === code;

describe('SSO tokens', () => {
  test('an expired token is refreshed with the refresh token, rewritten, and the rotated refresh token kept', async () => {
    const h = (harness = await makeHarness({ sso: { accessTokenSeconds: 3600 } }));
    await signIn(h);
    const cache = new SsoTokenCache(h.home.home);
    const first = (await cache.readToken(START_URL, 'corp'))!;
    assert.equal((await h.service.sessions())[0]?.status, 'valid');

    h.clock.t += 2 * HOUR;
    assert.equal((await h.service.sessions())[0]?.status, 'refreshable');
    const token = await h.service.accessToken({ profile: 'dev' });
    const second = (await cache.readToken(START_URL, 'corp'))!;
    assert.equal(token, second.accessToken);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken, 'the rotated refresh token is stored');
    assert.equal(second.clientId, first.clientId);
    assert.ok(Date.parse(second.expiresAt) > h.clock.now());
    assert.equal((await h.service.sessions())[0]?.status, 'valid');

    // The stored refresh token is the live one: the next refresh works too (the old one is spent).
    h.clock.t += 2 * HOUR;
    const third = await h.service.accessToken({ session: 'corp' });
    assert.notEqual(third, second.accessToken);
    const refreshes = ssoCalls(h).filter((c) => c.grantType === 'refresh_token');
    assert.deepEqual(
      refreshes.map((c) => c.outcome),
      ['ok', 'ok'],
    );

    // Only the token cache was written under ~/.aws: the token and the client registration.
    const files = (await readdir(join(h.home.home, '.aws'), { recursive: true })).sort();
    assert.deepEqual(
      files.map((f) => f.replace(/[0-9a-f]{40}/, '<sha1>')),
      ['config', 'sso', 'sso/cache', 'sso/cache/<sha1>.json', 'sso/cache/<sha1>.json'],
    );
    assert.equal(await readFile(h.home.configFile, 'utf8'), ssoConfig());

    // The role credentials work with the refreshed token.
    const credentials = await h.service
      .virtualProfile('corp', '222222222222', 'Developer')
      .credentials();
    assert.equal(h.peers.identities.lookup(credentials.accessKeyId)?.accountId, '222222222222');
    assert.ok(credentials.expiration instanceof Date);
  });

  test('concurrent callers share one refresh (a rotated refresh token is used once)', async () => {
    const h = (harness = await makeHarness({ sso: { accessTokenSeconds: 3600 } }));
    await signIn(h);
    h.clock.t += 2 * HOUR;
    const tokens = await Promise.all(
      [1, 2, 3].map(() => h.service.accessToken({ session: 'corp' })),
    );
    assert.equal(new Set(tokens).size, 1);
    assert.equal(ssoCalls(h).filter((c) => c.grantType === 'refresh_token').length, 1);
  });

  test('an expired token without a refresh token asks for a new login', async () => {
    const h = (harness = await makeHarness());
    const cache = new SsoTokenCache(h.home.home);
    await cache.writeToken(START_URL, 'corp', {
      startUrl: START_URL,
      region: 'eu-west-1',
      accessToken: 'expired-token',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    assert.equal((await h.service.sessions())[0]?.status, 'expired');
    await assert.rejects(h.service.accessToken({ profile: 'dev' }), (error: unknown) => {
      assert.ok(isCode('SSO_LOGIN_REQUIRED')(error));
      const { message, details } = error as AppError;
      // What happened, then once what to do: the advice is not in the message as well.
      assert.match(message, /expired/);
      assert.doesNotMatch(message, /[Ss]ign in/);
      assert.match(
        (details as { next: string }).next,
        /^Sign in to IAM Identity Center session "corp" again .*`appsync-workbench sso login --sso-session corp`/,
      );
      assert.doesNotMatch((error as Error).message, /expired-token/);
      return true;
    });
    await assert.rejects(h.service.listAccounts({ session: 'corp' }), isCode('SSO_LOGIN_REQUIRED'));
    await assert.rejects(
      h.service.accessToken({ session: 'corp' }).then(() => undefined),
      isCode('SSO_LOGIN_REQUIRED'),
    );
  });

  test('a refresh token the service refuses asks for a new login', async () => {
    const h = (harness = await makeHarness());
    await signIn(h);
    const cache = new SsoTokenCache(h.home.home);
    const token = (await cache.readToken(START_URL, 'corp'))!;
    await cache.writeToken(START_URL, 'corp', {
      ...token,
      expiresAt: '2020-01-01T00:00:00Z',
      refreshToken: 'revoked',
    });
    await assert.rejects(h.service.accessToken({ session: 'corp' }), isCode('SSO_LOGIN_REQUIRED'));
  });

  test('logout revokes the token at the portal and deletes only its cache file', async () => {
    const h = (harness = await makeHarness());
    await signIn(h);
    const cache = new SsoTokenCache(h.home.home);
    const token = (await cache.readToken(START_URL, 'corp'))!;
    await h.service.logout({ profile: 'dev' });
    assert.equal(await cache.readToken(START_URL, 'corp'), null);
    assert.equal((await h.service.sessions())[0]?.status, 'none');
    assert.ok(ssoCalls(h).some((c) => c.action === 'Logout' && c.outcome === 'ok'));
    // The registration stays (as with the CLI), and the revoked token no longer opens the portal.
    const response = await fetch(`${h.peers.url}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': token.accessToken },
    });
    assert.equal(response.status, 401);
    await h.service.logout({ profile: 'dev' }); // nothing to do, no error
  });

  test('a role the session cannot use is refused with a clear error', async () => {
    const h = (harness = await makeHarness());
    await signIn(h);
    await assert.rejects(
      h.service.roleCredentials({ session: 'corp' }, '222222222222', 'Admin'),
      (error: unknown) =>
        isCode('CREDENTIALS_UNRESOLVED')(error) && /no role "Admin"/.test((error as Error).message),
    );
  });
});
