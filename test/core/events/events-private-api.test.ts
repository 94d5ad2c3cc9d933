/**
 * AppSync Events through a private API's address: the sandbox's Event API acts as a private API
 * (the HTTP publish and the WebSocket upgrade must name its host in `x-appsync-domain`; the
 * signature and the connect header are checked against the API's host). IAM publishes over
 * HTTP and over the socket, and a subscription through the address receives both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventsService } from '../../../main/core/events/events-service.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { MessageBatchDTO } from '../../../shared/realtime.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

const noVault = {
  get: async () => null,
  put: async () => undefined,
  delete: async () => undefined,
};

let sandbox: Sandbox;
let service: EventsService;
let url: string;
let address: string;

before(async () => {
  sandbox = await startSandbox({ privateApi: true });
  const { user } = sandbox.demo;
  const { apiId, region } = sandbox.events.config;
  url = `http://${apiId}.appsync-api.${region}.amazonaws.com/event`;
  address = new URL(sandbox.url).host;
  service = new EventsService({
    env: {},
    credentials: new StaticCredentialSource({
      keys: {
        credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
      },
    }),
    vault: noVault,
    options: { reconnect: { baseMs: 20, maxMs: 100, maxAttempts: 2 }, batching: { intervalMs: 5 } },
  });
});

after(async () => {
  await service.stopAll();
  await sandbox.close();
});

const IAM = { type: 'AWS_IAM', profile: 'keys' } as const;

describe('AppSync Events through a private API address', () => {
  test('IAM: subscribe, publish over HTTP and over the socket, receive both', async () => {
    const events: unknown[] = [];
    let wake = () => {};
    const handle = await service.subscribe(
      { url, connectTo: address, auth: IAM, channel: '/default/*' },
      {
        onBatch: (batch: MessageBatchDTO) => {
          events.push(...batch.messages.map((m) => m.payload));
          wake();
        },
      },
    );
    const ready = await handle.ready;
    assert.equal(ready.status, 'active', JSON.stringify(ready.error));
    const http = await service.publish({
      url,
      connectTo: address,
      auth: IAM,
      channel: '/default/room',
      events: ['{"via":"http"}'],
    });
    assert.equal(http.httpStatus, 200);
    const ws = await service.publish({
      url,
      connectTo: address,
      auth: IAM,
      channel: '/default/room',
      events: ['{"via":"ws"}'],
      transport: 'websocket',
    });
    assert.equal(ws.successful.length, 1);
    while (events.length < 2) await new Promise<void>((resolve) => (wake = resolve));
    assert.deepEqual(events, [{ via: 'http' }, { via: 'ws' }]);
    await handle.stop();
  });

  test('without the address the private Event API is not reached', async () => {
    await assert.rejects(
      service.publish({
        url: sandbox.eventUrl,
        auth: { ...IAM, region: sandbox.events.config.region },
        channel: '/default/room',
        events: ['1'],
      }),
      /private API|x-appsync-domain|403/,
    );
  });
});
