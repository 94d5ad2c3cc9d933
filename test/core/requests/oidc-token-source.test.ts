/**
 * An endpoint whose OPENID_CONNECT token comes from an OIDC sign-in: a real identity provider
 * (`oidc-provider`), the real session service, and the sandbox verifying the JWT against the
 * provider's JWKS. Requests and subscriptions carry the signed-in user's ID token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { RealtimeService } from '../../../main/core/realtime/realtime-service.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  addTestProvider,
  makeOidcHarness,
  vaultTokens,
  type OidcHarness,
} from '../oidc/oidc-harness.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const WHOAMI = '{ whoami { authMode sub issuer } }';
const fromLogin: AuthModeInput = {
  type: 'OPENID_CONNECT',
  source: { from: 'oidc', provider: 'local' },
};

describe('OIDC sign-ins as the token source of endpoints', () => {
  let h: OidcHarness;
  let sandbox: Sandbox;
  let requests: RequestService;

  before(async () => {
    h = await makeOidcHarness();
    sandbox = await startSandbox({
      jwt: { openid: { issuer: h.op.issuer, clientId: h.op.clientId } },
    });
    await addTestProvider(h, 'local');
    await addTestProvider(h, 'never-signed-in');
    await h.service.login('local');
    requests = new RequestService({
      environment: { env: {}, homeDir: h.dataDir, dataDir: h.dataDir },
      credentials: new StaticCredentialSource({}),
      vault: h.vault,
      endpoints: new EndpointStore(h.dataDir, h.vault),
      oidcTokens: (provider, options) => h.service.tokenFor(provider, options),
    });
  });
  after(async () => {
    await requests?.transport.close();
    await sandbox?.close();
    await h?.close();
  });

  test('a request bound to a provider is authorized by the signed-in ID token', async () => {
    const result = await requests.run({ url: sandbox.graphqlUrl, auth: fromLogin, query: WHOAMI });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.deepEqual((result.body as { data: unknown }).data, {
      whoami: { authMode: 'OPENID_CONNECT', sub: 'alice', issuer: h.op.issuer },
    });
    const { idToken } = await vaultTokens(h);
    assert.ok(!JSON.stringify(result).includes(idToken), 'the token is redacted from the result');
  });

  test('a saved endpoint keeps the binding (not the token) and uses it', async () => {
    const store = new EndpointStore(h.dataDir, h.vault);
    const endpoint = await store.create({
      name: 'Notes (OIDC)',
      url: sandbox.graphqlUrl,
      authModes: [fromLogin],
    });
    assert.deepEqual(endpoint.authModes[0], fromLogin);
    const result = await requests.run({ endpointId: endpoint.id, query: WHOAMI });
    assert.equal(result.status, 200, JSON.stringify(result.body));
  });

  test('a subscription bound to a provider connects and receives events', async () => {
    const realtime = new RealtimeService({
      env: {},
      credentials: new StaticCredentialSource({}),
      vault: h.vault,
      oidcTokens: (provider, options) => h.service.tokenFor(provider, options),
      options: { batching: { intervalMs: 10 } },
    });
    const received: unknown[] = [];
    const handle = await realtime.subscribe(
      {
        graphqlUrl: sandbox.graphqlUrl,
        auth: fromLogin,
        query: 'subscription { onCreateNote { title } }',
      },
      {
        onBatch: (batch) => {
          received.push(...batch.messages.map((m) => m.payload));
        },
      },
    );
    try {
      const ready = await handle.ready;
      assert.equal(ready.status, 'active', JSON.stringify(ready.error));
      const created = await fetch(sandbox.graphqlUrl, {
        method: 'POST',
        headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { createNote(input: {title: "via oidc"}) { id } }',
        }),
      });
      assert.equal(created.status, 200);
      const deadline = Date.now() + 3000;
      while (received.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.match(JSON.stringify(received[0]), /via oidc/);
    } finally {
      await realtime.stopAll();
    }
  });

  test('a provider nobody signed in to fails with a sign-in hint', async () => {
    await assert.rejects(
      requests.run({
        url: sandbox.graphqlUrl,
        auth: { type: 'OPENID_CONNECT', source: { from: 'oidc', provider: 'never-signed-in' } },
        query: WHOAMI,
      }),
      (error: AppError) =>
        error.code === 'UNAUTHORIZED' && /login never-signed-in/.test(error.message),
    );
  });

  test('without OIDC sessions wired, the binding fails with a clear message', async () => {
    const bare = new RequestService({
      environment: { env: {}, homeDir: h.dataDir, dataDir: h.dataDir },
      credentials: new StaticCredentialSource({}),
      vault: h.vault,
    });
    await assert.rejects(
      bare.run({ url: sandbox.graphqlUrl, auth: fromLogin, query: WHOAMI }),
      (error: AppError) =>
        error.code === 'SECRET_MISSING' &&
        /OIDC provider "local", but OIDC sign-ins are not available here/.test(error.message),
    );
  });

  test('API keys and Lambda tokens cannot be bound to a sign-in', async () => {
    for (const type of ['API_KEY', 'AWS_LAMBDA'] as const) {
      await assert.rejects(
        requests.run({
          url: sandbox.graphqlUrl,
          auth: { type, source: { from: 'oidc', provider: 'local' } },
          query: WHOAMI,
        }),
        (error: AppError) =>
          error.code === 'INVALID_INPUT' && /cannot come from an OIDC sign-in/.test(error.message),
      );
    }
  });
});
