import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CollectionsService } from '../../../main/core/collections/collections-service.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { CollectionChangeDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { apiKeyDraft } from '../tests/api-key-draft.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

const draft = (overrides: Partial<RequestDraftDTO> = {}): RequestDraftDTO =>
  apiKeyDraft('Who am I', '{ whoami { authMode } }', overrides);

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

async function setup() {
  const dataDir = await makeTempDir('collections-data');
  const vault = new MemoryVault();
  const service = new CollectionsService({ dataDir, vault, debounceMs: 30 });
  const requests = new RequestService({
    environment: { env: {}, homeDir: dataDir, dataDir },
    credentials: {
      resolve: async () => assert.fail('API key requests resolve no AWS credentials'),
      region: async () => null,
    },
    vault,
  });
  return { dataDir, vault, service, requests };
}

describe('collections service', () => {
  test('opened folders are remembered across restarts; a vanished one is listed with why', async () => {
    const { dataDir, vault, service } = await setup();
    const orders = await makeTempDir('orders');
    const gone = await makeTempDir('gone');
    assert.equal((await service.open(orders)).root.children.length, 0);
    await service.open(gone);
    await service.open(orders); // opening twice lists it once
    service.close();
    await rm(gone, { recursive: true });

    const again = new CollectionsService({ dataDir, vault });
    const listed = await again.list();
    assert.deepEqual(
      listed.map((c) => [c.folder, c.problem === null]),
      [
        [orders, true],
        [gone, false],
      ],
    );
    assert.match(listed[1]!.problem!, /is not a folder/);
    await again.closeFolder(gone);
    assert.deepEqual(
      (await new CollectionsService({ dataDir, vault }).list()).map((c) => c.folder),
      [orders],
    );
    again.close();
  });

  test('a folder that was never opened is refused, and a relative path is never resolved', async () => {
    const { service } = await setup();
    const stranger = await makeTempDir('stranger');
    await assert.rejects(service.store(stranger), (e: AppError) => e.code === 'NOT_FOUND');
    await assert.rejects(
      service.open('relative/path'),
      (e: AppError) => e.code === 'INVALID_INPUT',
    );
    await assert.rejects(
      service.open(join(stranger, 'missing')),
      (e: AppError) => e.code === 'NOT_FOUND',
    );
    service.close();
  });

  test('an outside edit in any opened collection reaches listeners, until close()', async () => {
    const { service } = await setup();
    const folder = await makeTempDir('watched');
    await service.open(folder);
    const changes: CollectionChangeDTO[] = [];
    service.on('changed', (change) => changes.push(change));
    const seen = new Promise<void>((resolve) => {
      const stop = service.on('changed', () => {
        stop();
        resolve();
      });
    });
    await writeFile(join(folder, 'Pulled.graphql'), '{ pulled }');
    await seen;
    assert.equal(changes[0]?.folder, folder);
    assert.deepEqual(changes[0]?.requestIds, ['Pulled']);
    assert.equal(changes[0]?.treeChanged, true);

    service.close();
    const before = changes.length;
    await writeFile(join(folder, 'After close.graphql'), '{ late }');
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(changes.length, before);
  });

  test('runs a saved request with its environment; the secret comes from the vault, not the files', async () => {
    const { service, requests, vault } = await setup();
    const folder = await makeTempDir('runnable');
    const store = await (await service.open(folder), service.store(folder));
    await store.setVariable('dev', 'apiUrl', sandbox.graphqlUrl, false);
    await store.setVariable('dev', 'apiKey', sandbox.apiKey, true);
    await store.save('Who am I', draft(), null);

    const result = await service.run(folder, 'Who am I', { environment: 'dev' }, requests);
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, { data: { whoami: { authMode: 'API_KEY' } } });
    const files = await readFile(join(folder, 'collection.json'), 'utf8');
    assert.ok(!files.includes(sandbox.apiKey), 'the API key stays out of collection.json');

    await assert.rejects(
      service.run(folder, 'Who am I', { environment: null }, requests),
      (e: AppError) => e.code === 'COLLECTION_INVALID' && /does not define/.test(e.message),
    );
    await assert.rejects(
      service.run(folder, 'Who am I', { environment: 'prod' }, requests),
      (e: AppError) => e.code === 'NOT_FOUND' && /no environment "prod"/.test(e.message),
    );
    assert.deepEqual(
      [...vault.entries.keys()].filter((k) => k.startsWith('collection-run:')),
      [],
      'nothing is parked in the vault after a run',
    );
    await requests.transport.close();
    service.close();
  });

  test('a secret variable used in a header or a GraphQL variable is scrubbed from the result and history', async () => {
    const { service, requests } = await setup();
    const folder = await makeTempDir('secret-header');
    const store = await (await service.open(folder), service.store(folder));
    const password = 'db-password-0123456789-not-for-eyes';
    await store.setVariable(null, 'apiUrl', sandbox.graphqlUrl, false);
    await store.setVariable(null, 'apiKey', sandbox.apiKey, true);
    await store.setVariable(null, 'dbPassword', password, true);
    await store.save(
      'Who am I',
      draft({ headers: { 'x-debug': '{{dbPassword}}' }, variables: { note: '{{dbPassword}}' } }),
      null,
    );
    const recorded: unknown[] = [];
    requests.on('completed', (run) => recorded.push(run));
    const result = await service.run(folder, 'Who am I', { environment: null }, requests);
    assert.equal(result.status, 200);
    assert.equal(result.requestHeaders['x-debug'], '<redacted>');
    for (const shown of [JSON.stringify(result), JSON.stringify(recorded)]) {
      assert.ok(!shown.includes(password), 'the secret variable stays in main');
      assert.ok(!shown.includes(sandbox.apiKey), 'so does the API key');
    }
    assert.equal(recorded.length, 1);
    await requests.transport.close();
    service.close();
  });

  test("a script's run variables reach the collection's next run, not another collection's", async () => {
    const { service, requests } = await setup();
    const [first, second] = [await makeTempDir('chain-a'), await makeTempDir('chain-b')];
    for (const folder of [first, second]) {
      const store = await (await service.open(folder), service.store(folder));
      await store.setVariable(null, 'apiUrl', sandbox.graphqlUrl, false);
      await store.setVariable(null, 'apiKey', sandbox.apiKey, true);
      await store.setVariable(null, 'mode', 'unset', false);
      await store.save(
        'Who am I',
        draft({ scripts: { pre: null, post: "vars.set('mode', response.data.whoami.authMode);" } }),
        null,
      );
      await store.save(
        'Echo',
        draft({
          query: 'query ($m: String!) { slow(ms: 1, message: $m) { message } }',
          variables: { m: 'mode {{mode}}' },
        }),
        null,
      );
    }
    const echo = async (folder: string) =>
      (await service.run(folder, 'Echo', { environment: null }, requests)).body;
    assert.deepEqual(await echo(first), { data: { slow: { message: 'mode unset' } } });
    const who = await service.run(first, 'Who am I', { environment: null }, requests);
    assert.equal(who.tests?.passed, true);
    assert.deepEqual(await echo(first), { data: { slow: { message: 'mode API_KEY' } } });
    assert.deepEqual(await echo(second), { data: { slow: { message: 'mode unset' } } });
    // Closing the collection forgets them.
    await service.closeFolder(first);
    await service.open(first);
    assert.deepEqual(await echo(first), { data: { slow: { message: 'mode unset' } } });
    await requests.transport.close();
    service.close();
  });

  test('a wrong key fails the run the way AppSync says, and the one-run vault entry is gone', async () => {
    const { service, requests, vault } = await setup();
    const folder = await makeTempDir('wrong-key');
    const store = await (await service.open(folder), service.store(folder));
    await store.setVariable(null, 'apiUrl', sandbox.graphqlUrl, false);
    // A plain (non-secret) variable used as the key: parked in the vault for the run only.
    await store.setVariable(null, 'key', 'not-a-real-key', false);
    await store.save('Who am I', draft({ auth: { type: 'API_KEY', value: '{{key}}' } }), null);
    const result = await service.run(folder, 'Who am I', { environment: null }, requests);
    assert.equal(result.status, 401);
    assert.deepEqual(
      [...vault.entries.keys()].filter((k) => k.startsWith('collection-run:')),
      [],
    );
    await requests.transport.close();
    service.close();
  });

  test('imports a Postman export into a new folder, opens it, and exports it back', async () => {
    const { service, dataDir } = await setup();
    const target = join(await makeTempDir('imported'), 'orders');
    const file = new URL(
      '../../fixtures/imports/postman-orders.postman_collection.json',
      import.meta.url,
    ).pathname;
    const env = new URL(
      '../../fixtures/imports/postman-orders-dev.postman_environment.json',
      import.meta.url,
    ).pathname;
    const { report, tree } = await service.importFile(file, target, [env]);
    assert.equal(report.format, 'postman-v2.1');
    assert.deepEqual(report.environments, ['dev']);
    assert.equal(tree.name, 'Orders API');
    assert.deepEqual(
      (await service.list()).map((c) => c.folder),
      [target],
    );

    const out = join(dataDir, 'export', 'orders.postman_collection.json');
    await mkdir(join(dataDir, 'export'));
    const { files } = await service.exportTo(target, out);
    assert.equal(files.length, 2);
    const exported = JSON.parse(await readFile(out, 'utf8')) as { info: { name: string } };
    assert.equal(exported.info.name, 'Orders API');

    const notAnExport = join(dataDir, 'not-an-export.json');
    await writeFile(notAnExport, '{"hello": 1}');
    await assert.rejects(
      service.importFile(notAnExport, join(dataDir, 'x')),
      (e: AppError) => e.code === 'COLLECTION_INVALID' && /neither a Postman/.test(e.message),
    );
    service.close();
  });
});
