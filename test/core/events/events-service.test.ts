/**
 * The Events client against the sandbox's Event API (an independent peer: its own SigV4 verifier,
 * JWT checks and namespace rules) over real sockets: every mode subscribes and publishes, over
 * HTTP and over the socket; a namespace's refusal is final and explained; wildcards; two
 * subscriptions share one connection; a dropped socket reconnects and subscribes again; nothing
 * invalid is sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import type { ChannelSubscriptionStateDTO } from '../../../shared/events.ts';
import type { MessageBatchDTO } from '../../../shared/realtime.ts';
import { AppError } from '../../../shared/errors.ts';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { EventsService } from '../../../main/core/events/events-service.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';
import { eventsWorld, type EventsWorld } from '../../sandbox/events/events-sandbox-support.ts';

const noVault = {
  get: async () => null,
  put: async () => undefined,
  delete: async () => undefined,
};

let world: EventsWorld;
let env: Record<string, string>;
let credentials: StaticCredentialSource;
const services: EventsService[] = [];

function service(endpoints?: EndpointStore): EventsService {
  const created = new EventsService({
    env,
    credentials,
    vault: noVault,
    ...(endpoints ? { endpoints } : {}),
    options: {
      reconnect: { baseMs: 20, maxMs: 100, maxAttempts: 20 },
      batching: { intervalMs: 5 },
    },
  });
  services.push(created);
  return created;
}

/** A channel's events and states as they arrive. */
function recorder() {
  const events: unknown[] = [];
  const states: ChannelSubscriptionStateDTO[] = [];
  let wake = () => {};
  const until = async (check: () => boolean, what: string, ms = 3000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; states ${states.map((s) => s.status).join(',')}`,
        );
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 20);
      });
    }
  };
  return {
    events,
    states,
    until,
    listener: {
      onBatch: (batch: MessageBatchDTO) => {
        for (const m of batch.messages) events.push(m.payload);
        wake();
      },
      onState: (state: ChannelSubscriptionStateDTO) => {
        states.push(state);
        wake();
      },
    },
  };
}

const MODES: [string, AuthModeInput][] = [
  ['API_KEY', { type: 'API_KEY', source: { from: 'env', variable: 'EV_API_KEY' } }],
  ['AWS_IAM with static keys', { type: 'AWS_IAM', profile: 'keys', region: 'us-east-1' }],
  ['AWS_IAM with a session token', { type: 'AWS_IAM', profile: 'session', region: 'us-east-1' }],
  ['OPENID_CONNECT', { type: 'OPENID_CONNECT', source: { from: 'env', variable: 'EV_OIDC' } }],
  [
    'AMAZON_COGNITO_USER_POOLS',
    { type: 'AMAZON_COGNITO_USER_POOLS', source: { from: 'env', variable: 'EV_COGNITO' } },
  ],
  ['AWS_LAMBDA', { type: 'AWS_LAMBDA', source: { from: 'env', variable: 'EV_LAMBDA' } }],
];
const API_KEY = MODES[0]![1];
const IAM = MODES[1]![1];

before(async () => {
  world = await eventsWorld();
  const { user } = world.sandbox.demo;
  credentials = new StaticCredentialSource({
    keys: {
      credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
    },
    session: { credentials: [world.sandbox.demoRoleSession(900)] },
  });
  const { tokens } = world;
  env = {
    EV_API_KEY: world.sandbox.apiKey,
    EV_OIDC: tokens.OPENID_CONNECT,
    EV_COGNITO: tokens.AMAZON_COGNITO_USER_POOLS,
    EV_LAMBDA: world.sandbox.demo.lambdaToken,
  };
});

after(async () => {
  await Promise.all(services.map((s) => s.stopAll()));
  await world.sandbox.close();
});

describe('AppSync Events client against the sandbox', () => {
  for (const [name, auth] of MODES) {
    test(`${name}: subscribe to /default/*, receive what is published over HTTP and over the socket`, async () => {
      const events = service();
      const seen = recorder();
      const handle = await events.subscribe(
        { url: world.sandbox.eventUrl, auth, channel: '/default/*' },
        seen.listener,
      );
      assert.equal((await handle.ready).status, 'active');
      const http = await events.publish({
        url: world.sandbox.eventUrl,
        auth:
          name === 'AWS_LAMBDA' || name.includes('OPEN') || name.includes('COGNITO')
            ? API_KEY
            : auth,
        channel: '/default/room',
        events: [JSON.stringify({ via: 'http', name })],
      });
      assert.equal(http.successful.length, 1);
      assert.equal(http.httpStatus, 200);
      const ws = await events.publish({
        url: world.sandbox.eventUrl,
        auth: IAM,
        channel: 'default/room/deep',
        events: ['{"via":"ws"}', '42'],
        transport: 'websocket',
      });
      assert.deepEqual(
        ws.successful.map((s) => s.index),
        [0, 1],
      );
      await seen.until(() => seen.events.length === 3, 'three events');
      assert.deepEqual(seen.events, [{ via: 'http', name }, { via: 'ws' }, 42]);
      await handle.stop();
      assert.equal(handle.state().status, 'stopped');
      assert.equal(events.openSockets(), 0);
    });
  }

  test('a saved endpoint names the target (its URL, the chosen mode), events go as typed, a GraphQL endpoint is refused', async () => {
    const dataDir = await makeTempDir('events-saved');
    const endpoints = new EndpointStore(dataDir, new FileVault(dataDir));
    const saved = await endpoints.create({
      name: 'events',
      url: world.sandbox.eventUrl,
      authModes: [API_KEY, IAM],
    });
    const events = service(endpoints);
    const seen = recorder();
    const handle = await events.subscribeTo(
      { endpointId: saved.id, authMode: 'AWS_IAM', channel: '/default/*' },
      seen.listener,
    );
    assert.equal((await handle.ready).authMode, 'AWS_IAM');
    const published = await events.publishTo({
      endpointId: saved.id,
      channel: '/default/room',
      events: '{"typed":1}\n{"typed":2}',
    });
    assert.equal(published.successful.length, 2);
    await seen.until(() => seen.events.length === 2, 'two events');
    assert.deepEqual(seen.events, [{ typed: 1 }, { typed: 2 }]);
    await handle.stop();

    const graphql = await endpoints.create({
      name: 'notes',
      url: 'https://example.appsync-api.eu-west-1.amazonaws.com/graphql',
      authModes: [IAM],
    });
    await assert.rejects(
      events.publishTo({ endpointId: graphql.id, channel: '/default/room', events: '{}' }),
      { code: 'INVALID_INPUT', message: /Endpoint "notes" is a GraphQL API/ },
    );
    await assert.rejects(
      events.publishTo({ endpointId: saved.id, channel: '/default/room', events: '  ' }),
      { code: 'INVALID_INPUT', message: /at least one event/ },
    );
  });

  // A namespace per mode takes only that mode, so each publish below is authorized by it alone.
  const ONLY: Record<string, string> = {
    API_KEY: 'apikey',
    AWS_IAM: 'iam',
    OPENID_CONNECT: 'oidc',
    AMAZON_COGNITO_USER_POOLS: 'cognito',
    AWS_LAMBDA: 'lambda',
  };
  for (const [name, auth] of MODES) {
    test(`${name} alone: subscribe, publish over HTTP and over the socket, in a namespace only it may use`, async () => {
      const events = service();
      const seen = recorder();
      const namespace = ONLY[auth.type]!;
      const target = { url: world.sandbox.eventUrl, auth };
      const handle = await events.subscribe(
        { ...target, channel: `/${namespace}/*` },
        seen.listener,
      );
      assert.equal((await handle.ready).status, 'active');
      const http = await events.publish({
        ...target,
        channel: `/${namespace}/room`,
        events: ['{"via":"http"}'],
      });
      assert.deepEqual([http.httpStatus, http.successful.length, http.failed], [200, 1, []]);
      const ws = await events.publish({
        ...target,
        channel: `/${namespace}/room`,
        events: ['{"via":"ws"}'],
        transport: 'websocket',
      });
      assert.deepEqual([ws.successful.length, ws.failed], [1, []]);
      await seen.until(() => seen.events.length === 2, 'two events');
      assert.deepEqual(seen.events, [{ via: 'http' }, { via: 'ws' }]);
      await handle.stop();
    });
  }

  test('a namespace that refuses a mode: IAM may not subscribe to alerts, an API key may not publish there', async () => {
    const events = service();
    const handle = await events.subscribe({
      url: world.sandbox.eventUrl,
      auth: IAM,
      channel: '/alerts/*',
    });
    const ended = await handle.ready;
    assert.equal(ended.status, 'failed');
    assert.equal(ended.error?.code, 'UNAUTHORIZED');
    assert.match(
      ended.error?.message ?? '',
      /subscription to \/alerts\/\* was refused: UnauthorizedException/,
    );
    for (const transport of ['http', 'websocket'] as const) {
      await assert.rejects(
        events.publish({
          url: world.sandbox.eventUrl,
          auth: API_KEY,
          channel: '/alerts/a',
          events: ['{}'],
          transport,
        }),
        (error: AppError) =>
          error.code === 'UNAUTHORIZED' && /publish to \/alerts\/a was refused/.test(error.message),
      );
    }
    assert.equal(events.openSockets(), 0);
  });

  test('two subscriptions with different modes share one connection; events go to the matching one', async () => {
    const events = service();
    const before = world.sandbox.events.realtime.connectionCount();
    const rooms = recorder();
    const alerts = recorder();
    const a = await events.subscribe(
      { url: world.sandbox.eventUrl, auth: IAM, channel: '/default/rooms/*' },
      rooms.listener,
    );
    const b = await events.subscribe(
      { url: world.sandbox.eventUrl, auth: API_KEY, channel: '/alerts/disk' },
      alerts.listener,
    );
    await Promise.all([a.ready, b.ready]);
    assert.equal(world.sandbox.events.realtime.connectionCount() - before, 1);
    await events.publish({
      url: world.sandbox.eventUrl,
      auth: IAM,
      channel: '/alerts/disk',
      events: ['"full"'],
    });
    await events.publish({
      url: world.sandbox.eventUrl,
      auth: IAM,
      channel: '/default/rooms/1',
      events: ['"hi"'],
    });
    await events.publish({
      url: world.sandbox.eventUrl,
      auth: IAM,
      channel: '/default/lobby',
      events: ['"no"'],
    });
    await rooms.until(
      () => rooms.events.length === 1 && alerts.events.length === 1,
      'one event each',
    );
    assert.deepEqual([rooms.events, alerts.events], [['hi'], ['full']]);
    await a.stop();
    assert.equal(events.openSockets(), 1, 'the other subscription keeps the socket');
    await b.stop();
    assert.equal(events.openSockets(), 0);
  });

  test('when the server drops the socket, the client reconnects and subscribes everything again', async () => {
    const events = service();
    const seen = recorder();
    const other = recorder();
    const handle = await events.subscribe(
      { url: world.sandbox.eventUrl, auth: IAM, channel: '/default/*' },
      seen.listener,
    );
    const second = await events.subscribe(
      { url: world.sandbox.eventUrl, auth: API_KEY, channel: '/alerts/*' },
      other.listener,
    );
    await Promise.all([handle.ready, second.ready]);
    world.sandbox.events.realtime.dropConnections();
    await seen.until(() => seen.states.some((s) => s.status === 'reconnecting'), 'reconnecting');
    await seen.until(
      () => seen.states.at(-1)?.status === 'active' && other.states.at(-1)?.status === 'active',
      'active again',
    );
    await events.publish({
      url: world.sandbox.eventUrl,
      auth: API_KEY,
      channel: '/default/after',
      events: ['"back"'],
    });
    await events.publish({
      url: world.sandbox.eventUrl,
      auth: IAM,
      channel: '/alerts/after',
      events: ['"too"'],
    });
    await seen.until(
      () => seen.events.length === 1 && other.events.length === 1,
      'events after the reconnect',
    );
    assert.deepEqual([seen.events, other.events], [['back'], ['too']]);
    await events.stopAll();
  });

  test('nothing invalid is sent: a bad channel, six events, a non-JSON event, a wildcard publish, a GraphQL URL', async () => {
    const events = service();
    const url = world.sandbox.eventUrl;
    const refused = async (request: Parameters<EventsService['publish']>[0], pattern: RegExp) =>
      assert.rejects(
        events.publish(request),
        (e: AppError) => e.code === 'INVALID_INPUT' && pattern.test(e.message),
      );
    await refused(
      { url, auth: API_KEY, channel: '/default/a', events: Array(6).fill('{}') },
      /at most 5 events/,
    );
    await refused(
      { url, auth: API_KEY, channel: '/default/a', events: ['{oops'] },
      /event 1 is not JSON/,
    );
    await refused({ url, auth: API_KEY, channel: '/default/*', events: ['{}'] }, /no wildcard/);
    await refused(
      { url, auth: API_KEY, channel: '/default/a b', events: ['{}'] },
      /not 1–50 letters/,
    );
    await refused(
      { url, auth: API_KEY, channel: '/default/a', events: [`"${'x'.repeat(240 * 1024)}"`] },
      /AppSync takes at most 245760/,
    );
    await refused(
      { url: world.sandbox.graphqlUrl, auth: API_KEY, channel: '/default/a', events: ['{}'] },
      /not an Event API endpoint/,
    );
    await assert.rejects(
      events.subscribe({ url, auth: API_KEY, channel: '/*' }),
      (e: AppError) => e.code === 'INVALID_INPUT' && /after the namespace/.test(e.message),
    );
  });
});
