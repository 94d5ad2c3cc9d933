import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  addTestProvider,
  dataFilesOutsideVault,
  makeOidcHarness,
  vaultTokens,
  whoamiWith,
  type OidcHarness,
} from './oidc-harness.ts';

describe('OIDC sign-in in the system browser (authorization code + PKCE)', () => {
  let h: OidcHarness;
  let sandbox: Sandbox;

  before(async () => {
    h = await makeOidcHarness();
    sandbox = await startSandbox({
      jwt: { openid: { issuer: h.op.issuer, clientId: h.op.clientId } },
    });
    await addTestProvider(h, 'local', { authorizationParams: { audience: 'https://api.example' } });
  });
  after(async () => {
    await sandbox?.close();
    await h?.close();
  });

  test('signs in on the provider pages and the ID token authorizes an AppSync query', async () => {
    const identity = await h.service.login('local');
    assert.deepEqual(h.browserErrors, []);
    assert.equal(identity.subject, 'alice');
    assert.equal(identity.name, 'Alice Example');
    assert.equal(identity.email, 'alice@example.com');
    assert.equal(identity.issuer, h.op.issuer);
    assert.equal(identity.refreshable, true);
    assert.ok(identity.expiresAt && identity.expiresAt > Date.now());

    const token = await h.service.tokenFor('local');
    const answer = await whoamiWith(sandbox.graphqlUrl, token);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.data?.whoami, {
      authMode: 'OPENID_CONNECT',
      sub: 'alice',
      issuer: h.op.issuer,
    });
  });

  test('the request carried PKCE S256, state, nonce, the extra parameters and a loopback redirect', () => {
    const request = h.op.authorizationRequests.at(-1);
    assert.ok(request);
    assert.equal(request.get('code_challenge_method'), 'S256');
    assert.match(request.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((request.get('state') ?? '').length >= 32);
    assert.ok((request.get('nonce') ?? '').length >= 32);
    assert.equal(request.get('audience'), 'https://api.example');
    assert.equal(
      request.get('prompt'),
      'consent',
      'offline_access asks for consent (OIDC Core §11)',
    );
    assert.match(request.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal(request.get('scope'), 'openid offline_access profile email');
  });

  test('the loopback server listened only for that sign-in', async () => {
    const redirect = h.op.authorizationRequests.at(-1)?.get('redirect_uri');
    assert.ok(redirect);
    await assert.rejects(fetch(redirect), 'nothing listens there any more');
  });

  test('no token is in the identity, the provider list or any data file but the vault', async () => {
    const tokens = await vaultTokens(h);
    const secrets = [tokens.idToken, tokens.accessToken, tokens.refreshToken].filter(
      (t): t is string => typeof t === 'string',
    );
    assert.equal(secrets.length, 3);
    const returned = JSON.stringify([await h.service.identity('local'), await h.providers.list()]);
    const files = await dataFilesOutsideVault(h.dataDir);
    assert.ok([...files.keys()].some((f) => f.endsWith('oidc-providers.json')));
    for (const secret of secrets) {
      assert.ok(!returned.includes(secret), 'a token reached a DTO');
      for (const [file, text] of files) assert.ok(!text.includes(secret), `a token is in ${file}`);
    }
  });

  test('a callback with another state is rejected and the browser is told so', async () => {
    let page: Promise<string> = Promise.resolve('');
    h.browser = async (url) => {
      page = h.op.completeLogin(url, { deliver: false }).then(async ({ callbackUrl }) => {
        callbackUrl.searchParams.set('state', 'forged-state');
        return (await fetch(callbackUrl)).text();
      });
      await page;
    };
    await assert.rejects(h.service.login('local'), (error: AppError) => {
      assert.equal(error.code, 'UNAUTHORIZED');
      assert.match(error.message, /state that does not belong to this sign-in/);
      return true;
    });
    assert.match(await page, /Sign-in failed/);
  });

  test('a refusal in the callback is reported cleaned, and the browser page does not repeat it', async () => {
    let page: Promise<string> = Promise.resolve('');
    h.browser = async (url) => {
      page = h.op.completeLogin(url, { deliver: false }).then(async ({ callbackUrl }) => {
        const refusal = new URL(callbackUrl.pathname, callbackUrl);
        refusal.searchParams.set('state', callbackUrl.searchParams.get('state') ?? '');
        refusal.searchParams.set('error', 'access_denied');
        refusal.searchParams.set('error_description', 'Policy <b>says</b> no\u0007');
        return (await fetch(refusal)).text();
      });
      await page;
    };
    await assert.rejects(h.service.login('local'), (error: AppError) => {
      assert.equal(error.code, 'UNAUTHORIZED');
      assert.match(error.message, /answered access_denied \(Policy <b>says<\/b> no\)/);
      return true;
    });
    const html = await page;
    assert.match(html, /Sign-in failed/);
    assert.doesNotMatch(html, /access_denied|Policy|says/);
  });

  test('an ID token with another nonce is rejected', async () => {
    const tampered = await makeOidcHarness({
      rewriteAuthorizationParams: (params) => params.set('nonce', 'replayed-nonce-value'),
    });
    try {
      await addTestProvider(tampered);
      await assert.rejects(tampered.service.login('local'), (error: AppError) => {
        assert.equal(error.code, 'UNAUTHORIZED');
        assert.match(error.message, /"nonce" claim did not match/);
        return true;
      });
      assert.equal(await tampered.service.identity('local'), null);
    } finally {
      await tampered.close();
    }
  });

  test('a provider whose discovery names another issuer is not trusted', async () => {
    // A look-alike that serves the real provider's discovery document (a mix-up attempt).
    const document = await (await fetch(`${h.op.issuer}/.well-known/openid-configuration`)).text();
    const mimic = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(document);
    });
    await new Promise<void>((resolve) => mimic.listen(0, '127.0.0.1', resolve));
    try {
      const issuer = `http://127.0.0.1:${(mimic.address() as AddressInfo).port}`;
      await h.providers.add({ name: 'mimic', issuer, clientId: h.op.clientId });
      const opened = h.opened.length;
      await assert.rejects(h.service.login('mimic'), (error: AppError) => {
        assert.equal(error.code, 'UNAUTHORIZED');
        assert.match(error.message, /names a different issuer/);
        return true;
      });
      assert.equal(h.opened.length, opened, 'no browser was opened for an untrusted issuer');
    } finally {
      await new Promise((resolve) => mimic.close(resolve));
    }
  });

  test('a fixed redirect (as Cognito needs: http://localhost:PORT) is used as registered', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await h.providers.add({
      name: 'fixed',
      issuer: h.op.issuer,
      clientId: h.op.clientId,
      redirectUri: `http://localhost:${port}/callback`,
    });
    h.browser = (url) => h.op.completeLogin(url).then(() => undefined);
    const identity = await h.service.login('fixed');
    assert.equal(identity.subject, 'alice');
    assert.equal(identity.refreshable, false, 'no offline_access asked, no refresh token');
    assert.equal(
      h.op.authorizationRequests.at(-1)?.get('redirect_uri'),
      `http://localhost:${port}/callback`,
    );
  });

  test('a cancelled sign-in stops waiting and closes the loopback server', async () => {
    let redirect = '';
    h.browser = async (url) => {
      redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
    };
    const controller = new AbortController();
    const login = h.service.login('local', { signal: controller.signal });
    while (!redirect) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await assert.rejects(login, (error: AppError) => error.code === 'CANCELLED');
    await assert.rejects(fetch(redirect));
  });
});
