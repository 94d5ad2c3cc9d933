/**
 * The sandbox's Event API over real sockets, with raw HTTP requests and a raw WebSocket peer:
 * every mode on `POST /event` and on the WebSocket (connect, subscribe, publish), namespaces
 * whose publish and subscribe modes differ refusing the others with AppSync's shapes, wildcards,
 * limits, and a tampered signature refused by the independent verifier.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  headerProtocol,
  openPeer,
  type Frame,
  type RawPeer,
} from '../realtime/realtime-test-client.ts';
import { ALL_MODES, eventsWorld, type EventsWorld, type Mode } from './events-sandbox-support.ts';

let world: EventsWorld;
const peers: RawPeer[] = [];

before(async () => {
  world = await eventsWorld();
});
after(async () => {
  await Promise.all(peers.map((p) => p.close()));
  await world.sandbox.close();
});

async function httpPublish(mode: Mode, channel: string, events: unknown[]) {
  const body = JSON.stringify({ channel, events });
  const headers = await world.headers(mode, body);
  const res = await fetch(world.sandbox.eventUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Frame };
}

/** A connected, acknowledged peer whose connect was authorized with `mode`. */
async function connected(mode: Mode = 'API_KEY'): Promise<RawPeer> {
  const header = await world.headers(mode, '{}', {
    accept: 'application/json, text/javascript',
    'content-encoding': 'amz-1.0',
    'content-type': 'application/json; charset=UTF-8',
  });
  const peer = await openPeer(world.realtimeUrl, ['aws-appsync-event-ws', headerProtocol(header)]);
  peers.push(peer);
  peer.send({ type: 'connection_init' });
  const ack = await peer.next();
  assert.equal(ack.type, 'connection_ack', JSON.stringify(ack));
  assert.equal(ack.connectionTimeoutMs, 5_000);
  return peer;
}

const WS_BASE = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

async function subscribe(peer: RawPeer, id: string, channel: string, mode: Mode) {
  const authorization = await world.headers(mode, JSON.stringify({ channel }), WS_BASE);
  peer.send({ type: 'subscribe', id, channel, authorization });
  return peer.next();
}

async function wsPublish(peer: RawPeer, id: string, channel: string, events: string[], mode: Mode) {
  const authorization = await world.headers(mode, JSON.stringify({ channel, events }), WS_BASE);
  peer.send({ type: 'publish', id, channel, events, authorization });
  return peer.next();
}

describe('HTTP publish (POST /event)', () => {
  for (const mode of ['API_KEY', 'AWS_IAM'] as const) {
    test(`${mode} publishes to the default namespace`, async () => {
      const answer = await httpPublish(mode, 'default/http', ['{"n":1}', '"two"']);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(
        answer.body.successful.map((s: { index: number }) => s.index),
        [0, 1],
      );
      assert.deepEqual(answer.body.failed, []);
    });
  }

  for (const mode of ['OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA'] as const) {
    test(`${mode} is refused where only API keys and IAM may publish`, async () => {
      const answer = await httpPublish(mode, '/default/http', ['{}']);
      assert.equal(answer.status, 401);
      assert.equal(answer.body.errors[0].errorType, 'UnauthorizedException');
    });
  }

  test('the alerts namespace takes IAM publishes and refuses an API key', async () => {
    assert.equal((await httpPublish('AWS_IAM', '/alerts/disk', ['{}'])).status, 200);
    const refused = await httpPublish('API_KEY', '/alerts/disk', ['{}']);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.errors[0].message, 'You are not authorized to make this call.');
  });

  test('a body changed after signing is a signature mismatch (403)', async () => {
    const body = JSON.stringify({ channel: '/default/a', events: ['{}'] });
    const headers = await world.headers('AWS_IAM', body);
    const res = await fetch(world.sandbox.eventUrl, {
      method: 'POST',
      headers,
      body: body.replace('/default/a', '/default/b'),
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Frame).errors[0].errorType, 'InvalidSignatureException');
  });

  test('limits: six events, a non-JSON event, an event over 240 KB, a bad channel, an unknown namespace', async () => {
    const six = await httpPublish('API_KEY', '/default/a', Array(6).fill('{}'));
    assert.equal(six.status, 400);
    assert.match(six.body.errors[0].message, /at most 5 events/);
    assert.equal((await httpPublish('API_KEY', '/default/a', ['{not json'])).status, 400);
    const big = `"${'x'.repeat(240 * 1024)}"`;
    assert.match(
      (await httpPublish('API_KEY', '/default/a', [big])).body.errors[0].message,
      /maximum event size/,
    );
    assert.equal((await httpPublish('API_KEY', '/default/*', ['{}'])).status, 400);
    const unknown = await httpPublish('API_KEY', '/nowhere/a', ['{}']);
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.errors[0].message, /namespace 'nowhere' does not exist/);
  });
});

