/**
 * The CLI records its runs in the app's history: a `query`, a `subscribe` and an `events publish`
 * as real processes against the sandbox land in the database of APPSYNC_WORKBENCH_DATA_DIR,
 * marked as the CLI's, with no secret byte in the file, and the app lists them. A history that
 * cannot be written warns once and never fails the command.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HistoryRepository } from '../../main/core/history/history-repository.ts';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import type { HistoryEntrySummaryDTO } from '../../shared/history.ts';
import { echoedForms } from '../core/requests/support/echo-server.ts';
import { testWorkbench } from '../support/workbench.ts';
import { cliRunner, demoCliWorld } from './cli-runner.ts';

let sandbox: Sandbox;
let home: string;
let env: Record<string, string>;
let secrets: string[];

before(async () => {
  ({ sandbox, home, env, secrets } = await demoCliWorld('cli-history', (world) => ({
    DEMO_KEY: world.apiKey,
  })));
});
after(() => sandbox.close());

const { run: cli, start } = cliRunner(
  () => env,
  () => secrets,
);

function listed(dataDir: string): HistoryEntrySummaryDTO[] {
  const history = HistoryRepository.open(dataDir);
  try {
    return history.list().groups.flatMap((group) => group.entries);
  } finally {
    history.close();
  }
}

describe('CLI runs in history', () => {
  test('query, subscribe --count 1 and events publish are recorded as the CLI, without secrets', async () => {
    const dataDir = env.APPSYNC_WORKBENCH_DATA_DIR!;
    // The run's secret in its variables and in the answer too: history keeps it in no field.
    const query = await cli(
      'query',
      sandbox.graphqlUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--query',
      'mutation Note($title: String!) { createNote(input: { title: $title }) { title } }',
      '--variables',
      JSON.stringify({ title: sandbox.apiKey }),
    );
    assert.equal(query.code, 0, query.stderr);
    const signed = await cli(
      'query',
      sandbox.graphqlUrl,
      '--profile',
      'sandbox-keys',
      '--query',
      '{ whoami { arn } }',
    );
    assert.equal(signed.code, 0, signed.stderr);

    const sub = start(
      'subscribe',
      sandbox.graphqlUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--query',
      'subscription OnCreate { onCreateNote { title } }',
      '--count',
      '1',
      '--timeout',
      '20',
    );
    await sub.waitFor(/Subscribed/);
    const created = await fetch(sandbox.graphqlUrl, {
      method: 'POST',
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { createNote(input: {title: "noted"}) { id } }' }),
    });
    assert.equal(created.status, 200);
    const subscribed = await sub.exited;
    assert.equal(subscribed.code, 0, subscribed.stderr);

    const published = await cli(
      'events',
      'publish',
      sandbox.eventUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--channel',
      '/default/room',
      '--event',
      '{"n":1}',
    );
    assert.equal(published.code, 0, published.stderr);
    for (const run of [query, signed, subscribed, published]) {
      assert.doesNotMatch(run.stderr, /history/, 'no history warning');
    }

    const entries = listed(dataDir);
    assert.deepEqual(
      entries.map((e) => [e.operationType, e.operationName, e.source, e.status]).reverse(),
      [
        ['mutation', 'Note', 'cli', 'success'],
        ['query', null, 'cli', 'success'],
        ['subscription', 'OnCreate', 'cli', 'success'],
        ['publish', 'publish /default/room', 'cli', 'success'],
      ],
    );
    assert.equal(entries.at(-1)?.endpoint.url, sandbox.graphqlUrl);
    assert.equal(entries.at(-2)?.profile, 'sandbox-keys');

    // The app, opened on the same data dir, lists the CLI's runs.
    const workbench = testWorkbench({ env: {}, homeDir: home, dataDir });
    try {
      const page = await workbench.router.dispatch('history.list', {});
      assert.ok(page.ok, JSON.stringify(page));
      const app = (page.value as { groups: { entries: HistoryEntrySummaryDTO[] }[] }).groups
        .flatMap((group) => group.entries)
        .filter((entry) => entry.source === 'cli');
      assert.equal(app.length, 4);
    } finally {
      await workbench.close();
    }

    const files = (await readdir(dataDir)).filter((f) => f.startsWith('history'));
    assert.ok(files.length > 0, 'the history database is on disk');
    const database = (
      await Promise.all(files.map((f) => readFile(join(dataDir, f), 'latin1')))
    ).join('\n');
    assert.ok(database.includes('createNote'), 'the scan reads the stored rows');
    for (const secret of secrets) {
      for (const form of echoedForms(secret)) {
        for (const text of [form, JSON.stringify(form).slice(1, -1)]) {
          assert.ok(!database.includes(text), `history database: ${text.slice(0, 6)}…`);
        }
      }
    }
  });

  test('a history that cannot be written warns once and the command still succeeds', async () => {
    const dataDir = join(home, 'broken-data');
    // A folder where the database file should be: SQLite cannot open it.
    await mkdir(join(dataDir, 'history.sqlite'), { recursive: true });
    const { run } = cliRunner(
      () => ({ ...env, APPSYNC_WORKBENCH_DATA_DIR: dataDir }),
      () => secrets,
    );
    const query = await run(
      'query',
      sandbox.graphqlUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--query',
      '{ whoami { arn } }',
    );
    assert.equal(query.code, 0, query.stderr);
    assert.match(query.stdout, /whoami/);
    const warnings = query.stderr.match(/not recorded in history/g) ?? [];
    assert.equal(warnings.length, 1, query.stderr);
  });
});
