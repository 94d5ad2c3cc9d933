/**
 * Requests that feed each other, against the sandbox's AppSync: the first creates a note and
 * keeps its id, the next two read and delete it through `{{noteId}}`, in the order
 * collection.json gives. The API key is a secret variable: it is never in a script's view, a
 * report or history.
 */
import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { runSavedRequest } from '../../../main/core/collections/saved-request-runner.ts';
import { runCollection, stepFailed } from '../../../main/core/collections/collection-run.ts';
import { createWorkbenchCore } from '../../../main/core/workbench-core.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { apiKeyDraft } from './api-key-draft.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const nobody = {
  mfaCode: async () => assert.fail('no MFA here'),
  confirm: async () => assert.fail('nothing to confirm'),
  showDeviceCode: () => assert.fail('no device code'),
};

const draft = apiKeyDraft;

async function world() {
  const dataDir = await makeTempDir('chain-data');
  const vault = new FileVault(dataDir);
  const core = createWorkbenchCore(
    { env: {}, homeDir: dataDir, dataDir },
    { prompter: nobody, opener: { open: async () => undefined }, vault },
    'cli',
  );
  const folder = await makeTempDir('chain');
  const store = await CollectionStore.open(folder, { vault, watch: false });
  await store.setVariable(null, 'apiUrl', sandbox.graphqlUrl, false);
  await store.setVariable(null, 'apiKey', sandbox.apiKey, true);
  return { core, vault, store, folder };
}