describe('the WebSocket protocol (/event/realtime)', () => {
  for (const mode of ALL_MODES) {
    test(`${mode} connects, subscribes to /default/*, and receives an HTTP publish`, async () => {
      const peer = await connected(mode);
      const ok = await subscribe(peer, 'sub-1', '/default/*', mode);
      assert.deepEqual(ok, { type: 'subscribe_success', id: 'sub-1' });
      assert.equal(
        (await httpPublish('API_KEY', '/default/room/1', ['{"hello":"ws"}'])).status,
        200,
      );
      const data = await peer.next('data');
      assert.equal(data.id, 'sub-1');
      assert.deepEqual(JSON.parse(data.event), { hello: 'ws' });
      await peer.close();
    });
  }

  test('the alerts namespace refuses an IAM subscription and takes an API key one', async () => {
    const peer = await connected('AWS_IAM');
    const refused = await subscribe(peer, 'iam', '/alerts/*', 'AWS_IAM');
    assert.equal(refused.type, 'subscribe_error');
    assert.equal(refused.id, 'iam');
    assert.equal(refused.errors[0].errorType, 'UnauthorizedException');
    assert.equal((await subscribe(peer, 'key', '/alerts/*', 'API_KEY')).type, 'subscribe_success');
  });

  test('publish over the socket: refused with an API key on alerts, delivered when signed', async () => {
    const peer = await connected();
    assert.equal((await subscribe(peer, 's', '/alerts/disk', 'API_KEY')).type, 'subscribe_success');
    const refused = await wsPublish(peer, 'p1', '/alerts/disk', ['{"a":1}'], 'API_KEY');
    assert.equal(refused.type, 'publish_error');
    assert.equal(refused.errors[0].errorType, 'UnauthorizedException');
    const ok = await wsPublish(peer, 'p2', '/alerts/disk', ['{"a":2}'], 'AWS_IAM');
    assert.equal(ok.type, 'publish_success');
    assert.equal(ok.successful.length, 1);
    const data = await peer.next('data');
    assert.deepEqual([data.id, JSON.parse(data.event)], ['s', { a: 2 }]);
  });

  test('wildcards match below their path only; unsubscribe stops delivery', async () => {
    const peer = await connected();
    await subscribe(peer, 'rooms', '/default/rooms/*', 'API_KEY');
    await subscribe(peer, 'exact', '/default/other', 'API_KEY');
    await httpPublish('API_KEY', '/default/rooms/a/b', ['1']);
    assert.equal((await peer.next('data')).id, 'rooms');
    await httpPublish('API_KEY', '/default/rooms', ['2']);
    await httpPublish('API_KEY', '/default/other', ['3']);
    const next = await peer.next('data');
    assert.deepEqual([next.id, next.event], ['exact', '3']);
    peer.send({ type: 'unsubscribe', id: 'exact' });
    assert.deepEqual(await peer.next(), { type: 'unsubscribe_success', id: 'exact' });
    peer.send({ type: 'unsubscribe', id: 'exact' });
    assert.equal((await peer.next()).type, 'unsubscribe_error');
  });

  test('a subscribe signed for another channel is a bad request; a wrong connect key is a connection_error', async () => {
    const peer = await connected('AWS_IAM');
    const authorization = await world.headers(
      'AWS_IAM',
      JSON.stringify({ channel: '/default/a' }),
      WS_BASE,
    );
    peer.send({ type: 'subscribe', id: 'x', channel: '/default/b', authorization });
    const refused = await peer.next();
    assert.equal(refused.type, 'subscribe_error');
    assert.equal(refused.errors[0].errorType, 'BadRequestException');

    const header = { host: world.host, 'x-api-key': 'da2-notthedemokey0000000000000' };
    const bad = await openPeer(world.realtimeUrl, ['aws-appsync-event-ws', headerProtocol(header)]);
    peers.push(bad);
    bad.send({ type: 'connection_init' });
    const error = await bad.next();
    assert.equal(error.type, 'connection_error');
    assert.equal(error.errors[0].errorType, 'UnauthorizedException');
    assert.equal(await bad.closed, 1000);
  });

  test('a client without the events subprotocol is refused', async () => {
    const peer = await openPeer(world.realtimeUrl, ['graphql-ws']).catch((e: Error) => e);
    assert.ok(peer instanceof Error, 'the upgrade is refused');
  });
});
