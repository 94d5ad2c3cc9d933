import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import type { RequestDraftDTO } from '../../../shared/collections.ts';
import { methods } from '../../../shared/contract.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun } from '../history/history-fixtures.ts';
import { MemoryVault } from './memory-vault.ts';

const plain: RequestDraftDTO = {
  name: 'Get note',
  query: 'query GetNote { getNote(id: "1") { title } }',
  operationName: null,
  variables: {},
  headers: {},
  endpointRef: null,
  url: '{{apiUrl}}',
  auth: null,
  profile: null,
  ...noRequestTests(),
};

const tested: RequestDraftDTO = {
  ...plain,
  assertions: [
    { enabled: true, path: 'status', operator: 'eq', value: '200' },
    { enabled: false, path: 'data.getNote.title', operator: 'contains', value: 'x' },
    { enabled: true, path: 'errors', operator: 'exists', value: null },
  ],
  scripts: { pre: "vars.set('a', 1);", post: null },
  repeat: 3,
  data: 'rows/users.csv',
};

async function openStore() {
  const folder = await makeTempDir('collection');
  return {
    folder,
    store: await CollectionStore.open(folder, { vault: new MemoryVault(), watch: false }),
  };
}

describe("a request's tests in its sidecar", () => {
  test('assertions, scripts, repeat and data are saved short and read back', async () => {
    const { folder, store } = await openStore();
    const saved = await store.save('Get note', tested, null);
    const sidecar = JSON.parse(await readFile(join(folder, 'Get note.request.json'), 'utf8'));
    assert.deepEqual(sidecar.assertions, [
      { path: 'status', operator: 'eq', value: '200' },
      { enabled: false, path: 'data.getNote.title', operator: 'contains', value: 'x' },
      { path: 'errors', operator: 'exists' },
    ]);
    assert.deepEqual(sidecar.scripts, { pre: "vars.set('a', 1);" });
    assert.equal(sidecar.repeat, 3);
    assert.equal(sidecar.data, 'rows/users.csv');
    assert.deepEqual(await store.read('Get note'), saved);
  });

  test('a request without tests writes none of the keys; an old sidecar reads with empty ones', async () => {
    const { folder, store } = await openStore();
    await store.save('Get note', plain, null);
    const sidecar = JSON.parse(await readFile(join(folder, 'Get note.request.json'), 'utf8'));
    assert.deepEqual(Object.keys(sidecar), ['url']);
    await writeFile(join(folder, 'Old.graphql'), '{ a }');
    await writeFile(join(folder, 'Old.request.json'), '{"url":"{{apiUrl}}"}');
    const old = await store.read('Old');
    assert.deepEqual(old.assertions, []);
    assert.deepEqual(old.scripts, { pre: null, post: null });
    assert.equal(old.repeat, null);
    assert.equal(old.data, null);
  });

  test('a bad assertion in a file names the file and the field', async () => {
    const { folder, store } = await openStore();
    await writeFile(join(folder, 'Bad.graphql'), '{ a }');
    await writeFile(
      join(folder, 'Bad.request.json'),
      JSON.stringify({ assertions: [{ path: 'status', operator: 'approximately', value: '1' }] }),
    );
    await assert.rejects(store.read('Bad'), /Bad\.request\.json: assertions\.0\.operator/);
  });

  test('the contract refuses a data file outside the collection and an unknown operator', () => {
    const input = methods['collections.save'].input;
    const base = { folder: '/tmp/c', draft: tested, baseVersion: null };
    assert.equal(input.safeParse(base).success, true);
    const outside = input.safeParse({ ...base, draft: { ...tested, data: '../secrets.csv' } });
    assert.equal(outside.success, false);
    const operator = input.safeParse({
      ...base,
      draft: {
        ...tested,
        assertions: [{ enabled: true, path: 'status', operator: 'near', value: null }],
      },
    });
    assert.equal(operator.success, false);
  });

  test("history keeps the counts and failed names of a run's checks", async () => {
    const history = HistoryRepository.open(await makeTempDir('history'));
    const id = history.record(
      aRun({ tests: { passed: 2, failed: 1, failedNames: ['data.getNote.title eq'] } }),
    )!;
    assert.deepEqual(history.get(id).tests, {
      passed: 2,
      failed: 1,
      failedNames: ['data.getNote.title eq'],
    });
    assert.equal(history.get(history.record(aRun())!).tests, null);
    assert.deepEqual(
      history.list().groups[0]!.entries.map((e) => e.tests?.failed ?? null),
      [null, 1],
    );
  });
});
