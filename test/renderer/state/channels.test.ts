import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ChannelsState } from '../../../renderer/src/lib/state/channels.svelte.ts';
import type { WorkspaceDTO } from '../../../shared/workspace.ts';
import { demoWorkbench, type StoreHarness } from './store-harness.ts';

describe('ChannelsState on the demo sandbox', () => {
  let h: StoreHarness & { workspace: WorkspaceDTO };
  let endpointId: string;

  before(async () => {
    h = await demoWorkbench('store-channels');
    endpointId = h.workspace.demo!.eventEndpointId;
  });
  after(() => h.close());

  test('a wildcard subscription receives what is published, newest first', async () => {
    const channels = new ChannelsState(h.api);
    await channels.subscribe(endpointId, null, '/default/*');
    assert.equal(channels.subscribeError, null);
    assert.equal(channels.subscribing, false);
    const [entry] = channels.forEndpoint(endpointId);
    assert.equal(entry?.channel, '/default/*');
    await h.until(() => entry!.stream.state.status === 'active', 'the subscription to be active');
    await channels.publish({
      endpointId,
      authMode: null,
      channel: '/default/chat',
      events: '{"n":1}\n{"n":2}',
      transport: 'http',
    });
    assert.equal(channels.lastPublish?.error, null);
    assert.deepEqual(
      channels.lastPublish?.result?.successful.map((e) => e.index),
      [0, 1],
    );
    await h.until(() => entry!.stream.messages.length === 2, 'both events');
    await channels.unsubscribe(entry!);
    assert.equal(entry!.stream.live, false);
    channels.dismiss(entry!);
    assert.deepEqual(channels.forEndpoint(endpointId), []);
  });

  test('a refused publish is kept with its code, for its own endpoint', async () => {
    const channels = new ChannelsState(h.api);
    await channels.publish({
      endpointId: 'no-such-endpoint',
      authMode: null,
      channel: '/default/chat',
      events: '{"n":1}',
      transport: 'http',
    });
    assert.equal(channels.lastPublish?.endpointId, 'no-such-endpoint');
    assert.equal(channels.lastPublish?.result, null);
    assert.equal(channels.lastPublish?.error?.code, 'ENDPOINT_NOT_FOUND');
    assert.equal(channels.publishing, false);
  });

  test('a subscription main refuses says why', async () => {
    const channels = new ChannelsState(h.api);
    await channels.subscribe(endpointId, null, '/*');
    assert.match(channels.subscribeError ?? '', /after the namespace/);
    assert.deepEqual(channels.streams, []);
  });

  test('after a reload, running channel subscriptions show again', async () => {
    const channels = new ChannelsState(h.api);
    await channels.subscribe(endpointId, null, '/default/room');
    const reloaded = new ChannelsState(h.api);
    await h.until(() => reloaded.streams.length === 1, 'the adopted subscription');
    assert.equal(reloaded.streams[0]?.channel, '/default/room');
    assert.equal(reloaded.streams[0]?.endpointId, endpointId);
    await reloaded.unsubscribe(reloaded.streams[0]!);
    await channels.unsubscribe(channels.streams[0]!);
    assert.equal(channels.streams[0]?.stream.live, false);
  });
});
