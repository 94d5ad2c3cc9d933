/**
 * The subscription methods through the router: bad input never reaches the core; a real
 * subscription against the demo sandbox (IAM-signed and API key) delivers a mutation's event as
 * a `subscriptions.batch`; stopping answers with the final state; switching workspace or closing
 * the app stops what is running and leaves no socket behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRouter } from '../../main/ipc/router.ts';
import { realtimeHandlers, type RealtimeHandlerDeps } from '../../main/ipc/realtime-handlers.ts';
import type { Workbench } from '../../main/ipc/workbench-router.ts';
import { OperationRegistry } from '../../main/ipc/operations.ts';
import type { RunningSubscriptionDTO } from '../../shared/contract/realtime-methods.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from '../../shared/realtime.ts';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import {
  assertRefused,
  openDemoWorkbench,
  untouchedCore,
  type DemoWorkbench,
} from '../support/demo-workbench.ts';

const ON_CREATE = 'subscription OnCreate { onCreateNote { id title } }';

describe('subscription handlers', () => {
  test('invalid input is refused with INVALID_INPUT before the core runs', async () => {
    const { core, touched, unused } = untouchedCore();
    const deps: RealtimeHandlerDeps = {
      core: () => core,
      operations: new OperationRegistry(),
      emit: () => undefined,
    };
    const router = createRouter({ ...unused, ...realtimeHandlers(deps) });
    const start = { endpointId: 'e1', query: ON_CREATE };
    const cases: [string, unknown, RegExp][] = [
      ['subscriptions.start', { ...start, query: '' }, /subscription document is empty/],
      ['subscriptions.start', { query: ON_CREATE }, /endpointId/],
      ['subscriptions.start', { ...start, authMode: 'PASSWORD' }, /auth mode like AWS_IAM/],
      ['subscriptions.start', { ...start, variables: [1] }, /variables are a JSON object/],
      ['subscriptions.start', { ...start, profile: 'has space' }, /no spaces/],
      ['subscriptions.start', { ...start, apiKey: 'da2-secret' }, /apiKey/],
      ['subscriptions.start', { ...start, tabId: '' }, /id cannot be empty/],
      ['subscriptions.stop', {}, /id/],
      ['subscriptions.stop', { id: 'x'.repeat(65) }, /at most 64/],
      ['subscriptions.list', { all: true }, /all/],
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
    const states: SubscriptionStateDTO[] = [];

    const statusOf = (id: string) => states.filter((s) => s.id === id).at(-1)?.status;
    const titlesOf = (id: string) =>
      batches
        .filter((b) => b.subscriptionId === id)
        .flatMap((b) => b.messages)
        .map(
          (m) =>
            (m.payload as { data: { onCreateNote: { title: string } } }).data.onCreateNote.title,
        );
    const createNote = (endpointId: string, title: string) =>
      call('requests.run', {
        endpointId,
        authMode: 'API_KEY',
        query: 'mutation($t: String!) { createNote(input: {title: $t}) { id } }',
        variables: { t: title },
      });

    before(async () => {
      ({ workbench, workspace, call, until } = await openDemoWorkbench(
        'realtime-handlers',
        (event, payload) => {
          if (event === 'subscriptions.batch') batches.push(payload as MessageBatchDTO);
          if (event === 'subscriptions.state') states.push(payload as SubscriptionStateDTO);
        },
      ));
    });

    after(async () => {
      await workbench?.close();
    });

    test('an IAM-signed subscription receives a mutation made over HTTP, then stops', async () => {
      const endpointId = workspace.demo!.endpointId;
      const started = await call<RunningSubscriptionDTO>('subscriptions.start', {
        endpointId,
        query: ON_CREATE,
        tabId: 'tab-1',
      });
      assert.equal(started.authMode, 'AWS_IAM');
      assert.equal(started.tabId, 'tab-1');
      assert.match(started.realtimeUrl, /^ws:\/\/127\.0\.0\.1:\d+\/graphql\/realtime$/);
      await until(() => statusOf(started.id) === 'active', 'the subscription to be active');

      const listed = await call<RunningSubscriptionDTO[]>('subscriptions.list', {});
      assert.deepEqual(
        listed.map((s) => [s.id, s.tabId, s.status]),
        [[started.id, 'tab-1', 'active']],
      );

      await createNote(endpointId, 'first');
      await createNote(endpointId, 'second');
      await until(() => titlesOf(started.id).length === 2, 'two events');
      assert.deepEqual(titlesOf(started.id), ['first', 'second']);

      const final = await call<SubscriptionStateDTO>('subscriptions.stop', { id: started.id });
      assert.equal(final.status, 'stopped');
      assert.equal(final.messageCount, 2);
      assert.equal(statusOf(started.id), 'stopped');
      assert.deepEqual(await call('subscriptions.list', {}), []);
      assert.equal(workbench.core.realtime.openSockets(), 0);

      const again = await workbench.router.dispatch('subscriptions.stop', { id: started.id });
      assert.ok(!again.ok && again.error.code === 'NOT_FOUND');
    });

    test('the API key mode is chosen by name; a mode the endpoint lacks is explained', async () => {
      const endpointId = workspace.demo!.endpointId;
      const started = await call<RunningSubscriptionDTO>('subscriptions.start', {
        endpointId,
        authMode: 'API_KEY',
        query: ON_CREATE,
      });
      assert.equal(started.authMode, 'API_KEY');
      await until(() => statusOf(started.id) === 'active', 'the API key subscription');
      await createNote(endpointId, 'by key');
      await until(() => titlesOf(started.id).includes('by key'), 'the event');
      // Nothing the renderer receives holds the key.
      assert.doesNotMatch(JSON.stringify({ batches, states }), /da2-/);
      await call('subscriptions.stop', { id: started.id });

      const lacking = await workbench.router.dispatch('subscriptions.start', {
        endpointId,
        authMode: 'AWS_LAMBDA',
        query: ON_CREATE,
      });
      assert.ok(!lacking.ok);
      assert.equal(lacking.error.code, 'INVALID_INPUT');
      assert.match(
        lacking.error.message,
        /does not enable AWS_LAMBDA; choose one of AWS_IAM, API_KEY/,
      );

      const notSubscription = await workbench.router.dispatch('subscriptions.start', {
        endpointId,
        query: 'query { whoami { authMode } }',
      });
      assert.ok(!notSubscription.ok && /not a subscription/.test(notSubscription.error.message));
    });

    test('leaving the workspace stops its subscriptions and closes their socket', async () => {
      const started = await call<RunningSubscriptionDTO>('subscriptions.start', {
        endpointId: workspace.demo!.endpointId,
        authMode: 'API_KEY',
        query: ON_CREATE,
      });
      await until(() => statusOf(started.id) === 'active', 'the subscription');
      const demoCore = workbench.core;
      await call('workspace.leaveDemo', {});
      assert.equal(statusOf(started.id), 'stopped');
      assert.equal(demoCore.realtime.openSockets(), 0);
      assert.deepEqual(await call('subscriptions.list', {}), []);
    });
  });
});
