/**
 * The one way the app reads its own JSON files: missing is empty, unreadable JSON is moved
 * aside (kept, byte for byte) and said so, a file that cannot be read is an error naming it.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readJsonFile } from '../../main/core/json-file.ts';
import { TabsStore } from '../../main/core/settings/tabs-store.ts';
import type { AppError } from '../../shared/errors.ts';
import { makeTempDir } from '../support/web-host-process.ts';

const numbers = {
  what: 'numbers file',
  parse: (json: unknown) => {
    if (!Array.isArray(json) || !json.every((n) => typeof n === 'number')) throw new Error('no');
    return json as number[];
  },
  empty: () => [] as number[],
  now: () => 1234,
};

test('a missing file is the empty value; a good one is its value', async () => {
  const dir = await makeTempDir('json-file');
  assert.deepEqual(await readJsonFile(join(dir, 'none.json'), numbers), {
    value: [],
    movedAside: null,
  });
  await writeFile(join(dir, 'ok.json'), '[1, 2]');
  assert.deepEqual(await readJsonFile(join(dir, 'ok.json'), numbers), {
    value: [1, 2],
    movedAside: null,
  });
});

test('broken JSON, or JSON of another shape, is moved aside whole and said so', async () => {
  const dir = await makeTempDir('json-file');
  for (const [name, text] of [
    ['broken.json', '[1, 2'],
    ['shape.json', '{"not": "numbers"}'],
  ] as const) {
    const file = join(dir, name);
    await writeFile(file, text);
    const read = await readJsonFile(file, numbers);
    assert.deepEqual(read, { value: [], movedAside: `${file}.corrupt-1234` });
    assert.equal(await readFile(`${file}.corrupt-1234`, 'utf8'), text);
  }
  assert.deepEqual((await readdir(dir)).sort(), [
    'broken.json.corrupt-1234',
    'shape.json.corrupt-1234',
  ]);
});

test('a file that cannot be read is an error naming it, and it stays where it is', async () => {
  const dir = await makeTempDir('json-file');
  const file = join(dir, 'folder.json');
  await mkdir(file);
  await assert.rejects(readJsonFile(file, numbers), (error: AppError) => {
    assert.equal(error.code, 'INTERNAL');
    assert.equal(
      error.message,
      `The numbers file ${file} could not be read (EISDIR). Check its permissions.`,
    );
    return true;
  });
  assert.deepEqual(await readdir(dir), ['folder.json']);
});

test('a tabs file that is not tabs is kept aside, and the store says where', async () => {
  const dir = await makeTempDir('json-file');
  await writeFile(join(dir, 'tabs.json'), '{"tabs": "not a list"}');
  const store = new TabsStore(dir);
  assert.deepEqual(await store.load(), { tabs: [], activeId: null, generation: store.generation });
  assert.ok(store.recovered?.startsWith(join(dir, 'tabs.json.corrupt-')));
  assert.equal(await readFile(store.recovered ?? '', 'utf8'), '{"tabs": "not a list"}');
});
