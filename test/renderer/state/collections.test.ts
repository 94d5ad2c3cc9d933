import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CollectionsState } from '../../../renderer/src/lib/state/collections.svelte.ts';
import { TabsState } from '../../../renderer/src/lib/state/tabs.svelte.ts';
import type { RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

const draft: RequestDraftDTO = {
  name: 'Get order',
  query: '{ order(id: "1") { id } }',
  operationName: null,
  variables: {},
  headers: {},
  endpointRef: null,
  url: '{{apiUrl}}',
  auth: { type: 'API_KEY', value: 'not-a-secret' },
  profile: null,
  ...noRequestTests(),
};

async function collectionFolder(environments: Record<string, Record<string, string>>) {
  const folder = await makeTempDir('store-collection');
  await writeFile(
    join(folder, 'collection.json'),
    JSON.stringify({ name: 'Orders', environments }),
  );
  return folder;
}

describe('CollectionsState', () => {
  let h: StoreHarness;
  let orders: string;
  let plain: string;

  before(async () => {
    h = await userWorkbench();
    orders = await collectionFolder({ dev: { apiUrl: 'http://127.0.0.1:9/graphql' }, prod: {} });
    plain = await collectionFolder({});
    await mkdir(join(plain, 'Admin', 'Audit'), { recursive: true });
    for (const folder of [orders, plain]) await h.api.collections.open({ folder });
  });
  after(() => h.close());

  test('opening shows the folder; its first environment is chosen until another is', async () => {
    const collections = new CollectionsState(h.api);
    assert.equal(await collections.open(orders), true);
    assert.equal(collections.activeFolder, orders);
    assert.equal(collections.active?.folder, orders);
    assert.deepEqual(
      collections.environments?.environments.map((e) => e.name),
      ['dev', 'prod'],
    );
    assert.equal(collections.environment, 'dev');
    collections.chooseEnvironment('prod');
    assert.equal(collections.environment, 'prod');
    assert.equal(await collections.environmentFor(orders), 'prod');
    await collections.select(plain);
    assert.equal(collections.environment, null, 'a collection without environments uses its base');
    await collections.select(orders);
    assert.equal(collections.environment, 'prod', 'each folder keeps its own choice');
  });

  test('a folder not shown yet runs in its first environment, as the tree would', async () => {
    const collections = new CollectionsState(h.api);
    assert.equal(await collections.environmentFor(orders), 'dev');
    assert.equal(await collections.environmentFor(plain), null);
  });

  test('a chosen environment deleted on disk falls back to the base variables', async () => {
    const folder = await collectionFolder({ dev: {}, prod: {} });
    const collections = new CollectionsState(h.api);
    await collections.open(folder);
    collections.chooseEnvironment('prod');
    await writeFile(
      join(folder, 'collection.json'),
      JSON.stringify({ name: 'Orders', environments: { dev: {} } }),
    );
    await collections.loadEnvironments();
    assert.equal(collections.environment, null, 'not silently the first one');
  });

  test('a tab from a request with its own URL runs in the environment chosen for its folder', async () => {
    const collections = new CollectionsState(h.api);
    await collections.open(orders);
    const saved = (await collections.save(orders, draft, { parent: '' }))!;
    assert.equal(collections.selection?.id, saved.id);
    collections.chooseEnvironment('prod');
    const tabs = new TabsState(h.api);
    tabs.collectionEnvironment = (folder) => collections.environmentFor(folder);
    const tab = tabs.open({
      title: saved.name,
      query: saved.query,
      origin: {
        kind: 'collection',
        folder: orders,
        requestId: saved.id,
        version: saved.version,
        ownUrl: true,
      },
    });
    await tabs.run(tab);
    assert.equal(tab.failure?.code, 'COLLECTION_INVALID');
    assert.match(tab.failure?.message ?? '', /\{\{apiUrl\}\}, which environment "prod"/);
  });

  test('a save over a newer version on disk is kept as a conflict, with their text', async () => {
    const collections = new CollectionsState(h.api);
    await collections.open(orders);
    const first = (await collections.save(orders, { ...draft, name: 'Conflict' }, { parent: '' }))!;
    const theirs = { ...draft, name: 'Conflict', query: '{ theirs }' };
    await h.api.collections.save({
      folder: orders,
      id: first.id,
      draft: theirs,
      baseVersion: first.version,
    });
    const mine = { ...draft, name: 'Conflict', query: '{ mine }' };
    const result = await collections.save(orders, mine, {
      id: first.id,
      baseVersion: first.version,
    });
    assert.equal(result, null);
    assert.equal(collections.error, null, 'a conflict is not an error message');
    assert.equal(collections.conflict?.id, first.id);
    assert.equal(collections.conflict?.mine.query, '{ mine }');
    assert.equal(collections.conflict?.theirs?.query.trim(), '{ theirs }');
  });

  test('the folder pickers list every folder of the tree by its path', async () => {
    const collections = new CollectionsState(h.api);
    await collections.open(plain);
    assert.deepEqual(
      collections.folders.map((f) => f.label),
      ['(collection root)', 'Admin', 'Admin / Audit'],
    );
  });

  test('an edit on disk reloads the tree of the folder shown', async () => {
    const collections = new CollectionsState(h.api);
    await collections.open(plain);
    const stop = collections.follow();
    const names = () => collections.tree?.root.children.map((c) => c.name) ?? [];
    try {
      await writeFile(join(plain, 'Outside.graphql'), '{ outside }');
      await h.until(() => names().includes('Outside'), 'the outside edit to show');
      assert.ok(collections.changes > 0);
    } finally {
      stop();
    }
  });

  test('a refusal from main is said in `error`, and the next success clears it', async () => {
    const collections = new CollectionsState(h.api);
    assert.equal(await collections.open('relative/folder'), false);
    assert.match(collections.error ?? '', /folder/);
    assert.equal(collections.busy, false);
    assert.equal(await collections.open(plain), true);
    assert.equal(collections.error, null);
  });
});