describe('a chain of requests', () => {
  test('variables set by one request flow to the next two, in collection.json order', async () => {
    const { core, vault, store, folder } = await world();
    // Tree order would be a, b, c: the collection says create, read, delete.
    await store.save(
      'c create',
      draft(
        'c create',
        'mutation($title: String!) { createNote(input: { title: $title }) { id title } }',
        {
          variables: { title: '{{title}}' },
          scripts: {
            pre: `vars.set('title', 'chain ' + (vars.get('suffix') || 'x'));`,
            post: `vars.set('noteId', response.data.createNote.id);
                 test('created', () => expect(response.data.createNote.title).toBe(vars.get('title')));`,
          },
        },
      ),
      null,
    );
    await store.save(
      'a read',
      draft('a read', 'query($id: ID!) { getNote(id: $id) { id title } }', {
        variables: { id: '{{noteId}}' },
        assertions: [
          { enabled: true, path: 'status', operator: 'eq', value: '200' },
          { enabled: true, path: 'data.getNote.id', operator: 'eq', value: '{{noteId}}' },
          { enabled: true, path: 'data.getNote.title', operator: 'eq', value: '{{title}}' },
        ],
      }),
      null,
    );
    await store.save(
      'b delete',
      draft('b delete', 'mutation($id: ID!) { deleteNote(id: $id) { id } }', {
        variables: { id: '{{noteId}}' },
        assertions: [
          { enabled: true, path: 'data.deleteNote.id', operator: 'eq', value: '{{noteId}}' },
        ],
        scripts: {
          pre: null,
          post: `test('the key stays hidden', () => {
                   expect(env.get('apiKey')).toBe(undefined);
                   expect(JSON.stringify([request, vars.get('noteId'), env.get('apiUrl')])).not.toContain('${'da2'}');
                 });
                 console.log(JSON.stringify(request), env.get('apiKey'));`,
        },
      }),
      null,
    );
    const settings = JSON.parse(
      await (await import('node:fs/promises')).readFile(join(folder, 'collection.json'), 'utf8'),
    );
    await writeFile(
      join(folder, 'collection.json'),
      JSON.stringify({ ...settings, order: ['c create', 'a read', 'b delete'] }),
    );

    const steps = await runCollection(
      store,
      ['a read', 'b delete', 'c create'],
      { environment: null, vars: { suffix: '42' } },
      core.requests,
      vault,
    );
    assert.deepEqual(
      steps.map((s) => s.id),
      ['c create', 'a read', 'b delete'],
    );
    for (const step of steps) {
      assert.equal(step.error, null, step.error?.message);
      assert.equal(stepFailed(step), false, JSON.stringify(step.result?.tests));
    }
    const [create, read, remove] = steps.map((s) => s.result!);
    const noteId = (create!.body as { data: { createNote: { id: string } } }).data.createNote.id;
    assert.equal(
      (read!.body as { data: { getNote: { title: string } } }).data.getNote.title,
      'chain 42',
    );
    assert.equal(
      read!.tests?.assertions[1]?.message,
      `data.getNote.id: expected "${noteId}", got "${noteId}"`,
    );
    assert.equal(
      (remove!.body as { data: { deleteNote: { id: string } } }).data.deleteNote.id,
      noteId,
    );

    await new Promise(setImmediate);
    const entries = core.history.list().groups.flatMap((g) => g.entries);
    assert.equal(entries.length, 3);
    assert.deepEqual(
      entries.map((e) => e.tests),
      [
        { passed: 2, failed: 0, failedNames: [] },
        { passed: 3, failed: 0, failedNames: [] },
        { passed: 1, failed: 0, failedNames: [] },
      ],
    );
    const everything = JSON.stringify([steps, entries.map((e) => core.history.get(e.id))]);
    assert.ok(!everything.includes(sandbox.apiKey), 'the API key is in no report and no history');
    assert.match(
      JSON.stringify(remove!.tests?.logs),
      /undefined/,
      'the script logged what it could see',
    );
    store.close();
    await core.close();
  });

  test('a failed assertion fails the run by name, and history keeps only its name', async () => {
    const { core, vault, store } = await world();
    await store.save(
      'who',
      draft('who', '{ whoami { authMode } }', {
        assertions: [
          { enabled: true, path: 'data.whoami.authMode', operator: 'eq', value: 'AWS_IAM' },
          { enabled: false, path: 'status', operator: 'eq', value: '500' },
        ],
      }),
      null,
    );
    const result = await runSavedRequest(store, 'who', { environment: null }, core.requests, vault);
    assert.equal(result.tests?.passed, false);
    assert.deepEqual(
      result.tests?.assertions.map((a) => a.message),
      ['data.whoami.authMode: expected "AWS_IAM", got "API_KEY"'],
    );
    await new Promise(setImmediate);
    const [entry] = core.history.list().groups.flatMap((g) => g.entries);
    assert.deepEqual(entry?.tests, {
      passed: 0,
      failed: 1,
      failedNames: ['data.whoami.authMode eq'],
    });
    store.close();
    await core.close();
  });

  test('repeat and a data file run a request once per row, the row as variables', async () => {
    const { core, vault, store, folder } = await world();
    await writeFile(join(folder, 'titles.csv'), 'title,tag\n"Milk, oat",food\nBread,"a ""b"""\n');
    await store.save(
      'create',
      draft('create', 'mutation($t: String!) { createNote(input: { title: $t }) { title } }', {
        variables: { t: '{{title}}' },
        data: 'titles.csv',
        assertions: [
          { enabled: true, path: 'data.createNote.title', operator: 'eq', value: '{{title}}' },
        ],
      }),
      null,
    );
    await store.save('twice', draft('twice', '{ whoami { authMode } }', { repeat: 2 }), null);
    const steps = await runCollection(
      store,
      ['create', 'twice'],
      { environment: null },
      core.requests,
      vault,
    );
    assert.deepEqual(
      steps.map((s) => [s.id, s.iteration, s.of]),
      [
        ['create', 1, 2],
        ['create', 2, 2],
        ['twice', 1, 2],
        ['twice', 2, 2],
      ],
    );
    assert.deepEqual(
      steps
        .slice(0, 2)
        .map(
          (s) =>
            (s.result!.body as { data: { createNote: { title: string } } }).data.createNote.title,
        ),
      ['Milk, oat', 'Bread'],
    );
    assert.ok(steps.every((s) => !stepFailed(s)));

    // A data file that is a link out of the collection is refused, and nothing is sent.
    const outside = join(await makeTempDir('outside'), 'rows.csv');
    await writeFile(outside, 'title\nstolen\n');
    await symlink(outside, join(folder, 'linked.csv'));
    await store.save(
      'linked',
      draft('linked', '{ whoami { authMode } }', { data: 'linked.csv' }),
      null,
    );
    const [refused] = await runCollection(
      store,
      ['linked'],
      { environment: null },
      core.requests,
      vault,
    );
    assert.equal(refused?.result, null);
    assert.match(refused?.error?.message ?? '', /linked\.csv is a link to outside the collection/);
    store.close();
    await core.close();
  });
});
