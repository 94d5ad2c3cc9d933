/**
 * The real-time client against an endpoint that keeps dropping the link, over real sockets: it
 * retries with backoff, counts every attempt once, gives up after `maxAttempts` and says so;
 * a link that works between drops (each start acknowledged) is never given up on.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { PeerWorlds } from './support/peer-worlds.ts';
import type { PeerConnection, PeerScript } from './support/scripted-peer.ts';

const worlds = new PeerWorlds();
after(() => worlds.closeAll());

const world = (script: PeerScript, maxAttempts: number) =>
  worlds.open(script, {
    ackTimeoutMs: 1000,
    startAckTimeoutMs: 1000,
    reconnect: { baseMs: 10, maxMs: 40, maxAttempts },
  });

const DROPS: [string, PeerScript, RegExp][] = [
  [
    'before connection_ack',
    { onInit: (connection) => connection.drop() },
    /the server closed the connection during the handshake/,
  ],
  [
    'after connection_ack, at the start',
    {
      onInit: (connection) => connection.ack(60_000),
      onStart: (connection) => connection.drop(),
    },
    /The real-time connection closed unexpectedly/,
  ],
];

describe('real-time reconnects', () => {
  for (const [when, script, reason] of DROPS) {
    test(`the server drops every link ${when}: the client gives up after maxAttempts and says so`, async () => {
      const { peer, client, until } = await world(script, 3);
      const sub = await client.subscribe(peer.graphqlUrl);
      const state = await sub.handle.ready;

      assert.equal(state.status, 'failed');
      assert.equal(state.error?.code, 'NETWORK');
      assert.match(state.error?.message ?? '', reason);
      assert.match(state.error?.message ?? '', /Gave up after 3 reconnect attempts\.$/);
      assert.deepEqual(
        sub.states.filter((s) => s.status === 'reconnecting').map((s) => s.reconnectAttempt),
        [1, 2, 3],
        'each attempt counted once, in order',
      );
      assert.equal(sub.last()?.status, 'failed');
      // The first connection and three retries, no more.
      assert.equal(peer.connections.length, 4);
      await until(() => peer.connections.every((c) => c.closed), 'every link closed');
      assert.equal(client.service.openSockets(), 0);
      assert.deepEqual(client.service.list(), []);
      await until(() => client.ended.length === 1, 'the history record');
      assert.equal(client.ended[0]!.status, 'failed');
      assert.equal(client.ended[0]!.errors.length, 4, 'three retry reasons and the final error');
    });
  }

  test('a link that drops after every start_ack, more often than maxAttempts, is never given up on', async () => {
    const drops = 4;
    const { peer, client, until } = await world(
      {
        onInit: (connection) => connection.ack(60_000),
        onStart: (connection: PeerConnection, start) =>
          void connection.startAck(start.id).then(() => {
            if (connection.number <= drops) connection.drop();
          }),
      },
      2,
    );
    const sub = await client.subscribe(peer.graphqlUrl);
    await until(
      () => peer.connections.length === drops + 1 && sub.last()?.status === 'active',
      `active on link ${drops + 1}`,
    );

    assert.ok(!sub.statuses().includes('failed'));
    // Every acknowledged start resets the count: each drop is a first attempt again.
    assert.deepEqual(
      sub.states.filter((s) => s.status === 'reconnecting').map((s) => s.reconnectAttempt),
      Array.from({ length: drops }, () => 1),
    );
    assert.equal(sub.last()?.reconnectAttempt, 0);
    await sub.handle.stop();
    assert.equal(sub.handle.state().status, 'stopped');
  });
});
