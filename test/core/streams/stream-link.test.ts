/**
 * The shared link on its own, with a minimal protocol over a real local socket: its members
 * share one socket, a member leaving tells the server but keeps the socket for the others, and
 * the last one leaving closes it cleanly (1000) and forgets the link.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../../shared/errors.ts';
import {
  StreamLink,
  type StreamAuth,
  type StreamMember,
} from '../../../main/core/streams/stream-link.ts';
import type { SocketWire } from '../../../main/core/streams/stream-socket.ts';
import { Changes } from '../realtime/support/changes.ts';

type Frame = { type: string; id?: string };

const wire: SocketWire<Frame> = {
  read: (text) => JSON.parse(text) as Frame,
  handshake: (frame) => (frame.type === 'connection_ack' ? { ack: null } : null),
  isKeepAlive: (frame) => frame.type === 'ka',
};

/** join → joined, leave → left: just enough protocol to see what the link does. */
class TestLink extends StreamLink<StreamMember, Frame> {
  protected readonly name = 'test';
  protected readonly wire = wire;
  protected async handshake() {
    return { url: new URL(`ws://127.0.0.1:${port}/`), protocols: ['test'] };
  }
  protected async join(member: StreamMember): Promise<void> {
    const signed = await this.signed(member, member.id);
    signed?.socket.send(JSON.stringify({ type: 'join', id: member.id }));
  }
  protected leave(id: string): void {
    this.socket?.send(JSON.stringify({ type: 'leave', id }));
  }
  protected route(frame: Frame): void {
    const member = frame.id === undefined ? undefined : this.members.get(frame.id);
    if (frame.type === 'joined' && member) this.joined(member);
  }
}

const changes = new Changes();
const server = { sockets: [] as WebSocket[], frames: [] as Frame[], closes: [] as number[] };
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (socket) => {
  server.sockets.push(socket);
  socket.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    server.frames.push(frame);
    if (frame.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    if (frame.type === 'join') socket.send(JSON.stringify({ type: 'joined', id: frame.id }));
    changes.notify();
  });
  socket.on('close', (code) => {
    server.closes.push(code);
    changes.notify();
  });
  changes.notify();
});
await new Promise<void>((resolve) => wss.once('listening', resolve));
const port = (wss.address() as AddressInfo).port;
after(() => new Promise<void>((resolve) => wss.close(() => resolve())));

const auth: StreamAuth = {
  startHeaders: async () => ({}),
  refresh: async () => undefined,
  secrets: () => [],
};

function member(id: string) {
  const seen = { statuses: [] as string[], ended: [] as (AppError | null)[] };
  const tell = (status: string) => () => {
    seen.statuses.push(status);
    changes.notify();
  };
  const value: StreamMember = {
    id,
    auth,
    connecting: tell('connecting'),
    subscribing: tell('subscribing'),
    reconnecting: tell('reconnecting'),
    active: tell('active'),
    ended: (error) => {
      seen.ended.push(error);
      changes.notify();
    },
  };
  return { value, seen };
}

test('members share one socket; the last one leaving closes it and forgets the link', async () => {
  let emptied = 0;
  const link = new TestLink(
    new URL(`ws://127.0.0.1:${port}/`),
    { ackTimeoutMs: 2000, reconnect: { baseMs: 10, maxMs: 20, maxAttempts: 1 } },
    () => (emptied += 1),
  );
  const a = member('a');
  const b = member('b');
  link.add(a.value);
  link.add(b.value);
  await changes.until(
    () => a.seen.statuses.includes('active') && b.seen.statuses.includes('active'),
    'both members active',
  );
  assert.equal(server.sockets.length, 1, 'one socket for both');

  await link.remove('a');
  await changes.until(() => server.frames.some((f) => f.type === 'leave'), 'the leave frame');
  assert.deepEqual(
    server.frames.filter((f) => f.type === 'leave').map((f) => f.id),
    ['a'],
  );
  assert.deepEqual(a.seen.ended, [null]);
  assert.ok(link.hasSocket, 'the socket stays for b');
  assert.deepEqual(server.closes, []);
  assert.equal(emptied, 0);

  await link.remove('b');
  await changes.until(() => server.closes.length === 1, 'the socket closed');
  assert.deepEqual(server.closes, [1000], 'closed cleanly');
  assert.deepEqual(b.seen.ended, [null]);
  assert.equal(link.hasSocket, false);
  assert.equal(emptied, 1, 'the service forgets the link');
  assert.deepEqual(
    server.frames.filter((f) => f.type === 'leave').map((f) => f.id),
    ['a', 'b'],
    'each member left on the wire before the close',
  );
});
