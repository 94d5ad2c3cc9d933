import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeImportedCollection } from '../../../main/core/collections/collection-import.ts';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { importInsomnia } from '../../../main/core/collections/insomnia-import.ts';
import { exportPostman } from '../../../main/core/collections/postman-export.ts';
import { importPostman } from '../../../main/core/collections/postman-import.ts';
import { resolveTemplate } from '../../../main/core/collections/template-resolver.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

const FIXTURES = new URL('../../fixtures/imports/', import.meta.url);
const fixture = async (name: string) =>
  JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8')) as unknown;

/** Every credential that appears in the fixtures. */
const FIXTURE_SECRETS = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE9KY',
  'AKIAZ7EXAMPLE4KEYID2',
  'da2-q4mz7xkp2bdnrfwl3tvecgpsay',
  'da2-d3vk7xkp2bdnrfwl3tvecgpsay',
  'da2-st4gxkp2bdnrfwl3tvecgpsayq',
  'IQoJb3JpZ2luX2VjEBAaCXVzLWVhc3QtMiJHMEUCIQDinsomniaFixtureToken0123456789',
  'c2lnbmF0dXJlLXBvc3RtYW4tZml4dHVyZQ',
  'c2lnbmF0dXJlLWluc29tbmlhLWZpeHR1cmU',
];

async function allFileText(folder: string): Promise<string> {
  const names = await readdir(folder, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    names.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
  );
  return texts.join('\n');
}

async function importPostmanFixture() {
  const imported = importPostman(await fixture('postman-orders.postman_collection.json'), [
    await fixture('postman-orders-dev.postman_environment.json'),
    await fixture('postman-orders-prod.postman_environment.json'),
  ]);
  const folder = await makeTempDir('import-postman');
  const vault = new MemoryVault();
  const report = await writeImportedCollection(imported, folder, vault);
  return { folder, vault, report };
}

