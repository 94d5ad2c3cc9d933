import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSsoClients, destroyClients } from '../../../main/core/sso/sso-clients.ts';
import { authorizeUrl, createPkcePair, pkceChallenge } from '../../../main/core/sso/pkce.ts';

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
