/**
 * The real-time client when the endpoint goes quiet, against a scripted peer over real sockets:
 * no `connection_ack` (retried, then a TIMEOUT that names the ack), no `start_ack` (that one
 * subscription fails and is stopped; the socket stays for the others), and keep-alives that
 * stop (the link is dropped after the `connectionTimeoutMs` the ack announced, then reopened
 * and the subscription started again).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { RealtimeOptions } from '../../../main/core/realtime/realtime-service.ts';
import { PeerWorlds } from './support/peer-worlds.ts';
import type { PeerScript } from './support/scripted-peer.ts';

const worlds = new PeerWorlds();
after(() => worlds.closeAll());

const world = (script: PeerScript, options: RealtimeOptions) =>
  worlds.open(script, { reconnect: { baseMs: 10, maxMs: 20, maxAttempts: 5 }, ...options });

describe('real-time timeouts', () => {
  test('no connection_ack: each attempt times out, is retried, and the user is told why it gave up', async () => {
    const { peer, client, until } = await world(
      {}, // hears connection_init, never answers
      // Long enough for the upgrade itself on a loaded machine: the peer must see every attempt.
      { ackTimeoutMs: 500, reconnect: { baseMs: 10, maxMs: 20, maxAttempts: 2 } },
    );
    const sub = await client.subscribe(peer.graphqlUrl);
    const state = await sub.handle.ready;

    assert.equal(state.status, 'failed');
    assert.equal(state.error?.code, 'TIMEOUT');
    assert.match(state.error?.message ?? '', /no connection_ack within 500 ms/);
    assert.match(state.error?.message ?? '', /Gave up after 2 reconnect attempts/);
    assert.deepEqual(sub.statuses(), ['connecting', 'reconnecting', 'reconnecting', 'failed']);
    assert.deepEqual(
      sub.states.filter((s) => s.status === 'reconnecting').map((s) => s.reconnectAttempt),
      [1, 2],
    );
    // The first attempt and two retries, each abandoned by the client.
    await until(() => peer.connections.length === 3, 'three attempts reached the peer');
    await until(() => peer.connections.every((c) => c.closed), 'every attempt closed');
    assert.ok(peer.connections.every((c) => c.frames.some((f) => f.type === 'connection_init')));
    assert.equal(client.service.openSockets(), 0);
    // History keeps each retry's reason and the final error.
    await until(() => client.ended.length === 1, 'the history record');
    const record = client.ended[0]!;
    assert.equal(record.status, 'failed');
    assert.deepEqual(
      record.errors.map((e) => e.code),
      ['TIMEOUT', 'TIMEOUT', 'TIMEOUT'],
    );
  });

  test('no start_ack: that subscription fails as TIMEOUT and is stopped; its neighbour stays active', async () => {
    const { peer, client, until } = await world(
      {
        onInit: (connection) => connection.ack(60_000),
        // Only the subscription named Answered is acknowledged.
        onStart: (connection, start) => {
          if (start.payload?.data?.includes('Answered')) void connection.startAck(start.id);
        },
      },
      { startAckTimeoutMs: 300 },
    );
    const answered = await client.subscribe(
      peer.graphqlUrl,
      undefined,
      'subscription Answered { onCreateNote { id } }',
    );
    const ignored = await client.subscribe(peer.graphqlUrl);

    assert.equal((await answered.handle.ready).status, 'active');
    const state = await ignored.handle.ready;
    assert.equal(state.status, 'failed');
    assert.equal(state.error?.code, 'TIMEOUT');
    assert.match(state.error?.message ?? '', /did not acknowledge the subscription within 300 ms/);
    assert.deepEqual(ignored.statuses(), ['connecting', 'subscribing', 'failed']);

    const [connection] = peer.connections;
    await until(
      () => connection!.frames.some((f) => f.type === 'stop' && f.id === ignored.handle.id),
      'the stop of the unacknowledged subscription',
    );
    const stops = connection!.frames.filter((f) => f.type === 'stop');
    assert.deepEqual(
      stops.map((f) => f.id),
      [ignored.handle.id],
      'exactly one stop, for the subscription that timed out',
    );
    assert.equal(peer.connections.length, 1);
    assert.equal(connection!.closed, false);
    assert.equal(answered.handle.state().status, 'active');
    assert.equal(client.service.openSockets(), 1);

    await answered.handle.stop();
    await until(() => connection!.closed, 'the socket to close after the last stop');
    assert.equal(client.service.openSockets(), 0);
  });

  test('keep-alives stop: after the connectionTimeoutMs of the ack the client drops the link, reconnects and re-subscribes', async () => {
    const { peer, client, until } = await world(
      {
        onInit: (connection) => connection.ack(300, 20),
        onStart: (connection, start) => void connection.startAck(start.id),
      },
      {},
    );
    const sub = await client.subscribe(peer.graphqlUrl);
    assert.equal((await sub.handle.ready).status, 'active');
    const [first] = peer.connections;

    // Keep-alives hold the link well past the announced timeout.
    await until(() => first!.keepAlivesSent >= 20, 'twenty keep-alives (400 ms)');
    assert.equal(peer.connections.length, 1);
    assert.equal(sub.last()?.status, 'active');

    first!.stopKeepAlives();
    await until(() => sub.last()?.status === 'reconnecting', 'the client to notice the silence');
    assert.equal(sub.last()?.reconnectAttempt, 1);
    await until(() => first!.closed, 'the silent socket to be closed by the client');

    await until(() => sub.last()?.status === 'active', 'active again on a new socket');
    assert.equal(peer.connections.length, 2);
    const second = peer.connections[1]!;
    assert.deepEqual(
      second.starts().map((s) => s.id),
      [sub.handle.id],
      'the same subscription started again on the new socket',
    );
    assert.equal(second.header['x-api-key'], first!.header['x-api-key']);

    await sub.handle.stop();
    await until(() => client.ended.length === 1, 'the history record');
    const lost = client.ended[0]!.errors[0];
    assert.equal(lost?.code, 'TIMEOUT');
    assert.match(lost?.message ?? '', /No keep-alive from the real-time endpoint for 300 ms/);
    assert.equal(client.ended[0]!.status, 'stopped');
  });
});
