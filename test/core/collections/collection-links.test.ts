/**
 * A cloned collection is someone else's folder: a link in it that leads outside it is never
 * followed — not by the tree, not on open, not on save — and a link that stays inside is.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { outsideEdits } from '../../../main/core/collections/outside-edits.ts';
import type { CollectionNode, RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

const OUTSIDE = /is a link to outside the collection; not read/;
const NOT_WRITTEN = /is a link to outside the collection; not written/;
const SECRET = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzLINKSECRET';

const draft: RequestDraftDTO = {
  name: 'New',
  query: '{ whoami { authMode } }',
  operationName: null,
  variables: {},
  headers: {},
  endpointRef: null,
  url: 'http://127.0.0.1:9/graphql',
  auth: null,
  profile: null,
  ...noRequestTests(),
};

/** A collection folder beside a folder that is not part of it, holding a secret. */
async function world() {
  const base = await makeTempDir('links');
  const folder = join(base, 'collection');
  const outside = join(base, 'outside');
  await mkdir(folder);
  await mkdir(join(outside, 'a'), { recursive: true });
  await writeFile(join(outside, 'secret.graphql'), SECRET);
  await writeFile(join(outside, 'a', 'Stolen.graphql'), SECRET);
  await writeFile(join(folder, 'Kept.graphql'), '{ whoami { authMode } }');
  const open = () => CollectionStore.open(folder, { vault: new MemoryVault(), watch: false });
  return { base, folder, outside, open };
}

const ids = (nodes: CollectionNode[]): string[] =>
  nodes.flatMap((n) => (n.kind === 'folder' ? [n.id, ...ids(n.children)] : [n.id]));

