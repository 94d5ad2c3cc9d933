/**
 * The real-time client against the sandbox (an independent peer with its own SigV4 verifier and
 * JWT checks) over real sockets: every auth mode subscribes, a mutation sent over HTTP arrives
 * as an event; refusals are final and explained; a dead link reconnects and re-subscribes;
 * stopping leaves no socket; a fast stream arrives complete and in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from '../../../shared/realtime.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import {
  RealtimeService,
  type RealtimeOptions,
  type SubscriptionHandle,
} from '../../../main/core/realtime/realtime-service.ts';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import type { AppError } from '../../../shared/errors.ts';
import { jwtIssuer } from '../../support/jwt-issuer.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

const OIDC = 'https://oidc.realtime.test';
const COGNITO = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Realtime';
const ON_CREATE = 'subscription OnCreate { onCreateNote { id title } }';
const noVault = {
  get: async () => null,
  put: async () => undefined,
  delete: async () => undefined,
};

let sandbox: Sandbox;
let env: Record<string, string>;
let credentials: StaticCredentialSource;
const services: RealtimeService[] = [];

function service(options: RealtimeOptions = {}, endpoints?: EndpointStore): RealtimeService {
  const created = new RealtimeService({
    env,
    credentials,
    vault: noVault,
    ...(endpoints ? { endpoints } : {}),
    options: {
      reconnect: { baseMs: 20, maxMs: 100, maxAttempts: 20 },
      batching: { intervalMs: 10 },
      ...options,
    },
  });
  services.push(created);
  return created;
}

/** A subscription's messages and states as they arrive. */
function recorder() {
  const messages: unknown[] = [];
  const states: SubscriptionStateDTO[] = [];
  const batches: MessageBatchDTO[] = [];
  let wake = () => {};
  const until = async (check: () => boolean, what: string, ms = 3000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; states ${states.map((s) => s.status).join(',')}`,
        );
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 20);
      });
    }
  };
  return {
    messages,
    states,
    batches,
    until,
    listener: {
      onBatch: (batch: MessageBatchDTO) => {
        batches.push(batch);
        for (const m of batch.messages) messages.push(m.payload);
        wake();
      },
      onState: (state: SubscriptionStateDTO) => {
        states.push(state);
        wake();
      },
    },
  };
}

const createNote = async (title: string) => {
  const res = await fetch(sandbox.graphqlUrl, {
    method: 'POST',
    headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($t: String!) { createNote(input: {title: $t}) { id } }',
      variables: { t: title },
    }),
  });
  assert.equal(res.status, 200);
};

before(async () => {
  const oidc = await jwtIssuer(OIDC, 'workbench', 'o1');
  const cognito = await jwtIssuer(COGNITO, 'pool-client', 'c1');
  sandbox = await startSandbox({
    jwt: {
      openid: {
        issuer: OIDC,
        clientId: 'workbench',
        keySet: { keys: [oidc.jwk] },
      },
      cognitoUserPool: {
        issuer: COGNITO,
        clientId: 'pool-client',
        keySet: { keys: [cognito.jwk] },
      },
    },
    realtime: { keepAliveIntervalMs: 50, connectionTimeoutMs: 400 },
  });
  const { user } = sandbox.demo;
  credentials = new StaticCredentialSource({
    keys: {
      credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
    },
    session: { credentials: [sandbox.demoRoleSession(900)] },
  });
  env = {
    RT_API_KEY: sandbox.apiKey,
    RT_WRONG_KEY: 'da2-thisisnotthedemokey00000000',
    RT_OIDC: await oidc.sign(),
    RT_COGNITO: await cognito.sign(),
    RT_LAMBDA: sandbox.demo.lambdaToken,
  };
});

after(async () => {
  await Promise.all(services.map((s) => s.stopAll()));
  await sandbox.close();
});

const MODES: [string, AuthModeInput][] = [
  ['API_KEY', { type: 'API_KEY', source: { from: 'env', variable: 'RT_API_KEY' } }],
  ['AWS_IAM with static keys', { type: 'AWS_IAM', profile: 'keys', region: 'us-east-1' }],
  ['AWS_IAM with a session token', { type: 'AWS_IAM', profile: 'session', region: 'us-east-1' }],
  ['OPENID_CONNECT', { type: 'OPENID_CONNECT', source: { from: 'env', variable: 'RT_OIDC' } }],
  [
    'AMAZON_COGNITO_USER_POOLS',
    { type: 'AMAZON_COGNITO_USER_POOLS', source: { from: 'env', variable: 'RT_COGNITO' } },
  ],
  ['AWS_LAMBDA', { type: 'AWS_LAMBDA', source: { from: 'env', variable: 'RT_LAMBDA' } }],
];

describe('real-time subscriptions against the sandbox', () => {
  for (const [name, auth] of MODES) {
    test(`${name}: subscribe, mutate over HTTP, receive the event`, async () => {
      const realtime = service();
      const seen = recorder();
      const handle = await realtime.subscribe(
        { graphqlUrl: sandbox.graphqlUrl, auth, query: ON_CREATE },
        seen.listener,
      );
      assert.equal((await handle.ready).status, 'active');
      await createNote(`event for ${name}`);
      await seen.until(() => seen.messages.length === 1, 'the event');
      assert.deepEqual(
        (seen.messages[0] as { data: { onCreateNote: { title: string } } }).data.onCreateNote.title,
        `event for ${name}`,
      );
      await handle.stop();
      assert.equal(handle.state().status, 'stopped');
    });
  }

  test('a saved endpoint names the URL and the mode; a mode it does not enable is refused', async () => {
    const dataDir = await makeTempDir('realtime-saved');
    const endpoints = new EndpointStore(dataDir, new FileVault(dataDir));
    const saved = await endpoints.create({
      name: 'notes',
      url: sandbox.graphqlUrl,
      authModes: [MODES[1]![1], MODES[5]![1]],
    });
    const realtime = service({}, endpoints);
    const seen = recorder();
    const handle = await realtime.subscribeTo(
      { endpointId: saved.id, authMode: 'AWS_LAMBDA', query: ON_CREATE },
      seen.listener,
    );
    assert.equal((await handle.ready).status, 'active');
    assert.equal(handle.state().authMode, 'AWS_LAMBDA');
    await createNote('saved endpoint');
    await seen.until(() => seen.messages.length === 1, 'the event');
    await handle.stop();
    await assert.rejects(
      realtime.subscribeTo({ endpointId: saved.id, authMode: 'API_KEY', query: ON_CREATE }),
      /does not enable API_KEY/,
    );
    await assert.rejects(
      realtime.subscribeTo({ endpointId: 'no-such-endpoint', query: ON_CREATE }),
      (error: AppError) => error.code === 'ENDPOINT_NOT_FOUND',
    );
  });

  test('the query-string handshake form works too', async () => {
    const realtime = service({ handshakeForm: 'query' });
    const handle = await realtime.subscribe({
      graphqlUrl: sandbox.graphqlUrl,
      auth: { type: 'AWS_IAM', profile: 'keys', region: 'us-east-1' },
      query: ON_CREATE,
    });
    assert.equal((await handle.ready).status, 'active');
    await handle.stop();
  });

  test('several subscriptions, each with its own auth, share one socket; the last stop closes it', async () => {
    const realtime = service();
    const before = sandbox.realtime.connectionCount();
    const a = recorder();
    const b = recorder();
    const first = await realtime.subscribe(
      { graphqlUrl: sandbox.graphqlUrl, auth: MODES[0]![1], query: ON_CREATE },
      a.listener,
    );
    const second = await realtime.subscribe(
      {
        graphqlUrl: sandbox.graphqlUrl,
        auth: MODES[1]![1],
        query: 'subscription { onCreateNote { title } }',
      },
      b.listener,
    );
    await Promise.all([first.ready, second.ready]);
    assert.equal(sandbox.realtime.connectionCount() - before, 1);
    await createNote('shared');
    await a.until(() => a.messages.length === 1 && b.messages.length === 1, 'both events');
    await first.stop();
    assert.equal(realtime.openSockets(), 1);
    await second.stop();
    assert.equal(realtime.openSockets(), 0);
    await a.until(
      () => sandbox.realtime.connectionCount() === before,
      'the server to see the socket close',
    );
  });

  test('a wrong API key fails as UNAUTHORIZED, is not retried, and leaves no socket', async () => {
    const realtime = service();
    const seen = recorder();
    const handle = await realtime.subscribe(
      {
        graphqlUrl: sandbox.graphqlUrl,
        auth: { type: 'API_KEY', source: { from: 'env', variable: 'RT_WRONG_KEY' } },
        query: ON_CREATE,
      },
      seen.listener,
    );
    const state = await handle.ready;
    assert.equal(state.status, 'failed');
    assert.equal(state.error?.code, 'UNAUTHORIZED');
    assert.ok(!seen.states.some((s) => s.status === 'reconnecting'));
    assert.ok(!JSON.stringify(seen.states).includes(env.RT_WRONG_KEY!));
    assert.equal(realtime.openSockets(), 0);
  });

  test('a document the schema rejects fails at start as INVALID_INPUT, not retried', async () => {
    const realtime = service();
    const handle = await realtime.subscribe({
      graphqlUrl: sandbox.graphqlUrl,
      auth: MODES[0]![1],
      query: 'subscription { onCreateNote { id nope } }',
    });
    const state = await handle.ready;
    assert.equal(state.status, 'failed');
    assert.equal(state.error?.code, 'INVALID_INPUT');
  });

  test('keep-alive loss: the client reconnects with backoff and re-subscribes', async () => {
    const realtime = service();
    const seen = recorder();
    const handle = await realtime.subscribe(
      { graphqlUrl: sandbox.graphqlUrl, auth: MODES[1]![1], query: ON_CREATE },
      seen.listener,
    );
    await handle.ready;
    sandbox.realtime.setKeepAlives(false);
    try {
      await seen.until(() => seen.states.some((s) => s.status === 'reconnecting'), 'reconnecting');
    } finally {
      sandbox.realtime.setKeepAlives(true);
    }
    const reconnecting = seen.states.find((s) => s.status === 'reconnecting')!;
    assert.equal(reconnecting.error, null);
    await seen.until(() => seen.states.at(-1)?.status === 'active', 'active again');
    await createNote('after the reconnect');
    await seen.until(() => seen.messages.length === 1, 'the event after reconnecting');
    await handle.stop();
    assert.equal(realtime.openSockets(), 0);
  });

  test('a fast stream arrives complete and in order, in batches', async () => {
    const realtime = service({ batching: { intervalMs: 50, maxBatch: 500 } });
    const seen = recorder();
    const handle: SubscriptionHandle = await realtime.subscribe(
      {
        graphqlUrl: sandbox.graphqlUrl,
        auth: MODES[0]![1],
        query: 'subscription { onCreateNote { id } }',
      },
      seen.listener,
    );
    await handle.ready;
    const total = 3000;
    for (let i = 0; i < total; i += 100) {
      for (let j = i; j < i + 100; j += 1)
        sandbox.realtime.publish('createNote', { id: String(j), title: 't' });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await seen.until(() => seen.messages.length === total, `${total} events`, 10_000);
    const ids = seen.messages.map((m) =>
      Number((m as { data: { onCreateNote: { id: string } } }).data.onCreateNote.id),
    );
    assert.deepEqual(
      ids,
      Array.from({ length: total }, (_, i) => i),
    );
    assert.ok(seen.batches.every((b) => b.messages.length <= 500));
    assert.ok(
      seen.batches.length < total / 5,
      `${seen.batches.length} batches for ${total} messages`,
    );
    assert.equal(handle.state().droppedCount, 0);
    await handle.stop();
  });
});
