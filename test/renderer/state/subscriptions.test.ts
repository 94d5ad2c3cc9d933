import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SubscriptionsState } from '../../../renderer/src/lib/state/subscriptions.svelte.ts';
import { TabsState } from '../../../renderer/src/lib/state/tabs.svelte.ts';
import type { WorkspaceDTO } from '../../../shared/workspace.ts';
import { demoWorkbench, type StoreHarness } from './store-harness.ts';

const ON_CREATE = 'subscription OnCreate { onCreateNote { id title } }';

describe('SubscriptionsState on the demo sandbox', () => {
  let h: StoreHarness & { workspace: WorkspaceDTO };
  let endpointId: string;
  const createNote = (title: string) =>
    h.api.requests.run({
      endpointId,
      authMode: 'API_KEY',
      query: 'mutation($t: String!) { createNote(input: {title: $t}) { id } }',
      variables: { t: title },
    });

  before(async () => {
    h = await demoWorkbench('store-subscriptions');
    endpointId = h.workspace.demo!.endpointId;
  });
  after(() => h.close());

  test('running a subscription tab streams into the tab; closing the tab stops it', async () => {
    const tabs = new TabsState(h.api);
    const subscriptions = new SubscriptionsState(h.api, tabs);
    const tab = tabs.open({ endpointId, query: ON_CREATE });
    await tabs.run(tab);
    assert.equal(tab.failure, null);
    const stream = subscriptions.forTab(tab.draft.id)!;
    assert.ok(subscriptions.showsStream(tab));
    await h.until(() => stream.state.status === 'active', 'the subscription to be active');
    assert.equal(subscriptions.runningCount, 1);
    await createNote('first');
    await createNote('second');
    await h.until(() => stream.messages.length === 2, 'two messages');
    assert.deepEqual(
      stream.messages.map(
        (m) => (m.payload as { data: { onCreateNote: { title: string } } }).data.onCreateNote.title,
      ),
      ['second', 'first'],
    );
    tabs.close(tab.draft.id);
    await h.until(() => !stream.live, 'the stream to stop');
    assert.equal(subscriptions.forTab(tab.draft.id), undefined);
    assert.equal(subscriptions.runningCount, 0);
    await h.until(() => h.workbench.core.realtime.openSockets() === 0, 'the socket to close');
  });

  test('after a reload, a running subscription shows again in its tab', async () => {
    const tabs = new TabsState(h.api);
    const subscriptions = new SubscriptionsState(h.api, tabs);
    const tab = tabs.open({ endpointId, query: ON_CREATE });
    await tabs.run(tab);
    const reloaded = new SubscriptionsState(h.api, new TabsState(h.api));
    await h.until(() => reloaded.forTab(tab.draft.id) !== undefined, 'the adopted stream');
    const adopted = reloaded.forTab(tab.draft.id)!;
    assert.equal(adopted.id, subscriptions.forTab(tab.draft.id)?.id);
    await reloaded.stop(adopted);
    assert.equal(adopted.live, false);
    await subscriptions.stop(subscriptions.forTab(tab.draft.id)!);
    assert.equal(
      subscriptions.runningCount,
      0,
      'a stream already ended in main is stopped here too',
    );
  });

  test('which operation is a subscription, and what the answer area shows', () => {
    const tabs = new TabsState(h.api);
    const subscriptions = new SubscriptionsState(h.api, tabs);
    const both = `query Q { listNotes { items { id } } }\n${ON_CREATE}`;
    assert.equal(subscriptions.isSubscription(ON_CREATE, undefined), true);
    assert.equal(subscriptions.isSubscription(both, undefined), false, 'several, none chosen');
    assert.equal(subscriptions.isSubscription(both, 'OnCreate'), true);
    const tab = tabs.open({ endpointId, query: both, operationName: 'Q' });
    assert.equal(subscriptions.showsStream(tab), false);
    tab.draft.operationName = 'OnCreate';
    assert.equal(subscriptions.showsStream(tab), true);
  });

  test('a subscription through a collection request is refused with a next step', async () => {
    const tabs = new TabsState(h.api);
    new SubscriptionsState(h.api, tabs);
    const tab = tabs.open({
      query: ON_CREATE,
      origin: { kind: 'collection', folder: '/c', requestId: 'r', version: 'v', ownUrl: true },
    });
    await tabs.run(tab);
    assert.match(tab.failure?.message ?? '', /needs a saved endpoint/);
  });
});
