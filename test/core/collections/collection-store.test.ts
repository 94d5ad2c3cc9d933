import assert from 'node:assert/strict';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CollectionStore, requestIdFor } from '../../../main/core/collections/collection-store.ts';
import type { CollectionChangeDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

function aDraft(overrides: Partial<RequestDraftDTO> = {}): RequestDraftDTO {
  return {
    name: 'Get order',
    query: 'query GetOrder($id: ID!) {\n  order(id: $id) { id status }\n}\n',
    operationName: 'GetOrder',
    variables: { id: '{{orderId}}' },
    headers: { 'x-tenant': '{{tenant}}' },
    endpointRef: null,
    url: '{{apiUrl}}',
    auth: { type: 'AWS_IAM', region: 'eu-west-1', service: 'appsync' },
    profile: null,
    ...noRequestTests(),
    ...overrides,
  };
}

async function openStore(options: { watch?: boolean } = {}) {
  const folder = await makeTempDir('collection');
  const store = await CollectionStore.open(folder, {
    vault: new MemoryVault(),
    watch: options.watch ?? false,
    debounceMs: 30,
  });
  return { folder, store };
}

describe('collection store', () => {
  test('a saved request is two readable files that round-trip exactly', async () => {
    const { folder, store } = await openStore();
    const saved = await store.save('Get order', aDraft(), null);
    assert.deepEqual((await readdir(folder)).sort(), [
      'Get order.graphql',
      'Get order.request.json',
    ]);
    assert.equal(await readFile(join(folder, 'Get order.graphql'), 'utf8'), aDraft().query);
    assert.deepEqual(JSON.parse(await readFile(join(folder, 'Get order.request.json'), 'utf8')), {
      operationName: 'GetOrder',
      url: '{{apiUrl}}',
      auth: { type: 'AWS_IAM', region: 'eu-west-1', service: 'appsync' },
      headers: { 'x-tenant': '{{tenant}}' },
      variables: { id: '{{orderId}}' },
    });
    const read = await store.read('Get order');
    assert.deepEqual(read, saved);
    const draft = { ...read } as Partial<typeof read>;
    delete draft.id;
    delete draft.folder;
    delete draft.version;
    assert.deepEqual(draft, aDraft());
  });

  test('a name that is not a portable file name keeps its name inside the sidecar', async () => {
    const { store } = await openStore();
    const id = requestIdFor('', 'Orders: list / page 2?');
    assert.equal(id, 'Orders- list - page 2-');
    await store.save(id, aDraft({ name: 'Orders: list / page 2?' }), null);
    assert.equal((await store.read(id)).name, 'Orders: list / page 2?');
    await assert.rejects(store.read('../outside'), { code: 'INVALID_INPUT' });
  });

  test('a .graphql file alone is a request; a broken sidecar is reported, the rest loads', async () => {
    const { folder, store } = await openStore();
    await mkdir(join(folder, 'billing'));
    await writeFile(
      join(folder, 'billing', 'List invoices.graphql'),
      'query ListInvoices { invoices { id } }',
    );
    await writeFile(join(folder, 'Broken.graphql'), 'mutation Broken { x }');
    await writeFile(join(folder, 'Broken.request.json'), '{ "variables": ');
    await writeFile(join(folder, 'Orphan.request.json'), '{}');
    await writeFile(join(folder, '.Get order.graphql.1a2b.tmp'), 'half a file');
    const tree = await store.tree();
    assert.deepEqual(
      tree.root.children.map((n) => `${n.kind}:${n.id}`),
      ['folder:billing'],
    );
    const billing = tree.root.children[0]!;
    assert.equal(billing.kind === 'folder' && billing.children[0]?.id, 'billing/List invoices');
    assert.deepEqual(tree.problems.map((p) => p.file).sort(), [
      'Broken.request.json',
      'Orphan.request.json',
    ]);
    assert.match(
      tree.problems.find((p) => p.file === 'Broken.request.json')!.message,
      /not valid JSON/,
    );
    const alone = await store.read('billing/List invoices');
    assert.deepEqual(alone.variables, {});
    assert.equal(alone.folder, 'billing');
  });

  test('create, rename, move, duplicate and delete requests and folders', async () => {
    const { folder, store } = await openStore();
    await store.save('Get order', aDraft(), null);
    const ops = await store.createFolder('', 'ops');
    const moved = await store.moveRequest('Get order', ops);
    assert.equal(moved, 'ops/Get order');
    const renamed = await store.renameRequest(moved, 'Get order by id');
    assert.equal(renamed, 'ops/Get order by id');
    const copy = await store.duplicateRequest(renamed);
    assert.equal(copy, 'ops/Get order by id copy');
    assert.equal(await store.duplicateRequest(renamed), 'ops/Get order by id copy 2');
    const folderRenamed = await store.renameFolder('ops', 'operations');
    await store.createFolder('', 'archive');
    const folderMoved = await store.moveFolder(folderRenamed, 'archive');
    assert.equal(folderMoved, 'archive/operations');
    await assert.rejects(store.moveFolder('archive', 'archive/operations'), {
      code: 'INVALID_INPUT',
    });
    await store.deleteRequest('archive/operations/Get order by id copy');
    const tree = await store.tree();
    const names = (
      tree.root.children[0]! as { children: { children: { name: string }[] }[] }
    ).children[0]!.children.map((n) => n.name);
    assert.deepEqual(names, ['Get order by id', 'Get order by id copy 2']);
    await store.deleteFolder('archive');
    assert.deepEqual(await readdir(folder), []);
  });

  test('tree items by kind: a new draft named into its folder, rename, move and delete', async () => {
    const { folder, store } = await openStore();
    await store.createFolder('', 'ops');
    const saved = await store.saveDraft(undefined, 'ops', aDraft({ name: 'List orders' }), null);
    assert.equal(saved.id, 'ops/List orders');
    assert.equal(
      (await store.saveDraft(saved.id, 'ignored', aDraft(), saved.version)).id,
      saved.id,
    );
    assert.equal(await store.rename('request', saved.id, 'All orders'), 'ops/All orders');
    assert.equal(await store.rename('folder', 'ops', 'operations'), 'operations');
    await store.createFolder('', 'archive');
    assert.equal(await store.move('folder', 'operations', 'archive'), 'archive/operations');
    assert.equal(await store.move('request', 'archive/operations/All orders', ''), 'All orders');
    await store.remove('request', 'All orders');
    await store.remove('folder', 'archive');
    assert.deepEqual(await readdir(folder), []);
  });

  test('setting or removing a variable answers with the environments as they are then', async () => {
    const { store } = await openStore();
    const set = await store.setVariable(null, 'tenant', 'acme', false);
    assert.deepEqual(set, await store.environments());
    assert.ok(JSON.stringify(set).includes('acme'));
    const removed = await store.removeVariable(null, 'tenant');
    assert.deepEqual(removed, await store.environments());
    assert.ok(!JSON.stringify(removed).includes('acme'));
  });

  test('a save based on an old version is refused with both versions; nothing is overwritten', async () => {
    const { folder, store } = await openStore();
    const saved = await store.save('Get order', aDraft(), null);
    const outside = 'query GetOrder($id: ID!) { order(id: $id) { id status total } }\n';
    await writeFile(join(folder, 'Get order.graphql'), outside); // a git pull
    const mine = aDraft({ query: 'query GetOrder { mine }' });
    const error = await store.save('Get order', mine, saved.version).catch((e: unknown) => e);
    assert.equal((error as { code: string }).code, 'COLLECTION_CONFLICT');
    const details = (error as { details: { theirs: { query: string }; theirsVersion: string } })
      .details;
    assert.equal(details.theirs.query, outside);
    assert.equal(
      await readFile(join(folder, 'Get order.graphql'), 'utf8'),
      outside,
      'their edit is intact',
    );
    const resolved = await store.save('Get order', mine, details.theirsVersion);
    assert.equal((await store.read('Get order')).query, 'query GetOrder { mine }');
    assert.notEqual(resolved.version, details.theirsVersion);
    await assert.rejects(
      store.save('Get order', mine, null),
      { code: 'COLLECTION_CONFLICT' },
      'a new request never replaces an existing one',
    );
  });

  test('a literal secret is refused before it reaches a file', async () => {
    const { folder, store } = await openStore();
    for (const draft of [
      aDraft({ headers: { 'x-api-key': 'da2-abcdefghijklmnopqrstuvwxyz' } }),
      aDraft({ headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' } }),
      aDraft({ auth: { type: 'API_KEY', value: 'da2-abcdefghijklmnopqrstuvwxyz' } }),
      aDraft({ variables: { password: 'hunter2' } }),
    ]) {
      await assert.rejects(store.save('Leaky', draft, null), { code: 'COLLECTION_INVALID' });
    }
    assert.deepEqual(await readdir(folder), []);
    await store.save(
      'Fine',
      aDraft({
        auth: { type: 'API_KEY', value: '{{apiKey}}' },
        headers: { authorization: '{{token}}' },
      }),
      null,
    );
  });

  test('external edits are picked up live: changed, added and removed requests', async () => {
    const { folder, store } = await openStore({ watch: true });
    if (!store.watching) return; // platform without recursive fs.watch
    await store.save('Get order', aDraft(), null);
    const changes: CollectionChangeDTO[] = [];
    const next = () =>
      new Promise<CollectionChangeDTO>((resolve) => {
        const off = store.on('changed', (change) => {
          off();
          changes.push(change);
          resolve(change);
        });
      });
    // Our own save is not an outside change.
    let change = next();
    await writeFile(join(folder, 'Get order.graphql'), 'query GetOrder { changed }');
    assert.deepEqual((await change).requestIds, ['Get order']);
    assert.equal((await store.read('Get order')).query, 'query GetOrder { changed }');
    change = next();
    await mkdir(join(folder, 'pulled'));
    await writeFile(join(folder, 'pulled', 'New one.graphql'), 'query New { n }');
    const added = await change;
    assert.equal(added.treeChanged, true);
    change = next();
    await writeFile(
      join(folder, 'collection.json'),
      '{"name":"Pulled","environments":{"dev":{"apiUrl":"http://127.0.0.1:1/graphql"}}}',
    );
    assert.equal((await change).settingsChanged, true);
    assert.deepEqual((await store.tree()).environments, ['dev']);
    store.close();
  });
});
