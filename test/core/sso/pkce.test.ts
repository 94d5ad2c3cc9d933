import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startLoopbackRedirect } from '../../../main/core/sso/loopback-redirect.ts';
import { createSsoClients, destroyClients } from '../../../main/core/sso/sso-clients.ts';
import { authorizeUrl, createPkcePair, pkceChallenge } from '../../../main/core/sso/pkce.ts';
import { AppError } from '../../../shared/errors.ts';

describe('PKCE and the authorize URL', () => {
  test('S256 challenge matches RFC 7636 appendix B', () => {
    assert.equal(
      pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  test('each login draws a fresh 64-character verifier of unreserved characters', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    assert.match(a.verifier, /^[A-Za-z0-9\-._~]{64}$/);
    assert.notEqual(a.verifier, b.verifier);
    assert.equal(a.challenge, pkceChallenge(a.verifier));
    assert.doesNotMatch(a.challenge, /=/);
  });

  test('the authorize URL sits on the SSO-OIDC endpoint and carries what the CLI sends', () => {
    const url = new URL(
      authorizeUrl({
        oidcBase: 'https://oidc.eu-west-1.amazonaws.com/',
        clientId: 'client-1',
        redirectUri: 'http://127.0.0.1:4242/oauth/callback',
        state: 'state-1',
        challenge: 'abc',
        scopes: null,
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://oidc.eu-west-1.amazonaws.com/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'http://127.0.0.1:4242/oauth/callback',
      state: 'state-1',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: 'abc',
    });
    const local = authorizeUrl({
      oidcBase: 'http://127.0.0.1:9000',
      clientId: 'c',
      redirectUri: 'r',
      state: 's',
      challenge: 'x',
      scopes: ['a:b', 'c'],
    });
    assert.match(local, /^http:\/\/127\.0\.0\.1:9000\/authorize\?/);
    assert.match(local, /scopes=a%3Ab%20c/);
  });
});

describe('where /authorize lives', () => {
  test('on real AWS it is the regional SSO-OIDC host; with an override, the override', () => {
    const real = createSsoClients({
      region: 'eu-west-1',
      oidcEndpoint: undefined,
      portalEndpoint: undefined,
    });
    const local = createSsoClients({
      region: 'eu-west-1',
      oidcEndpoint: 'http://127.0.0.1:9',
      portalEndpoint: undefined,
    });
    try {
      assert.equal(new URL(real.oidcBase).origin, 'https://oidc.eu-west-1.amazonaws.com');
      assert.equal(local.oidcBase, 'http://127.0.0.1:9');
    } finally {
      destroyClients(real);
      destroyClients(local);
    }
  });
});

describe('loopback redirect', () => {
  test('hands over the code for the expected state, then stops listening', async () => {
    const loopback = await startLoopbackRedirect();
    assert.match(loopback.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const code = loopback.waitForCode('s-1');
    const stray = await fetch(new URL('/favicon.ico', loopback.redirectUri));
    assert.equal(stray.status, 404);
    const page = await fetch(`${loopback.redirectUri}?code=the-code&state=s-1`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /close this tab/);
    assert.equal(await code, 'the-code');
    await loopback.close();
    await assert.rejects(fetch(loopback.redirectUri));
  });

  test('a callback with another state fails the login', async () => {
    const loopback = await startLoopbackRedirect();
    const code = loopback.waitForCode('expected');
    const refused = assert.rejects(
      code,
      (e: unknown) =>
        e instanceof AppError && e.code === 'SSO_LOGIN_FAILED' && /state/.test(e.message),
    );
    const page = await fetch(`${loopback.redirectUri}?code=c&state=forged`);
    assert.equal(page.status, 400);
    await refused;
    await loopback.close();
  });

  test('an error from the authorization server is reported; cancelling rejects with CANCELLED', async () => {
    const denied = await startLoopbackRedirect();
    const code = assert.rejects(denied.waitForCode('s'), /access_denied: User said no/);
    await fetch(
      `${denied.redirectUri}?error=access_denied&error_description=User%20said%20no&state=s`,
    );
    await code;
    await denied.close();

    const abandoned = await startLoopbackRedirect();
    const controller = new AbortController();
    const waiting = abandoned.waitForCode('s', controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: unknown) => e instanceof AppError && e.code === 'CANCELLED');
    await abandoned.close();
  });
});
