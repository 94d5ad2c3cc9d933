/**
 * A saved request to a private API: the sidecar's `connectTo` (templated like `url`) is where
 * the run connects, against the sandbox acting as a private API behind 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CollectionsService } from '../../../main/core/collections/collections-service.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { startSandbox } from '../../../main/sandbox/sandbox-server.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

test('a saved request with connectTo reaches the private API through the address', async (t) => {
  const sandbox = await startSandbox({ privateApi: true });
  t.after(() => sandbox.close());
  const dataDir = await makeTempDir('collections-private');
  const vault = new MemoryVault();
  const service = new CollectionsService({ dataDir, vault, debounceMs: 30 });
  t.after(() => service.close());
  const requests = new RequestService({
    environment: { env: {}, homeDir: dataDir, dataDir },
    credentials: { resolve: async () => assert.fail('no IAM here'), region: async () => null },
    vault,
  });
  t.after(() => requests.transport.close());

  const folder = await makeTempDir('private-collection');
  const store = await (await service.open(folder), service.store(folder));
  const { apiId, region } = sandbox.demo;
  await store.setVariable('dev', 'apiHost', `${apiId}.appsync-api.${region}.amazonaws.com`, false);
  await store.setVariable('dev', 'vpce', new URL(sandbox.url).host, false);
  await store.setVariable('dev', 'apiKey', sandbox.apiKey, true);
  await store.save(
    'Who am I',
    {
      name: 'Who am I',
      query: '{ whoami { authMode } }',
      operationName: null,
      variables: {},
      headers: {},
      endpointRef: null,
      url: 'http://{{apiHost}}/graphql',
      connectTo: '{{vpce}}',
      auth: { type: 'API_KEY', value: '{{apiKey}}' },
      profile: null,
      assertions: [],
      scripts: { pre: null, post: null },
      repeat: null,
      data: null,
    },
    null,
  );
  const sidecar = JSON.parse(await readFile(join(folder, 'Who am I.request.json'), 'utf8'));
  assert.equal(sidecar.connectTo, '{{vpce}}', 'kept as written, resolved at run time');
  assert.equal((await store.read('Who am I')).connectTo, '{{vpce}}');

  const result = await service.run(folder, 'Who am I', { environment: 'dev' }, requests);
  assert.equal(result.status, 200, result.bodyText);
  assert.deepEqual(result.body, { data: { whoami: { authMode: 'API_KEY' } } });
  assert.equal(
    sandbox.appsync.recentRequests().at(-1)?.appSyncDomain,
    `${apiId}.appsync-api.${region}.amazonaws.com`,
  );
});
