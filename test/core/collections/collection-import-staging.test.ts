/**
 * An import lands all at once: written aside, renamed into place. A bad item is skipped with
 * a reason; an import that fails as a whole leaves nothing behind, not even vault entries.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeImportedCollection } from '../../../main/core/collections/collection-import.ts';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { importPostman } from '../../../main/core/collections/postman-import.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const graphql = (query: string) => ({
  method: 'POST',
  header: [{ key: 'x-api-key', value: 'da2-q4mz7xkp2bdnrfwl3tvecgpsay' }],
  body: { mode: 'graphql', graphql: { query, variables: '' } },
  url: '{{apiUrl}}',
});

/** An export with two good requests, one whose query holds a literal AWS key, one nameless. */
const exported = () =>
  importPostman({
    info: { name: 'Orders', schema: SCHEMA },
    variable: [{ key: 'apiUrl', value: 'http://127.0.0.1:9/graphql' }],
    item: [
      { name: 'Get order', request: graphql('{ order(id: 1) { id } }') },
      {
        name: 'Leaky',
        request: graphql('{ sign(key: "AKIAZ7EXAMPLE4KEYID2") { ok } }'),
      },
      { name: '...', request: graphql('{ dots }') },
      { name: 'Admin', item: [{ name: 'Cancel order', request: graphql('mutation { cancel }') }] },
    ],
  });

describe('import into a folder', () => {
  test('a bad item is skipped with its reason; the rest lands', async () => {
    const folder = join(await makeTempDir('import-skip'), 'orders');
    const vault = new MemoryVault();
    const report = await writeImportedCollection(exported(), folder, vault);
    assert.equal(report.requests, 2);
    const skipped = Object.fromEntries(report.dropped.map((d) => [d.where, d.reason]));
    assert.match(skipped['Leaky'] ?? '', /looks like a secret/);
    assert.match(skipped['...'] ?? '', /not usable as a name/);
    assert.ok(!JSON.stringify(report).includes('AKIAZ7EXAMPLE4KEYID2'));
    const store = await CollectionStore.open(folder, { vault, watch: false });
    const tree = await store.tree();
    assert.deepEqual(
      tree.root.children.map((n) => n.id),
      ['Admin', 'Get order'],
    );
    assert.equal((await store.read('Admin/Cancel order')).query, 'mutation { cancel }');
    store.close();
  });

  test('an import that fails as a whole leaves no folder, no staging, no secrets', async () => {
    const parent = await makeTempDir('import-fail');
    const folder = join(parent, 'orders');
    // The vault takes the first secret, then the keychain goes away.
    const vault = new MemoryVault();
    let puts = 0;
    const failing = Object.assign(Object.create(vault) as MemoryVault, {
      put: async (key: string, value: string) => {
        if (++puts > 1) throw new Error('the keychain is locked');
        await vault.put(key, value);
      },
    });
    const collection = exported();
    collection.variables.push({
      name: 'second',
      value: 'da2-d3vk7xkp2bdnrfwl3tvecgpsay',
      secret: true,
    });
    await assert.rejects(writeImportedCollection(collection, folder, failing), /keychain/);
    assert.deepEqual(await readdir(parent), [], 'no half-written folder, no staging folder');
    assert.deepEqual([...vault.entries.keys()], [], 'the secret already vaulted is removed');
  });

  test('a folder that already holds files is refused, and nothing is written into it', async () => {
    const folder = await makeTempDir('import-busy');
    await writeFile(join(folder, 'notes.txt'), 'mine');
    await assert.rejects(writeImportedCollection(exported(), folder, new MemoryVault()), {
      code: 'COLLECTION_CONFLICT',
      message: /not empty/,
    });
    assert.deepEqual(await readdir(folder), ['notes.txt']);
    assert.equal(await readFile(join(folder, 'notes.txt'), 'utf8'), 'mine');
  });

  test('an empty folder, or one holding only dot files (a fresh git clone), takes the import', async () => {
    const empty = await makeTempDir('import-empty');
    await writeImportedCollection(exported(), empty, new MemoryVault());
    assert.ok((await readdir(empty)).includes('Get order.graphql'));
    const cloned = await makeTempDir('import-git');
    await mkdir(join(cloned, '.git'));
    await writeFile(join(cloned, '.gitignore'), '*.log\n');
    await writeImportedCollection(exported(), cloned, new MemoryVault());
    assert.deepEqual((await readdir(cloned)).sort(), [
      '.git',
      '.gitignore',
      'Admin',
      'Get order.graphql',
      'Get order.request.json',
      'collection.json',
    ]);
  });
});
