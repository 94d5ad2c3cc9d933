/**
 * `appsync-workbench import` of a Bruno collection folder, then `run` of what it imported
 * against the sandbox: a real process, the .bru fixture with a sandbox environment added as
 * a teammate would, its API key a literal that must end up in the vault, not in the folder.
 */
import assert from 'node:assert/strict';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { cliRunner, demoCliWorld } from './cli-runner.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/bruno/notes-bru/', import.meta.url));

let sandbox: Sandbox;
let env: Record<string, string>;
let home: string;
let secrets: string[];
const { run: cli } = cliRunner(
  () => env,
  () => secrets,
);

before(async () => {
  ({ sandbox, home, env, secrets } = await demoCliWorld('bruno-cli'));
});
after(() => sandbox.close());

test('a Bruno folder imports from the command line and its requests run against the sandbox', async () => {
  const source = join(home, 'notes-bru');
  await cp(FIXTURE, source, { recursive: true });
  await writeFile(
    join(source, 'environments', 'Sandbox.bru'),
    `vars {\n  apiUrl: ${sandbox.graphqlUrl}\n  greeting: hello from bruno\n  apiKey: ${sandbox.apiKey}\n}\n`,
  );
  const folder = join(home, 'notes');
  const imported = await cli('import', source, folder);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Imported "Notes API" \(bruno\).*4 requests, 1 folders/s);
  assert.match(imported.stdout, /environments: Local, Prod, Sandbox/);
  assert.match(imported.stdout, /\{\{apiKey\}\} from environment Sandbox/);
  assert.match(imported.stdout, /Health\.bru: http request — not a GraphQL request/);
  assert.match(
    imported.stdout,
    /To review before running:\n {2}Who am I\.bru: post-response script/,
  );

  const names = await readdir(folder, { recursive: true });
  const text = await Promise.all(
    names.filter((n) => /\.(json|graphql)$/.test(n)).map((n) => readFile(join(folder, n), 'utf8')),
  );
  assert.ok(!text.join('\n').includes(sandbox.apiKey), 'the API key never lands in the folder');
  const echo = JSON.parse(await readFile(join(folder, 'Echo.request.json'), 'utf8'));
  assert.deepEqual(echo.assertions, [
    { path: 'data.slow.message', operator: 'eq', value: 'hello from bruno' },
  ]);

  // The inherited API key, the environment's URL and the variables all resolve at run time.
  const one = await cli('run', join(folder, 'Echo'), '--env', 'Sandbox', '--json');
  assert.equal(one.code, 0, one.stdout + one.stderr);
  const summary = JSON.parse(one.stdout);
  assert.deepEqual([summary.passed, summary.failed], [1, 0]);
  assert.equal(summary.results[0].status, 200);

  // Its Bruno scripts run translated: bru.setVar, res.body and chai's expect(…).to.equal.
  const who = await cli('run', join(folder, 'Who am I'), '--env', 'Sandbox', '--json');
  assert.equal(who.code, 0, who.stdout + who.stderr);
  const report = JSON.parse(who.stdout).results[0].tests;
  assert.deepEqual(report.errors, [], 'the translated scripts ran without an error');
  assert.deepEqual(
    report.tests.map((t: { name: string; passed: boolean }) => [t.name, t.passed]),
    [['status is 200', true]],
  );
  assert.equal(report.assertions.length, 3, 'the switched-off assertion is not run');
});