describe('links in a collection', () => {
  test('a .graphql that links outside is a problem in the tree and refused on open', async () => {
    const { folder, outside, open } = await world();
    await symlink(join(outside, 'secret.graphql'), join(folder, 'Q.graphql'));
    await writeFile(join(folder, 'Q.request.json'), '{"url":"http://127.0.0.1:9/graphql"}');
    const store = await open();
    const tree = await store.tree();
    assert.deepEqual(ids(tree.root.children), ['Kept']);
    const problem = tree.problems.find((p) => p.file === 'Q.graphql');
    assert.match(problem?.message ?? '', OUTSIDE);
    assert.ok(!JSON.stringify(tree).includes('LINKSECRET'));
    await assert.rejects(store.read('Q'), { code: 'COLLECTION_INVALID', message: OUTSIDE });
    store.close();
  });

  test('a sidecar or collection.json that links outside is refused, naming the file', async () => {
    const { folder, outside, open } = await world();
    await writeFile(join(outside, 'sidecar.json'), '{"url":"https://attacker.invalid/"}');
    await writeFile(join(outside, 'settings.json'), '{"environments":{"dev":{"k":"v"}}}');
    await writeFile(join(folder, 'Q.graphql'), '{ whoami { authMode } }');
    await symlink(join(outside, 'sidecar.json'), join(folder, 'Q.request.json'));
    await symlink(join(outside, 'settings.json'), join(folder, 'collection.json'));
    const store = await open();
    const tree = await store.tree();
    assert.match(tree.problems.find((p) => p.file === 'Q.request.json')?.message ?? '', OUTSIDE);
    assert.match(tree.problems.find((p) => p.file === 'collection.json')?.message ?? '', OUTSIDE);
    assert.deepEqual(tree.environments, []);
    await assert.rejects(store.read('Q'), { message: OUTSIDE });
    await assert.rejects(store.environment('dev'), { message: OUTSIDE });
    store.close();
  });

  test('a folder that links outside is not scanned, read from or written into', async () => {
    const { folder, outside, open } = await world();
    await symlink(join(outside, 'a'), join(folder, 'Linked'));
    const store = await open();
    const tree = await store.tree();
    assert.deepEqual(ids(tree.root.children), ['Kept']);
    assert.match(tree.problems.find((p) => p.file === 'Linked')?.message ?? '', OUTSIDE);
    await assert.rejects(store.read('Linked/Stolen'), { message: OUTSIDE });
    await assert.rejects(store.save('Linked/New', draft, null), { message: NOT_WRITTEN });
    await assert.rejects(store.createFolder('Linked', 'Sub'), { message: NOT_WRITTEN });
    await assert.rejects(store.moveRequest('Kept', 'Linked'), { message: NOT_WRITTEN });
    await assert.rejects(store.moveRequest('Linked/Stolen', ''), { message: NOT_WRITTEN });
    await assert.rejects(store.deleteRequest('Linked/Stolen'), { message: NOT_WRITTEN });
    await assert.rejects(store.deleteFolder('Linked/Sub'), { message: NOT_WRITTEN });
    // Deleting the link itself removes the link, never what it names.
    await store.deleteFolder('Linked');
    assert.deepEqual(await readdir(folder), ['Kept.graphql']);
    assert.deepEqual((await readdir(join(outside, 'a'))).sort(), ['Stolen.graphql']);
    assert.equal(await readFile(join(outside, 'a', 'Stolen.graphql'), 'utf8'), SECRET);
    store.close();
  });

  test('".." through a link is judged where the link really leads, not by its spelling', async () => {
    const { folder, outside, open } = await world();
    // Spelled inside (collection/inner/../secret), really outside (outside/secret).
    await symlink(join(outside, 'a'), join(folder, 'inner'));
    await symlink('inner/../secret.graphql', join(folder, 'Up.graphql'));
    // Spelled outside (collection/../Real), really inside: deep/deeper/../../Real.
    await mkdir(join(folder, 'deep', 'deeper'), { recursive: true });
    await writeFile(join(folder, 'Real.graphql'), 'query Real { whoami { arn } }');
    await symlink('deep/deeper', join(folder, 'shortcut'));
    await symlink('shortcut/../../Real.graphql', join(folder, 'Alias.graphql'));
    // A folder link back up to the collection's parent.
    await symlink('..', join(folder, 'Parent'));
    const store = await open();
    const tree = await store.tree();
    const problems = Object.fromEntries(tree.problems.map((p) => [p.file, p.message]));
    assert.match(problems['Up.graphql'] ?? '', OUTSIDE);
    assert.match(problems['Parent'] ?? '', OUTSIDE);
    assert.match(problems['inner'] ?? '', OUTSIDE);
    await assert.rejects(store.read('Up'), { message: OUTSIDE });
    await assert.rejects(store.read('Parent/outside/secret'), { message: OUTSIDE });
    assert.equal((await store.read('Alias')).query, 'query Real { whoami { arn } }');
    assert.ok(ids(tree.root.children).includes('Alias'));
    store.close();
  });

  test('links that stay inside are followed; a folder linking to its own ancestor is not looped', async () => {
    const { folder, open } = await world();
    await mkdir(join(folder, 'Admin'));
    await writeFile(join(folder, 'Admin', 'Cancel.graphql'), 'mutation Cancel { cancel }');
    await symlink('Admin', join(folder, 'Shortcut'));
    await symlink('Admin/Cancel.graphql', join(folder, 'Same cancel.graphql'));
    await symlink('..', join(folder, 'Admin', 'Loop'));
    const store = await open();
    const tree = await store.tree();
    assert.deepEqual(ids(tree.root.children).sort(), [
      'Admin',
      'Admin/Cancel',
      'Kept',
      'Same cancel',
      'Shortcut',
      'Shortcut/Cancel',
    ]);
    assert.match(tree.problems.find((p) => p.file === 'Admin/Loop')?.message ?? '', /itself/);
    assert.equal((await store.read('Shortcut/Cancel')).query, 'mutation Cancel { cancel }');
    const saved = await store.read('Same cancel');
    await store.save(
      'Same cancel',
      { ...saved, query: 'mutation Cancel { cancel(id: 1) }' },
      saved.version,
    );
    assert.equal(
      await readFile(join(folder, 'Admin', 'Cancel.graphql'), 'utf8'),
      'mutation Cancel { cancel(id: 1) }',
      'the save went through the link to the file it names',
    );
    store.close();
  });

  test('an outside edit that turns a request into a link outside is noticed, never read', async () => {
    const { folder, outside } = await world();
    await symlink(join(outside, 'secret.graphql'), join(folder, 'Q.graphql'));
    const change = await outsideEdits(folder, ['Q.graphql', 'collection.json'], {
      requests: new Map([['Q', 'before']]),
      settingsText: null,
    });
    assert.equal(change?.treeChanged, true);
    assert.ok(!JSON.stringify(change).includes('LINKSECRET'));
  });
});
