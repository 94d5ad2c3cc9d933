/**
 * JWT modes when the endpoint says the token expired, against the sandbox (which checks `exp`
 * with its own clock, here ten minutes ahead of ours): a token from an OIDC sign-in is renewed
 * once and the request sent again; a token from an environment variable cannot be renewed, so
 * the answer is explained and nothing is retried.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OidcTokenSource } from '../../../main/core/requests/request-auth.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { jwtIssuer, type JwtIssuer } from '../../support/jwt-issuer.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const ISSUER = 'https://oidc.expiry.test';
const WHOAMI = '{ whoami { authMode sub } }';
const AHEAD_MS = 600_000;

let sandbox: Sandbox;
let tokens: JwtIssuer;
let dataDir: string;
const services: RequestService[] = [];

before(async () => {
  tokens = await jwtIssuer(ISSUER, 'workbench');
  dataDir = await makeTempDir('expired-jwt');
  sandbox = await startSandbox({
    clock: { now: () => Date.now() + AHEAD_MS },
    jwt: {
      openid: { issuer: ISSUER, clientId: 'workbench', keySet: { keys: [tokens.jwk] } },
    },
  });
});

after(async () => {
  await Promise.all(services.map((service) => service.transport.close()));
  await sandbox.close();
});

const jwt = (lifetimeMs: number) => tokens.sign({ expiresAt: Date.now() + lifetimeMs });

function service(env: Record<string, string>, oidcTokens?: OidcTokenSource) {
  const requests = new RequestService({
    environment: { env, homeDir: dataDir, dataDir },
    credentials: new StaticCredentialSource({}),
    vault: { get: async () => null, put: async () => {}, delete: async () => {} },
    ...(oidcTokens ? { oidcTokens } : {}),
  });
  requests.transport.send = counting(requests.transport.send.bind(requests.transport));
  services.push(requests);
  return requests;
}

let sent = 0;
function counting<F extends (...args: never[]) => unknown>(send: F): F {
  return ((...args: Parameters<F>) => {
    sent++;
    return send(...args);
  }) as F;
}

describe('an endpoint says the JWT expired', () => {
  test('a sign-in token the session still trusts is renewed once and the request succeeds', async () => {
    // Five minutes left by our clock: the session sees no reason to renew; the endpoint does.
    const handedOut: { token: string; forced: boolean }[] = [];
    const requests = service({}, async (provider, options) => {
      assert.equal(provider, 'corp');
      const forced = options?.forceRefresh === true;
      const token = await jwt(forced ? 3_600_000 : 300_000);
      handedOut.push({ token, forced });
      return token;
    });
    sent = 0;
    const result = await requests.run({
      url: sandbox.graphqlUrl,
      auth: { type: 'OPENID_CONNECT', source: { from: 'oidc', provider: 'corp' } },
      query: WHOAMI,
    });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal(result.retried, true);
    assert.equal(sent, 2);
    assert.deepEqual(
      handedOut.map((h) => h.forced),
      [false, true],
    );
    for (const { token } of handedOut) assert.ok(!JSON.stringify(result).includes(token));
  });

  test('the renewed token is refused too: one retry, then explained', async () => {
    let reads = 0;
    // The provider keeps issuing five-minute tokens: all expired on the endpoint's clock.
    const requests = service({}, async () => {
      reads++;
      return jwt(300_000);
    });
    sent = 0;
    const result = await requests.run({
      url: sandbox.graphqlUrl,
      auth: { type: 'OPENID_CONNECT', source: { from: 'oidc', provider: 'corp' } },
      query: WHOAMI,
    });
    assert.equal(result.status, 401);
    assert.equal(sent, 2, 'sent once more, never in a loop');
    assert.equal(reads, 2);
    assert.equal(result.retried, true);
    assert.equal(result.diagnosis?.code, 'EXPIRED_TOKEN');
  });

  test('a token from an environment variable is not retried: the answer says it expired', async () => {
    const requests = service({ ID_TOKEN: await jwt(300_000) });
    sent = 0;
    const result = await requests.run({
      url: sandbox.graphqlUrl,
      auth: { type: 'OPENID_CONNECT', source: { from: 'env', variable: 'ID_TOKEN' } },
      query: WHOAMI,
    });
    assert.equal(result.status, 401);
    assert.equal(sent, 1, 'nothing to renew, so nothing is sent again');
    assert.equal(result.retried, false);
    assert.equal(result.diagnosis?.code, 'EXPIRED_TOKEN');
    assert.match(result.diagnosis?.message ?? '', /JWT: it has expired/);
    assert.match(result.diagnosis?.hint ?? '', /Sign in to the OIDC provider again/);
  });
});
