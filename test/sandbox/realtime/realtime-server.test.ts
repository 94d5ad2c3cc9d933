/**
 * The sandbox's real-time endpoint against a raw WebSocket peer, signing with the AWS SDK's own
 * SigV4 signer (not the workbench's): the handshake, each auth refusal in AppSync's shapes, a
 * start whose payload was changed after signing, argument filters, stop and keep-alives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { graphqlBody, send, signedHeaders } from '../appsync/appsync-test-client.ts';
import { headerProtocol, openPeer, realtimeUrlOf, type RawPeer } from './realtime-test-client.ts';

const ON_CREATE = 'subscription { onCreateNote { id title } }';

describe('AppSync sandbox: real-time endpoint', () => {
  let sandbox: Sandbox;
  let url: string;
  let host: string;
  const peers: RawPeer[] = [];
  const open = async (protocols: string[], suffix = '') => {
    const peer = await openPeer(`${url}${suffix}`, protocols);
    peers.push(peer);
    return peer;
  };
  const apiKeyHeader = () => ({ host, 'x-api-key': sandbox.apiKey });
  const createNote = (title: string) =>
    send(sandbox.graphqlUrl, {
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
      body: graphqlBody('mutation($t: String!) { createNote(input: {title: $t}) { id } }', {
        t: title,
      }),
    });

  before(async () => {
    sandbox = await startSandbox({
      realtime: { keepAliveIntervalMs: 40, connectionTimeoutMs: 1000 },
    });
    url = realtimeUrlOf(sandbox.graphqlUrl);
    host = new URL(sandbox.graphqlUrl).host;
  });
  after(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    await sandbox.close();
  });

  test('acks an API-key connect with connectionTimeoutMs, then sends keep-alives', async () => {
    const peer = await open(['graphql-ws', headerProtocol(apiKeyHeader())]);
    assert.equal(peer.socket.protocol, 'graphql-ws');
    peer.send({ type: 'connection_init' });
    assert.deepEqual(await peer.next('connection_ack'), {
      type: 'connection_ack',
      payload: { connectionTimeoutMs: 1000 },
    });
    await peer.next('ka');
    await peer.next('ka');
  });

  test('refuses a client without the graphql-ws subprotocol with NoProtocolError', async () => {
    const peer = await open(
      [],
      `?header=${Buffer.from(JSON.stringify(apiKeyHeader())).toString('base64')}&payload=e30=`,
    );
    assert.deepEqual(await peer.next(), {
      type: 'connection_error',
      payload: {
        errors: [{ errorType: 'NoProtocolError', message: 'NoProtocolError', errorCode: 400 }],
      },
    });
    assert.equal(await peer.closed, 1000);
  });

  test('refuses a wrong API key and a missing header in AppSync shape', async () => {
    const wrong = await open([
      'graphql-ws',
      headerProtocol({ host, 'x-api-key': 'da2-notthekey0000000000000000' }),
    ]);
    wrong.send({ type: 'connection_init' });
    assert.deepEqual(await wrong.next(), {
      type: 'connection_error',
      payload: {
        errors: [
          {
            errorType: 'UnauthorizedException',
            message: 'You are not authorized to make this call.',
            errorCode: 401,
          },
        ],
      },
    });
    const missing = await open(['graphql-ws']);
    missing.send({ type: 'connection_init' });
    const frame = await missing.next();
    assert.equal(frame.type, 'connection_error');
    assert.equal(frame.payload.errors[0].errorCode, 400);
  });

  test('IAM: connect signed over {} and start signed over payload.data; a tampered payload is refused', async () => {
    const { user } = sandbox.demo;
    const credentials = { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
    const connect = await signedHeaders(`${sandbox.graphqlUrl}/connect`, '{}', credentials);
    const peer = await open(['graphql-ws', headerProtocol(connect)]);
    peer.send({ type: 'connection_init' });
    await peer.next('connection_ack');

    const data = graphqlBody(ON_CREATE);
    const authorization = await signedHeaders(sandbox.graphqlUrl, data, credentials);
    peer.send({ type: 'start', id: 'good', payload: { data, extensions: { authorization } } });
    assert.deepEqual(await peer.next(), { type: 'start_ack', id: 'good' });

    const tampered = graphqlBody('subscription { onDeleteNote { id title } }');
    peer.send({
      type: 'start',
      id: 'tampered',
      payload: { data: tampered, extensions: { authorization } },
    });
    const refused = await peer.next();
    assert.equal(refused.type, 'error');
    assert.equal(refused.id, 'tampered');
    assert.equal(refused.payload.errors[0].errorType, 'BadRequestException');
    assert.match(refused.payload.errors[0].message, /signature we calculated does not match/);

    const wrongSecret = await signedHeaders(sandbox.graphqlUrl, data, {
      ...credentials,
      secretAccessKey: 'not-the-secret',
    });
    peer.send({
      type: 'start',
      id: 'wrong-secret',
      payload: { data, extensions: { authorization: wrongSecret } },
    });
    const denied = await peer.next();
    assert.equal(denied.id, 'wrong-secret');
    assert.equal(denied.payload.errors[0].errorType, 'BadRequestException');

    await createNote('signed event');
    const event = await peer.next('data');
    assert.equal(event.id, 'good');
    assert.equal(event.payload.data.onCreateNote.title, 'signed event');
  });

  test('filters by argument, answers stop with complete, and rejects non-subscriptions', async () => {
    const peer = await open(['graphql-ws', headerProtocol(apiKeyHeader())]);
    peer.send({ type: 'connection_init' });
    await peer.next('connection_ack');
    const start = (id: string, query: string, variables?: Record<string, unknown>) =>
      peer.send({
        type: 'start',
        id,
        payload: {
          data: graphqlBody(query, variables),
          extensions: { authorization: apiKeyHeader() },
        },
      });
    start('one', 'subscription($id: ID) { onUpdateNote(id: $id) { id version } }', {
      id: 'note-002',
    });
    await peer.next('start_ack');
    start('query', '{ getNote(id: "note-001") { id } }');
    const notSubscription = await peer.next('error');
    assert.equal(notSubscription.id, 'query');

    for (const id of ['note-003', 'note-002']) {
      await send(sandbox.graphqlUrl, {
        headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
        body: graphqlBody(
          'mutation($id: ID!) { updateNote(input: {id: $id, done: true}) { id } }',
          { id },
        ),
      });
    }
    const event = await peer.next('data');
    assert.equal(event.payload.data.onUpdateNote.id, 'note-002');

    peer.send({ type: 'stop', id: 'one' });
    assert.deepEqual(await peer.next('complete'), { type: 'complete', id: 'one' });
    assert.equal(sandbox.realtime.publish('updateNote', { id: 'note-002', version: 9 }), 0);

    peer.send({ type: 'subscribe', id: 'x', payload: {} });
    assert.equal((await peer.next('error')).payload.errors[0].errorType, 'UnsupportedOperation');
  });

  test('stops sending keep-alives on request (the hook for dead-link tests)', async () => {
    const peer = await open(['graphql-ws', headerProtocol(apiKeyHeader())]);
    peer.send({ type: 'connection_init' });
    await peer.next('connection_ack');
    await peer.next('ka');
    sandbox.realtime.setKeepAlives(false);
    try {
      await peer.next('ka', 60); // the one already in flight, if any
    } catch {
      // none in flight
    }
    await assert.rejects(peer.next('ka', 200), /no ka/);
    sandbox.realtime.setKeepAlives(true);
    await peer.next('ka');
  });
});
