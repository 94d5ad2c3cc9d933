/**
 * A hostile Events endpoint cannot take the client (or the process) down or get a secret out:
 * frames that are not JSON, have the wrong shape, nest absurdly deep or are far too large are
 * dropped or end the link (which reconnects), and an event echoing the API key reaches the
 * listener with the key scrubbed. The peer is a real WebSocket server on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { EventsService } from '../../../main/core/events/events-service.ts';
import type { ChannelSubscriptionStateDTO } from '../../../shared/events.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

const API_KEY = 'da2-hostilepeertestkey0000000001';
let server: Server;
let url: string;
let onSubscribe: (socket: WebSocket, id: string) => void = () => {};
let connections = 0;

before(async () => {
  server = createServer();
  const wss = new WebSocketServer({ server, handleProtocols: () => 'aws-appsync-event-ws' });
  wss.on('connection', (socket) => {
    connections += 1;
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string; id: string };
      if (frame.type === 'connection_init') {
        socket.send('not json at all');
        socket.send('{"type":"connection_ack","connectionTimeoutMs":"soon"}');
      }
      if (frame.type === 'subscribe') {
        socket.send(JSON.stringify({ type: 'subscribe_success', id: frame.id }));
        onSubscribe(socket, frame.id);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/event`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('garbage, deep nesting, echoed secrets and an oversize frame neither crash nor leak', async () => {
  const events = new EventsService({
    env: { HOSTILE_KEY: API_KEY },
    credentials: new StaticCredentialSource({}),
    vault: { get: async () => null, put: async () => undefined, delete: async () => undefined },
    options: {
      maxFrameBytes: 64 * 1024,
      reconnect: { baseMs: 10, maxMs: 20, maxAttempts: 5 },
      batching: { intervalMs: 5 },
    },
  });
  const received: unknown[] = [];
  const states: ChannelSubscriptionStateDTO[] = [];
  let first = true;
  let reconnected = () => {};
  onSubscribe = (socket, id) => {
    if (!first) {
      socket.send(JSON.stringify({ type: 'data', id, event: '"after the reconnect"' }));
      return;
    }
    first = false;
    socket.send('[1,2,3]');
    socket.send('{"type":"data","id":42,"event":"{}"}');
    socket.send(JSON.stringify({ type: 'data', id, event: { not: 'a string' } }));
    socket.send(JSON.stringify({ type: 'data', id: 'someone-else', event: '1' }));
    socket.send(JSON.stringify({ type: 'data', id, event: '['.repeat(10_000) }));
    socket.send(JSON.stringify({ type: 'data', id, event: `{"echo":"${API_KEY}"}` }));
    socket.send(JSON.stringify({ type: 'data', id, event: '{broken' }));
    socket.send(JSON.stringify({ type: 'data', id, event: 'x'.repeat(70 * 1024) }));
  };
  const handle = await events.subscribe(
    {
      url,
      auth: { type: 'API_KEY', source: { from: 'env', variable: 'HOSTILE_KEY' } },
      channel: '/default/*',
    },
    {
      onBatch: (batch) => {
        received.push(...batch.messages.map((m) => m.payload));
        if (received.includes('after the reconnect')) reconnected();
      },
      onState: (state) => states.push(state),
    },
  );
  assert.equal((await handle.ready).status, 'active');
  // Waits for the event sent after the reconnect (or gives up after 5 s; the asserts say why).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    reconnected = () => {
      clearTimeout(timer);
      resolve();
    };
    if (received.includes('after the reconnect')) reconnected();
  });
  await handle.stop();
  assert.ok(
    states.some((s) => s.status === 'reconnecting'),
    'the oversize frame ended the link',
  );
  assert.match(
    states.find((s) => s.status === 'reconnecting')?.error?.message ?? '',
    /sent a frame larger than 65536 bytes/,
  );
  assert.equal(connections, 2);
  const [deep, echoed, broken, after] = received;
  assert.equal(typeof deep, 'string', 'too deep to parse: kept as text');
  assert.deepEqual(echoed, { echo: '<redacted>' });
  assert.equal(broken, '{broken');
  assert.equal(after, 'after the reconnect');
  assert.equal(received.length, 4);
  assert.ok(!JSON.stringify(received).includes(API_KEY));
});
