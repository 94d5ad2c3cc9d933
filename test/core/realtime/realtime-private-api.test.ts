/**
 * Subscriptions to a private API through its address: the sandbox acts as one (the upgrade must
 * name the real-time host in `x-appsync-domain`; the connect header must be signed for the API's
 * GraphQL host). The client opens the socket to the address and an event arrives; on the peer
 * side, an upgrade without the header and a connect header signed for the address are refused.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { RealtimeService } from '../../../main/core/realtime/realtime-service.ts';
import { signRequest } from '../../../main/core/requests/sigv4-signer.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from '../../../shared/realtime.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

const ON_CREATE = 'subscription OnCreate { onCreateNote { id title } }';
const noVault = {
  get: async () => null,
  put: async () => undefined,
  delete: async () => undefined,
};

let sandbox: Sandbox;
let service: RealtimeService;
let apiHost: string;
let realtimeHost: string;
let address: string;

before(async () => {
  sandbox = await startSandbox({ privateApi: true });
  const { user, apiId, region } = sandbox.demo;
  apiHost = `${apiId}.appsync-api.${region}.amazonaws.com`;
  realtimeHost = `${apiId}.appsync-realtime-api.${region}.amazonaws.com`;
  address = new URL(sandbox.url).host;
  service = new RealtimeService({
    env: {},
    credentials: new StaticCredentialSource({
      keys: {
        credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
      },
    }),
    vault: noVault,
    options: {
      reconnect: { baseMs: 20, maxMs: 100, maxAttempts: 2 },
      batching: { intervalMs: 10 },
    },
  });
});

after(async () => {
  await service.stopAll();
  await sandbox.close();
});

describe('subscriptions to a private API', () => {
  test('IAM through the address: the socket opens and an event arrives', async () => {
    const messages: unknown[] = [];
    let arrived: () => void = () => {};
    const got = new Promise<void>((resolve) => (arrived = resolve));
    const handle = await service.subscribe(
      {
        graphqlUrl: `http://${apiHost}/graphql`,
        connectTo: address,
        auth: { type: 'AWS_IAM', profile: 'keys' },
        query: ON_CREATE,
      },
      {
        onBatch: (batch: MessageBatchDTO) => {
          messages.push(...batch.messages.map((m) => m.payload));
          arrived();
        },
      },
    );
    const ready: SubscriptionStateDTO = await handle.ready;
    assert.equal(ready.status, 'active', JSON.stringify(ready.error));
    assert.equal(ready.realtimeUrl, `ws://${realtimeHost}/graphql`);
    const res = await fetch(sandbox.graphqlUrl, {
      method: 'POST',
      headers: {
        'x-api-key': sandbox.apiKey,
        'x-appsync-domain': apiHost,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query: 'mutation { createNote(input: {title: "via vpce"}) { id } }' }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    await got;
    assert.match(JSON.stringify(messages[0]), /via vpce/);
    await handle.stop();
  });
});

describe('the private peer refuses', () => {
  const wsUrl = () => `ws://${address}/graphql`;

  test('an upgrade that does not name the real-time host', async () => {
    const socket = new WebSocket(wsUrl(), ['graphql-ws']);
    socket.on('error', () => undefined);
    const [, response] = (await once(socket, 'unexpected-response')) as [
      unknown,
      { statusCode: number },
    ];
    assert.equal(response.statusCode, 403);
    socket.terminate();
  });

  test('a connect header signed for the address instead of the API host', async () => {
    const { user, region } = sandbox.demo;
    const signed = await signRequest(
      {
        method: 'POST',
        url: new URL(`http://${address}/graphql/connect`),
        headers: {
          accept: 'application/json, text/javascript',
          'content-encoding': 'amz-1.0',
          'content-type': 'application/json; charset=UTF-8',
        },
        body: Buffer.from('{}'),
      },
      { credentials: user, region, service: 'appsync', signingDate: new Date() },
    );
    const header = Buffer.from(JSON.stringify(signed)).toString('base64url');
    const socket = new WebSocket(wsUrl(), ['graphql-ws', `header-${header}`], {
      headers: { 'x-appsync-domain': realtimeHost },
    });
    await once(socket, 'open');
    socket.send('{"type":"connection_init"}');
    const [frame] = (await once(socket, 'message')) as [Buffer];
    const message = JSON.parse(frame.toString()) as { type: string; payload?: unknown };
    assert.equal(message.type, 'connection_error');
    assert.match(JSON.stringify(message.payload), /a private API's is sandboxdemoapi/);
    socket.terminate();
  });
});
