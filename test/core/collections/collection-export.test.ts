/**
 * Export writes where the user points, outside the app's own places: it replaces only a
 * previous export, names only `.json` files, and never writes through a link.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { writePostmanExport } from '../../../main/core/collections/postman-export.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

async function world() {
  const folder = await makeTempDir('export-collection');
  const out = await makeTempDir('export-out');
  await writeFile(join(folder, 'Get order.graphql'), '{ order(id: 1) { id } }');
  await writeFile(
    join(folder, 'collection.json'),
    JSON.stringify({ name: 'Orders', environments: { dev: { apiUrl: 'http://127.0.0.1:9/' } } }),
  );
  const store = await CollectionStore.open(folder, { vault: new MemoryVault(), watch: false });
  return { store, out };
}

describe('collection export', () => {
  test('an existing file that is not a previous export is never overwritten', async () => {
    const { store, out } = await world();
    const file = join(out, 'notes.json');
    await writeFile(file, '{"todo":["buy milk"]}');
    await assert.rejects(writePostmanExport(store, file), {
      code: 'COLLECTION_CONFLICT',
      message: /notes\.json already exists and is not a Postman export; not overwritten/,
    });
    assert.equal(await readFile(file, 'utf8'), '{"todo":["buy milk"]}');
    assert.deepEqual(await readdir(out), ['notes.json']);

    // The environment file beside it counts too, and is checked before anything is written.
    const env = join(out, 'orders.dev.postman_environment.json');
    await writeFile(env, 'my own notes');
    await assert.rejects(writePostmanExport(store, join(out, 'orders.json')), {
      code: 'COLLECTION_CONFLICT',
      message: /orders\.dev\.postman_environment\.json already exists/,
    });
    assert.equal(await readFile(env, 'utf8'), 'my own notes');
    assert.deepEqual((await readdir(out)).sort(), [
      'notes.json',
      'orders.dev.postman_environment.json',
    ]);
    store.close();
  });

  test('a previous export is replaced', async () => {
    const { store, out } = await world();
    const file = join(out, 'orders.postman_collection.json');
    const first = await writePostmanExport(store, file);
    await writeFile(join(store.folder, 'List orders.graphql'), '{ orders { id } }');
    assert.deepEqual(await writePostmanExport(store, file), first);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { item: { name: string }[] };
    assert.deepEqual(
      exported.item.map((i) => i.name),
      ['Get order', 'List orders'],
    );
    store.close();
  });

  test('the export is a .json file, and never written through a link', async () => {
    const { store, out } = await world();
    for (const name of ['orders.txt', 'orders', 'orders.json.sh']) {
      await assert.rejects(writePostmanExport(store, join(out, name)), {
        code: 'INVALID_INPUT',
        message: /\.json/,
      });
    }
    assert.deepEqual(await readdir(out), []);

    // Even a link to a previous export: the file it names is not the user's choice.
    const elsewhere = await makeTempDir('export-elsewhere');
    const real = join(elsewhere, 'orders.json');
    await writePostmanExport(store, real);
    const before = await readFile(real, 'utf8');
    await symlink(real, join(out, 'orders.json'));
    await assert.rejects(writePostmanExport(store, join(out, 'orders.json')), {
      code: 'COLLECTION_CONFLICT',
      message: /is a link; not overwritten/,
    });
    assert.equal(await readFile(real, 'utf8'), before);
    store.close();
  });
});
