/**
 * The AppSync Events methods through the router: bad input (a wildcard publish, six events, not
 * JSON, no target) never reaches the core; against the demo sandbox's Event API a subscription
 * to `/default/*` receives what is published over HTTP and over the WebSocket as
 * `events.batch`; a namespace that refuses the mode is a clear error; a GraphQL endpoint is
 * refused; history keeps each publish and subscription without its payloads; leaving the
 * workspace unsubscribes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventsHandlers } from '../../main/ipc/events-handlers.ts';
import { OperationRegistry } from '../../main/ipc/operations.ts';
import { createRouter } from '../../main/ipc/router.ts';
import type { Workbench } from '../../main/ipc/workbench-router.ts';
import type {
  ChannelSubscriptionStateDTO,
  PublishResultDTO,
  RunningChannelDTO,
} from '../../shared/events.ts';
import type { HistoryPageDTO } from '../../shared/history.ts';
import type { MessageBatchDTO } from '../../shared/realtime.ts';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import {
  assertRefused,
  openDemoWorkbench,
  untouchedCore,
  type DemoWorkbench,
} from '../support/demo-workbench.ts';

describe('events handlers', () => {
  test('invalid input is refused with INVALID_INPUT before the core runs', async () => {
    const { core, touched, unused } = untouchedCore();
    const router = createRouter({
      ...unused,
      ...eventsHandlers({
        core: () => core,
        operations: new OperationRegistry(),
        emit: () => undefined,
      }),
    });
    const publish = { endpointId: 'e1', channel: '/default/chat', events: '{"a":1}' };
    const big = JSON.stringify({ text: 'x'.repeat(240 * 1024) });
    const cases: [string, unknown, RegExp][] = [
      ['events.publish', { ...publish, channel: '/default/*' }, /no wildcard/],
      ['events.publish', { ...publish, channel: '/a/b/c/d/e/f' }, /at most 5 segments/],
      ['events.publish', { ...publish, channel: '/default/a b' }, /letters, digits or dashes/],
      ['events.publish', { ...publish, events: '[1,2,3,4,5,6]' }, /at most 5 events/],
      ['events.publish', { ...publish, events: '{"a":1}\nnot json' }, /line 2 is not JSON/],
      ['events.publish', { ...publish, events: '   ' }, /at least one event/],
      ['events.publish', { ...publish, events: big }, /event 1 is \d+ bytes/],
      ['events.publish', { ...publish, transport: 'smoke' }, /http or websocket/],
      ['events.publish', { channel: '/default/a', events: '{}' }, /endpointId.*or an Event API/],
      [
        'events.publish',
        { ...publish, url: 'https://x.example/event' },
        /an endpointId or a url, not both/,
      ],
      [
        'events.publish',
        { url: 'https://x.example/graphql', channel: '/default/a', events: '{}' },
        /ends in \/event/,
      ],
      [
        'events.subscribe',
        { url: 'https://x.example/event', channel: '/default/*', authMode: 'API_KEY' },
        /a bare URL signs with AWS_IAM/,
      ],
      ['events.subscribe', { endpointId: 'e1', channel: '/*' }, /after the namespace/],
      ['events.subscribe', { endpointId: 'e1', channel: '/default/*', apiKey: 'da2-x' }, /apiKey/],
      ['events.unsubscribe', {}, /id/],
      ['events.list', { all: true }, /all/],
    ];
    await assertRefused(router, cases);
    assert.deepEqual(touched, []);
  });

  describe('through a real workbench on the demo sandbox', () => {
    let workbench: Workbench;
    let workspace: WorkspaceDTO;
    let call: DemoWorkbench['call'];
    let until: DemoWorkbench['until'];
    const batches: MessageBatchDTO[] = [];
    const states: ChannelSubscriptionStateDTO[] = [];

    const statusOf = (id: string) => states.filter((s) => s.id === id).at(-1)?.status;
    const payloadsOf = (id: string) =>
      batches
        .filter((b) => b.subscriptionId === id)
        .flatMap((b) => b.messages)
        .map((m) => m.payload);

    before(async () => {
      ({ workbench, workspace, call, until } = await openDemoWorkbench(
        'events-handlers',
        (event, payload) => {
          if (event === 'events.batch') batches.push(payload as MessageBatchDTO);
          if (event === 'events.state') states.push(payload as ChannelSubscriptionStateDTO);
        },
      ));
    });

    after(async () => {
      await workbench?.close();
    });

    test('a /default/* subscription receives publishes over HTTP and over the WebSocket', async () => {
      const endpointId = workspace.demo!.eventEndpointId;
      assert.match(workspace.demo!.eventUrl, /^http:\/\/127\.0\.0\.1:\d+\/event$/);
      const started = await call<RunningChannelDTO>('events.subscribe', {
        endpointId,
        channel: '/default/*',
      });
      assert.equal(started.authMode, 'API_KEY', "the demo Event API's primary mode");
      assert.equal(started.endpointId, endpointId);
      assert.equal(started.channel, '/default/*');
      assert.match(started.realtimeUrl, /^ws:\/\/127\.0\.0\.1:\d+\/event\/realtime$/);
      await until(() => statusOf(started.id) === 'active', 'the subscription to be active');
      const listed = await call<RunningChannelDTO[]>('events.list', {});
      assert.deepEqual(
        listed.map((s) => [s.id, s.endpointId, s.status]),
        [[started.id, endpointId, 'active']],
      );

      const overHttp = await call<PublishResultDTO>('events.publish', {
        endpointId,
        channel: '/default/chat',
        events: '[{"by":"http","n":1},{"by":"http","n":2}]',
      });
      assert.equal(overHttp.transport, 'http');
      assert.equal(overHttp.httpStatus, 200);
      assert.deepEqual(
        overHttp.successful.map((e) => e.index),
        [0, 1],
      );
      assert.deepEqual(overHttp.failed, []);

      const overSocket = await call<PublishResultDTO>('events.publish', {
        endpointId,
        authMode: 'AWS_IAM',
        channel: '/default/room-2',
        events: '{"by":"websocket"}',
        transport: 'websocket',
      });
      assert.equal(overSocket.transport, 'websocket');
      assert.equal(overSocket.authMode, 'AWS_IAM');
      assert.equal(overSocket.successful.length, 1);

      await until(() => payloadsOf(started.id).length === 3, 'three events');
      assert.deepEqual(payloadsOf(started.id), [
        { by: 'http', n: 1 },
        { by: 'http', n: 2 },
        { by: 'websocket' },
      ]);
      // Nothing the renderer receives holds the API key or the Lambda token.
      assert.doesNotMatch(JSON.stringify({ batches, states }), /da2-|sandbox-demo-lambda/);

      const final = await call<ChannelSubscriptionStateDTO>('events.unsubscribe', {
        id: started.id,
      });
      assert.equal(final.status, 'stopped');
      assert.equal(final.messageCount, 3);
      assert.deepEqual(await call('events.list', {}), []);
      const again = await workbench.router.dispatch('events.unsubscribe', { id: started.id });
      assert.ok(!again.ok && again.error.code === 'NOT_FOUND');
    });

    test('a namespace that refuses the mode, a missing mode and a GraphQL endpoint are explained', async () => {
      const endpointId = workspace.demo!.eventEndpointId;
      const refused = await workbench.router.dispatch('events.publish', {
        endpointId,
        channel: '/iam/jobs',
        events: '{"secret":"payload-not-for-history"}',
      });
      assert.ok(!refused.ok);
      assert.equal(refused.error.code, 'UNAUTHORIZED');
      assert.match(
        refused.error.message,
        /publish to \/iam\/jobs was refused: .*Namespace "iam" may not let API_KEY publish/,
      );

      // A bare Event API URL signs with a profile: IAM needs no secret from the renderer.
      const byUrl = await call<PublishResultDTO>('events.publish', {
        url: workspace.demo!.eventUrl,
        profile: 'sandbox-keys',
        region: 'us-east-1',
        channel: '/iam/by-url',
        events: '{"n":2}',
      });
      assert.equal(byUrl.authMode, 'AWS_IAM');
      assert.equal(byUrl.successful.length, 1);

      const lambda = await call<PublishResultDTO>('events.publish', {
        endpointId,
        authMode: 'AWS_LAMBDA',
        channel: '/lambda/jobs',
        events: '{"n":1}',
      });
      assert.equal(lambda.successful.length, 1);

      const lacking = await workbench.router.dispatch('events.subscribe', {
        endpointId,
        authMode: 'OPENID_CONNECT',
        channel: '/default/*',
      });
      assert.ok(!lacking.ok);
      assert.match(lacking.error.message, /does not enable OPENID_CONNECT; choose one of API_KEY/);

      const graphql = await workbench.router.dispatch('events.subscribe', {
        endpointId: workspace.demo!.endpointId,
        channel: '/default/*',
      });
      assert.ok(!graphql.ok);
      assert.equal(graphql.error.code, 'INVALID_INPUT');
      assert.match(
        graphql.error.message,
        /is a GraphQL API .*Event API, whose URL ends in \/event/,
      );
    });

    test('history keeps each publish and subscription, never the events they carried', async () => {
      const page = await call<HistoryPageDTO>('history.list', {});
      const entries = page.groups.flatMap((g) => g.entries);
      const publishes = entries.filter((e) => e.operationType === 'publish');
      const channels = entries.filter((e) => e.operationType === 'channel');
      assert.deepEqual(publishes.map((e) => e.operationName).sort(), [
        'publish /default/chat',
        'publish /default/room-2',
        'publish /iam/by-url',
        'publish /iam/jobs',
        'publish /lambda/jobs',
      ]);
      assert.deepEqual(
        channels.map((e) => [e.operationName, e.status]),
        [['subscribe /default/*', 'success']],
      );
      const chat = publishes.find((e) => e.operationName === 'publish /default/chat')!;
      assert.equal(chat.status, 'success');
      assert.equal(chat.authMode, 'API_KEY');
      assert.deepEqual(
        [chat.endpoint.id, chat.endpoint.name],
        [workspace.demo!.eventEndpointId, 'Sandbox Event API (demo)'],
      );
      const iam = publishes.find((e) => e.operationName === 'publish /iam/jobs')!;
      assert.equal(iam.status, 'error');
      const detail = await call<{ query: string; variables: unknown }>('history.get', {
        id: chat.id,
      });
      assert.match(detail.query, /2 events published to \/default\/chat over http: 2 accepted/);
      const channel = await call<{ subscription: { messageCount: number } }>('history.get', {
        id: channels[0]!.id,
      });
      assert.equal(channel.subscription.messageCount, 3);
      const everything = JSON.stringify(
        await Promise.all(entries.map((e) => call('history.get', { id: e.id }))),
      );
      assert.doesNotMatch(everything, /"by"|payload-not-for-history|da2-|sandbox-demo-lambda/);
    });

    test('leaving the workspace ends its channel subscriptions and closes their socket', async () => {
      const started = await call<RunningChannelDTO>('events.subscribe', {
        endpointId: workspace.demo!.eventEndpointId,
        channel: '/apikey/*',
      });
      await until(() => statusOf(started.id) === 'active', 'the subscription');
      const demoCore = workbench.core;
      await call('workspace.leaveDemo', {});
      assert.equal(statusOf(started.id), 'stopped');
      assert.equal(demoCore.events.openSockets(), 0);
      assert.deepEqual(await call('events.list', {}), []);
    });
  });
});
