import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { AppError } from '../../../shared/errors.ts';
import {
  addTestProvider,
  makeOidcHarness,
  vaultTokens,
  whoamiWith,
  type OidcHarness,
} from './oidc-harness.ts';

describe('keeping an OIDC sign-in alive', () => {
  let h: OidcHarness;
  let sandbox: Sandbox;

  before(async () => {
    h = await makeOidcHarness({ idTokenTtl: 600 });
    sandbox = await startSandbox({
      jwt: { openid: { issuer: h.op.issuer, clientId: h.op.clientId } },
    });
    await addTestProvider(h);
  });
  beforeEach(async () => {
    h.clock.offset = 0;
    await h.service.login('local');
  });
  after(async () => {
    await sandbox?.close();
    await h?.close();
  });

  test('a valid token is reused; near expiry it is renewed and the query still works', async () => {
    const first = await h.service.tokenFor('local');
    assert.equal(await h.service.tokenFor('local'), first, 'no refresh while the token is valid');
    const refreshesBefore = h.op.grants.refresh_token ?? 0;
    const before = await vaultTokens(h);

    // Ten minutes later, as far as the app can tell: the ID token is about to expire.
    h.clock.offset = 600_000 - 30_000;
    const renewed = await h.service.tokenFor('local');
    assert.equal(h.op.grants.refresh_token, refreshesBefore + 1, 'renewed at the provider');
    // (Within the same second the provider may sign the very same claims again.)
    assert.ok((decodeJwt(renewed).iat ?? 0) >= (decodeJwt(first).iat ?? 0));

    const after = await vaultTokens(h);
    assert.ok(after.refreshToken && after.refreshToken !== before.refreshToken, 'rotated and kept');
    assert.equal(after.idToken, renewed);

    const answer = await whoamiWith(sandbox.graphqlUrl, renewed);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.data?.whoami?.sub, 'alice');
    const identity = await h.service.identity('local');
    assert.equal(identity?.expiresAt, (decodeJwt(renewed).exp ?? 0) * 1000);
  });

  test('concurrent callers share one refresh, and the old refresh token is never sent again', async () => {
    h.clock.offset = 600_000;
    const refreshesBefore = h.op.grants.refresh_token ?? 0;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => h.service.tokenFor('local')));
    assert.equal(new Set(tokens).size, 1);
    assert.equal(h.op.grants.refresh_token, refreshesBefore + 1, 'one refresh for five callers');
    // oidc-provider revokes the whole grant if a rotated-away token is replayed: the next
    // renewal working proves the old one was not used.
    h.clock.offset = 1_200_000;
    const again = await h.service.tokenFor('local');
    assert.equal(h.op.grants.refresh_token, refreshesBefore + 2);
    assert.equal((await whoamiWith(sandbox.graphqlUrl, again)).status, 200);
  });

  test('a rotation done by another process (the CLI) is picked up from the vault', async () => {
    const other = (await import('../../../main/core/oidc/oidc-session-service.ts'))
      .OidcSessionService;
    const cli = new other({
      providers: h.providers,
      vault: h.vault,
      opener: { open: async () => undefined },
      prompter: undefined as never,
      clock: h.clock,
    });
    await h.service.tokenFor('local');
    const refreshes = h.op.grants.refresh_token ?? 0;
    const fromCli = await cli.tokenFor('local', { forceRefresh: true });
    assert.equal(h.op.grants.refresh_token, refreshes + 1);
    // The app's memory still holds the tokens before the CLI's rotation.
    const fromApp = await h.service.tokenFor('local', { forceRefresh: true });
    assert.equal(
      fromApp,
      fromCli,
      'adopted the vault tokens instead of replaying a used refresh token',
    );
    assert.equal(h.op.grants.refresh_token, refreshes + 1);
  });

  test('a revoked refresh token ends the sign-in with a clear "sign in again"', async () => {
    const { refreshToken } = await vaultTokens(h);
    assert.ok(refreshToken);
    await h.op.revoke(refreshToken);
    h.clock.offset = 600_000;
    await assert.rejects(h.service.tokenFor('local'), (error: AppError) => {
      assert.equal(error.code, 'UNAUTHORIZED');
      assert.match(error.message, /sign-in to OIDC provider "local" has ended/);
      assert.match(error.message, /Sign in again \(appsync-workbench login local\)/);
      assert.deepEqual(error.details, { provider: 'local', loginRequired: true });
      assert.ok(!error.message.includes(refreshToken));
      return true;
    });
    assert.equal(await h.service.identity('local'), null, 'the dead tokens are forgotten');
    await assert.rejects(h.service.tokenFor('local'), /not signed in/);
  });

  test('sign-out revokes at the provider and forgets the tokens', async () => {
    const { refreshToken } = await vaultTokens(h);
    assert.ok(refreshToken);
    assert.deepEqual(await h.service.signOut('local'), { wasSignedIn: true, revoked: true });
    assert.equal(await h.vault.get('oidc:local:tokens'), null);
    assert.equal(await h.service.identity('local'), null);
    const reuse = await fetch(`${h.op.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: h.op.clientId,
      }),
    });
    assert.equal(reuse.status, 400);
    assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
    assert.deepEqual(await h.service.signOut('local'), { wasSignedIn: false, revoked: false });
  });
});
