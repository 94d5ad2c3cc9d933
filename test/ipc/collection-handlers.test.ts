import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { WorkbenchCore } from '../../main/core/workbench-core.ts';
import { collectionHandlers } from '../../main/ipc/collection-handlers.ts';
import { OperationRegistry } from '../../main/ipc/operations.ts';
import { createRouter, type Handlers } from '../../main/ipc/router.ts';
import type { RequestDraftDTO } from '../../shared/collections.ts';
import { noRequestTests } from '../../shared/request-tests.ts';
import { METHOD_NAMES } from '../../shared/contract.ts';
import { startRecordingServer } from '../core/collections/recording-server.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { testWorkbench } from '../support/workbench.ts';

const draft: RequestDraftDTO = {
  name: 'Get order',
  query: '{ order(id: "1") { id } }',
  operationName: null,
  variables: {},
  headers: {},
  endpointRef: null,
  url: 'https://example.invalid/graphql',
  auth: { type: 'AWS_IAM', region: 'eu-west-1', service: null },
  profile: null,
  ...noRequestTests(),
};

/** A core whose collections record every call: the router must reach none on bad input. */
function recordingCore() {
  const calls: string[] = [];
  const collections = new Proxy(
    {},
    {
      get: (_target, name) => async () => {
        calls.push(String(name));
        return { tree: async () => ({}) };
      },
    },
  );
  const core = { collections, requests: {} } as unknown as WorkbenchCore;
  const unused = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, async () => assert.fail(`${m} is not used here`)]),
  ) as unknown as Handlers;
  const router = createRouter({
    ...unused,
    ...collectionHandlers(() => core, new OperationRegistry()),
  });
  return { router, calls };
}