describe('import and export', () => {
  test('Postman v2.1: GraphQL requests, folders, environments; awsv4 becomes IAM with its region', async () => {
    const { folder, vault, report } = await importPostmanFixture();
    assert.equal(report.collectionName, 'Orders API');
    assert.equal(report.requests, 3);
    assert.deepEqual(report.environments, ['dev', 'prod']);
    const store = await CollectionStore.open(folder, { vault, watch: false });
    const tree = await store.tree();
    assert.deepEqual(
      tree.root.children.map((n) => n.name),
      ['Orders', 'Me (Cognito)'],
    );
    const get = await store.read('Orders/Get order');
    assert.deepEqual(
      get.auth,
      { type: 'AWS_IAM', region: 'eu-west-1', service: 'appsync' },
      'inherited from the folder',
    );
    assert.deepEqual(get.variables, { id: '{{orderId}}' });
    assert.deepEqual(get.headers, { 'x-tenant': '{{tenant}}' });
    assert.equal(get.url, '{{apiUrl}}');
    const cancel = await store.read('Orders/Cancel order');
    assert.equal(cancel.operationName, 'CancelOrder');
    assert.equal(cancel.auth?.type, 'API_KEY');
    const me = await store.read('Me (Cognito)');
    assert.equal(me.auth?.type, 'OPENID_CONNECT');

    // What was dropped is reported; API keys and tokens went to the vault.
    const dropped = report.dropped.map((d) => `${d.where}: ${d.what}`);
    assert.ok(dropped.includes('Orders/Get order: awsv4 secretKey'));
    assert.ok(dropped.includes('Orders/Get order: awsv4 accessKey'));
    assert.ok(dropped.includes('collection variables: variable AWS_SECRET_ACCESS_KEY'));
    assert.ok(dropped.includes('environment dev: variable aws_access_key_id'));
    assert.ok(dropped.includes('Health check (REST): request'));
    // Its Postman test (`pm.response.to.have.status(200)`) became an assertion; nothing is left.
    assert.deepEqual(cancel.assertions, [
      { enabled: true, path: 'status', operator: 'eq', value: '200' },
    ]);
    assert.deepEqual(cancel.scripts, { pre: null, post: null });
    assert.equal(report.review, undefined);
    assert.deepEqual(
      report.vaulted.map((v) => v.variable).sort(),
      ['apiKey', 'apiKey2', 'token'],
      "the request's own key does not collide with the dev key",
    );
    assert.ok([...vault.entries.values()].includes('da2-q4mz7xkp2bdnrfwl3tvecgpsay'));

    const text = await allFileText(folder);
    for (const secret of FIXTURE_SECRETS)
      assert.equal(text.includes(secret), false, `${secret} written to the collection`);

    // The secret resolves at run time, from the vault.
    const resolved = await resolveTemplate(cancel, await store.environment('dev'), vault);
    assert.equal(
      resolved.auth?.type === 'API_KEY' && resolved.auth.value,
      'da2-q4mz7xkp2bdnrfwl3tvecgpsay',
    );
    const getResolved = await resolveTemplate(get, await store.environment('prod'), vault);
    assert.equal(getResolved.url, 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql');
    assert.deepEqual(getResolved.variables, { id: 'ord-9000' });
    assert.deepEqual(getResolved.headers, { 'x-tenant': 'acme' });
    store.close();
  });

  test('Insomnia v4: request groups, GraphQL bodies, base and sub environments', async () => {
    const folder = await makeTempDir('import-insomnia');
    const vault = new MemoryVault();
    const report = await writeImportedCollection(
      importInsomnia(await fixture('insomnia-inventory.insomnia_v4.json')),
      folder,
      vault,
    );
    assert.equal(report.collectionName, 'Inventory');
    assert.equal(report.requests, 3);
    assert.deepEqual(report.environments, ['staging']);
    const store = await CollectionStore.open(folder, { vault, watch: false });
    const list = await store.read('Stock/List items');
    assert.deepEqual(list.auth, { type: 'AWS_IAM', region: 'us-east-2', service: 'appsync' });
    assert.deepEqual(list.variables, { limit: '{{pageSize}}' });
    assert.deepEqual(list.headers, { 'x-warehouse': '{{warehouse}}' });
    assert.equal(list.url, '{{apiUrl}}');
    assert.deepEqual((await store.read('Stock/Adjust stock')).auth, {
      type: 'API_KEY',
      value: '{{apiKey}}',
    });
    const dropped = report.dropped.map((d) => `${d.where}: ${d.what}`);
    assert.ok(dropped.includes('Stock/List items: iam secretAccessKey'));
    assert.ok(dropped.includes('environment staging: variable AWS_SESSION_TOKEN'));
    assert.ok(dropped.includes('Status page: request'));
    const envs = await store.environments();
    assert.deepEqual(
      envs.environments[0]!.variables.find((v) => v.name === 'apiKey'),
      { name: 'apiKey', value: null, secret: true },
    );
    const resolved = await resolveTemplate(
      await store.read('Stock/Adjust stock'),
      await store.environment('staging'),
      vault,
    );
    assert.equal(
      resolved.auth?.type === 'API_KEY' && resolved.auth.value,
      'da2-st4gxkp2bdnrfwl3tvecgpsayq',
    );
    const text = await allFileText(folder);
    for (const secret of FIXTURE_SECRETS)
      assert.equal(text.includes(secret), false, `${secret} written to the collection`);
    store.close();
  });

  test('export to Postman v2.1 and import again gives the same collection, secrets left empty', async () => {
    const { folder, vault } = await importPostmanFixture();
    const store = await CollectionStore.open(folder, { vault, watch: false });
    const exported = await exportPostman(store);
    const json = JSON.stringify(exported);
    for (const secret of FIXTURE_SECRETS) assert.equal(json.includes(secret), false);
    const again = await makeTempDir('import-again');
    const report = await writeImportedCollection(
      importPostman(exported.collection, exported.environments),
      again,
      new MemoryVault(),
    );
    assert.equal(report.requests, 3);
    const second = await CollectionStore.open(again, { vault: new MemoryVault(), watch: false });
    for (const id of ['Orders/Get order', 'Orders/Cancel order', 'Me (Cognito)']) {
      const a = await store.read(id);
      const b = await second.read(id);
      assert.equal(b.query, a.query);
      assert.deepEqual(b.variables, a.variables);
      assert.deepEqual(b.auth, a.auth, id);
      assert.equal(b.url, a.url);
    }
    assert.deepEqual((await second.tree()).environments, ['dev', 'prod']);
    store.close();
    second.close();
  });

  test('a file that is neither format is refused with what to do', async () => {
    assert.throws(() => importPostman({ info: { schema: 'v1' } }), {
      code: 'COLLECTION_INVALID',
      message: /Collection v2\.1/,
    });
    assert.throws(() => importInsomnia({ _type: 'export', __export_format: 3 }), {
      code: 'COLLECTION_INVALID',
      message: /Insomnia v4/,
    });
  });
});
