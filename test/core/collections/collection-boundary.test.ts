/** The collection's edge on its own, whatever a caller passes: no path climbs out of it. */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  collectionEntry,
  readCollectionFile,
  writeCollectionFile,
} from '../../../main/core/collections/collection-boundary.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

test('a path with ".." or an absolute path is refused for reads, writes and entries', async () => {
  const base = await makeTempDir('boundary');
  const folder = join(base, 'collection');
  await mkdir(join(folder, 'Admin'), { recursive: true });
  await writeFile(join(base, 'secret.graphql'), 'SECRET');
  const escapes = [
    '../secret.graphql',
    'Admin/../../secret.graphql',
    'missing/../../secret.graphql',
    'Admin\\..\\..\\secret.graphql',
    join(base, 'secret.graphql'),
  ];
  for (const file of escapes) {
    await assert.rejects(readCollectionFile(folder, file), /is not a path inside the collection/);
    await assert.rejects(
      writeCollectionFile(folder, file, 'overwritten'),
      /is not a path inside the collection/,
    );
    await assert.rejects(collectionEntry(folder, file), /is not a path inside the collection/);
  }
  assert.equal(await readFile(join(base, 'secret.graphql'), 'utf8'), 'SECRET');
  await writeCollectionFile(folder, 'Admin/Kept.graphql', '{ ok }');
  assert.equal(await readCollectionFile(folder, 'Admin/Kept.graphql'), '{ ok }');
});
