/**
 * A subscription's messages are what the server says: if an event carries the key that
 * authorized the subscription (raw, or JSON-escaped inside an embedded document), it stays in
 * main. Against the sandbox over real sockets; the event is a note whose title echoes the key.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RealtimeService } from '../../../main/core/realtime/realtime-service.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { MessageBatchDTO } from '../../../shared/realtime.ts';
import { echoedForms, jsonEscaped } from '../requests/support/echo-server.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

let sandbox: Sandbox;
let realtime: RealtimeService;

before(async () => {
  sandbox = await startSandbox();
  realtime = new RealtimeService({
    env: { RT_API_KEY: sandbox.apiKey },
    credentials: new StaticCredentialSource({}),
    vault: { get: async () => null, put: async () => undefined, delete: async () => undefined },
    options: { batching: { intervalMs: 10 } },
  });
});

after(async () => {
  await realtime.stopAll();
  await sandbox.close();
});

test('an event echoing the subscription key, in any form, arrives without it', async () => {
  let delivered: (batch: MessageBatchDTO) => void = () => undefined;
  const batch = new Promise<MessageBatchDTO>((resolve) => (delivered = resolve));
  const handle = await realtime.subscribe(
    {
      graphqlUrl: sandbox.graphqlUrl,
      auth: { type: 'API_KEY', source: { from: 'env', variable: 'RT_API_KEY' } },
      query: 'subscription { onCreateNote { title body } }',
    },
    { onBatch: (b) => delivered(b) },
  );
  assert.equal((await handle.ready).status, 'active');
  const key = sandbox.apiKey;
  const answer = await fetch(sandbox.graphqlUrl, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation($t: String!, $b: String) { createNote(input: {title: $t, body: $b}) { id } }',
      variables: {
        t: `key ${key}`,
        b: `{"token":"${jsonEscaped(key)}","url":"${encodeURIComponent(key)}"}`,
      },
    }),
  });
  assert.equal(answer.status, 200);
  const wire = JSON.stringify(await batch);
  await handle.stop();
  assert.match(wire, /key <redacted>/, 'the event arrived, scrubbed');
  for (const form of echoedForms(key)) {
    for (const spelled of [form, JSON.stringify(form).slice(1, -1)]) {
      assert.ok(!wire.includes(spelled), `${spelled.slice(0, 10)}… reached the renderer's batch`);
    }
  }
});