describe('collection handlers', () => {
  test('invalid input is refused with INVALID_INPUT before the core runs', async () => {
    const { router, calls } = recordingCore();
    const cases: [string, unknown][] = [
      ['collections.open', { folder: 'relative/folder' }],
      ['collections.open', { folder: '' }],
      ['collections.open', { folder: '/ok', extra: true }],
      ['collections.tree', {}],
      ['collections.read', { folder: '/c', id: '../../etc/passwd' }],
      ['collections.read', { folder: '/c', id: '/abs' }],
      ['collections.read', { folder: '/c', id: '' }],
      ['collections.save', { folder: '/c', draft: { ...draft, query: '' }, baseVersion: null }],
      ['collections.save', { folder: '/c', draft: { ...draft, name: '  ' }, baseVersion: null }],
      ['collections.save', { folder: '/c', draft, baseVersion: 42 }],
      ['collections.save', { folder: '/c', draft: { ...draft, auth: { type: 'NOPE' } } }],
      ['collections.rename', { folder: '/c', kind: 'file', id: 'a', name: 'b' }],
      ['collections.move', { folder: '/c', kind: 'request', id: 'a', to: '..' }],
      ['collections.createFolder', { folder: '/c', parent: '', name: '' }],
      [
        'collections.setVariable',
        { folder: '/c', environment: null, name: 'a b', value: 'x', secret: false },
      ],
      ['collections.setVariable', { folder: '/c', environment: 'dev', name: 'k', value: 'x' }],
      ['collections.import', { file: 'export.json', folder: '/c' }],
      ['collections.export', { folder: '/c', file: 'out.json' }],
      ['collections.run', { folder: '/c', id: 'a', environment: null, profile: 'has space' }],
      ['collections.run', { folder: '/c', id: 'a', environment: null, timeoutMs: -1 }],
    ];
    for (const [method, input] of cases) {
      const result = await router.dispatch(method, input);
      assert.equal(result.ok, false, `${method} ${JSON.stringify(input)} was accepted`);
      if (!result.ok) assert.equal(result.error.code, 'INVALID_INPUT', result.error.message);
    }
    assert.deepEqual(calls, []);

    const relative = await router.dispatch('collections.open', { folder: 'orders' });
    assert.ok(!relative.ok && /absolute path/.test(relative.error.message));
    const escape = await router.dispatch('collections.read', { folder: '/c', id: 'a/../../x' });
    assert.ok(!escape.ok && /"\.\."/.test(escape.error.message));
  });

  describe('through a real workbench', () => {
    const closers: (() => Promise<void>)[] = [];
    after(async () => {
      for (const close of closers) await close();
    });

    test('open, save, and an outside edit surfaces as COLLECTION_CONFLICT with theirs', async () => {
      const home = await makeTempDir('handlers-home');
      const workbench = testWorkbench({ env: {}, homeDir: home, dataDir: join(home, 'data') });
      closers.push(() => workbench.close());
      const folder = await makeTempDir('handlers-collection');
      const call = async (method: string, input: unknown) => {
        const result = await workbench.router.dispatch(method, input);
        if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
        return result.value as Record<string, unknown>;
      };

      const notOpen = await workbench.router.dispatch('collections.tree', { folder });
      assert.ok(!notOpen.ok && notOpen.error.code === 'NOT_FOUND');
      await call('collections.open', { folder });
      const saved = await call('collections.save', {
        folder,
        parent: '',
        draft,
        baseVersion: null,
      });
      assert.equal(saved.id, 'Get order');
      await call('collections.createFolder', { folder, parent: '', name: 'Admin' });
      const moved = await call('collections.move', {
        folder,
        kind: 'request',
        id: 'Get order',
        to: 'Admin',
      });
      assert.equal(moved.id, 'Admin/Get order');
      const opened = await call('collections.read', { folder, id: 'Admin/Get order' });

      await writeFile(join(folder, 'Admin', 'Get order.graphql'), '{ order(id: "2") { id } }');
      const conflict = await workbench.router.dispatch('collections.save', {
        folder,
        id: 'Admin/Get order',
        draft: { ...draft, query: '{ mine }' },
        baseVersion: opened.version,
      });
      assert.ok(!conflict.ok);
      assert.equal(conflict.error.code, 'COLLECTION_CONFLICT');
      const details = conflict.error.details as { theirs: { query: string } };
      assert.equal(details.theirs.query, '{ order(id: "2") { id } }');

      const list = (await workbench.router.dispatch('collections.list', {})) as {
        ok: true;
        value: { folder: string }[];
      };
      assert.deepEqual(
        list.value.map((c) => c.folder),
        [folder],
      );
    });

    test('a request linked to ~/.aws/credentials is a problem in the tree and is never sent', async () => {
      const home = await makeTempDir('handlers-link-home');
      const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzHANDLERSECRET';
      await mkdir(join(home, '.aws'));
      await writeFile(
        join(home, '.aws', 'credentials'),
        `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${secret}\n`,
      );
      const server = await startRecordingServer();
      const workbench = testWorkbench({ env: {}, homeDir: home, dataDir: join(home, 'data') });
      closers.push(() => workbench.close(), server.close);
      const folder = await makeTempDir('handlers-link-collection');
      await symlink(join(home, '.aws', 'credentials'), join(folder, 'Q.graphql'));
      await writeFile(
        join(folder, 'Q.request.json'),
        JSON.stringify({ url: server.url, auth: { type: 'API_KEY', value: 'da2-attackerkey' } }),
      );

      const opened = await workbench.router.dispatch('collections.open', { folder });
      assert.ok(opened.ok);
      const tree = opened.value as { problems: { file: string; message: string }[] };
      const answers = [
        await workbench.router.dispatch('collections.read', { folder, id: 'Q' }),
        await workbench.router.dispatch('collections.run', { folder, id: 'Q', environment: null }),
        await workbench.router.dispatch('collections.run', {
          folder,
          id: 'Q',
          environment: null,
          edits: {
            query: '{ whoami { arn } }',
            operationName: null,
            variables: {},
            headers: {},
            profile: null,
          },
        }),
      ];
      assert.ok(
        !server.bodies.some((body) => body.includes(secret)),
        'the credentials file was sent to the URL the sidecar names',
      );
      assert.deepEqual(server.bodies, [], 'nothing reached the URL the sidecar names');
      assert.match(
        tree.problems.find((p) => p.file === 'Q.graphql')?.message ?? '',
        /Q\.graphql is a link to outside the collection; not read/,
      );
      for (const answer of answers) {
        assert.ok(!answer.ok);
        assert.equal(answer.error.code, 'COLLECTION_INVALID');
        assert.match(answer.error.message, /link to outside the collection/);
      }
      assert.ok(!JSON.stringify([tree, answers]).includes(secret));
    });
  });
});
