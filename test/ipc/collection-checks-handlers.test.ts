/**
 * A tree or tab run through the contract returns the request's checks with its answer: the
 * saved ones, or a tab's unsaved ones; history lists the outcome.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../main/sandbox/sandbox-server.ts';
import type { HistoryEntrySummaryDTO } from '../../shared/history.ts';
import type { RequestResultDTO } from '../../shared/requests.ts';
import { apiKeyDraft } from '../core/tests/api-key-draft.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { testWorkbench } from '../support/workbench.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

describe('collections.run with checks', () => {
  test('saved assertions and a tab’s unsaved ones come back with the answer; history has the counts', async () => {
    const home = await makeTempDir('checks-handlers');
    const workbench = testWorkbench({ env: {}, homeDir: home, dataDir: join(home, 'data') });
    try {
      const folder = await makeTempDir('checks-collection');
      const { router } = workbench;
      assert.ok((await router.dispatch('collections.open', { folder })).ok);
      for (const [name, value, secret] of [
        ['apiUrl', sandbox.graphqlUrl, false],
        ['apiKey', sandbox.apiKey, true],
      ] as const) {
        const set = await router.dispatch('collections.setVariable', {
          folder,
          environment: null,
          name,
          value,
          secret,
        });
        assert.ok(set.ok, JSON.stringify(set));
      }
      const saved = await router.dispatch('collections.save', {
        folder,
        parent: '',
        draft: apiKeyDraft('Who', '{ whoami { authMode } }', {
          assertions: [
            { enabled: true, path: 'data.whoami.authMode', operator: 'eq', value: 'API_KEY' },
          ],
          scripts: { pre: null, post: "test('ok', () => expect(response.status).toBe(200));" },
        }),
        baseVersion: null,
      });
      assert.ok(saved.ok, JSON.stringify(saved));

      const run = await router.dispatch('collections.run', {
        folder,
        id: 'Who',
        environment: null,
      });
      assert.ok(run.ok, JSON.stringify(run));
      const tests = (run.value as RequestResultDTO).tests;
      assert.equal(tests?.passed, true);
      assert.deepEqual([tests?.assertions.length, tests?.tests.map((t) => t.name)], [1, ['ok']]);

      const edited = await router.dispatch('collections.run', {
        folder,
        id: 'Who',
        environment: null,
        edits: {
          query: '{ whoami { authMode } }',
          operationName: null,
          variables: {},
          headers: {},
          profile: null,
          assertions: [{ enabled: true, path: 'status', operator: 'eq', value: '201' }],
        },
      });
      assert.ok(edited.ok, JSON.stringify(edited));
      const editedTests = (edited.value as RequestResultDTO).tests;
      assert.deepEqual(
        editedTests?.assertions.map((a) => a.message),
        ['status: expected 201, got 200'],
      );

      await new Promise(setImmediate);
      const listed = await router.dispatch('history.list', {});
      assert.ok(listed.ok);
      const entries = (
        listed.value as { groups: { entries: HistoryEntrySummaryDTO[] }[] }
      ).groups.flatMap((g) => g.entries);
      assert.deepEqual(
        entries.map((e) => e.tests),
        [
          { passed: 1, failed: 1, failedNames: ['status eq'] },
          { passed: 2, failed: 0, failedNames: [] },
        ],
      );
      assert.ok(!JSON.stringify([run, edited, listed]).includes(sandbox.apiKey));
    } finally {
      await workbench.close();
    }
  });
});
