/**
 * `appsync-workbench import` and `run` as a CI job uses them: a real process, a Postman export
 * authored from Postman's v2.1 schema, the sandbox behind it, and the demo AWS profiles.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { startRecordingServer } from '../core/collections/recording-server.ts';
import { cliRunner, demoCliWorld } from './cli-runner.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
let home: string;
let secrets: string[];

// Every output is checked for the secrets of this world.
const { run: cli } = cliRunner(
  () => env,
  () => secrets,
);

const graphqlBody = (query: string) => ({ mode: 'graphql', graphql: { query, variables: '' } });

before(async () => {
  ({ sandbox, home, env, secrets } = await demoCliWorld('collections-cli'));

  // A Postman v2.1 export as Postman writes it: a folder, the API key as a literal header.
  const postman = {
    info: {
      name: 'Smoke tests',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [
      {
        name: 'Checks',
        item: [
          {
            name: 'Who am I',
            request: {
              method: 'POST',
              header: [{ key: 'x-api-key', value: sandbox.apiKey, type: 'text' }],
              body: graphqlBody('{ whoami { authMode } }'),
              url: { raw: '{{apiUrl}}', host: ['{{apiUrl}}'] },
            },
          },
          {
            name: 'Echo',
            request: {
              method: 'POST',
              header: [{ key: 'x-api-key', value: sandbox.apiKey, type: 'text' }],
              body: graphqlBody('{ slow(ms: 1, message: "hi") { message } }'),
              url: '{{apiUrl}}',
            },
          },
        ],
      },
    ],
  };
  const environment = {
    name: 'local',
    values: [{ key: 'apiUrl', value: sandbox.graphqlUrl, type: 'default', enabled: true }],
    _postman_variable_scope: 'environment',
  };
  await writeFile(join(home, 'smoke.postman_collection.json'), JSON.stringify(postman));
  await writeFile(join(home, 'local.postman_environment.json'), JSON.stringify(environment));
});

after(() => sandbox.close());

describe('appsync-workbench import and run', () => {
  test('import → run a folder, one request, JSON; a failing request fails the job', async () => {
    const folder = join(home, 'smoke');
    const imported = await cli(
      'import',
      join(home, 'smoke.postman_collection.json'),
      folder,
      '--environment',
      join(home, 'local.postman_environment.json'),
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(
      imported.stdout,
      /Imported "Smoke tests".*2 requests, 1 folders, environments: local/s,
    );
    assert.match(imported.stdout, /Moved to the vault/);
    const names = await readdir(folder, { recursive: true });
    const text = await Promise.all(
      names
        .filter((n) => n.endsWith('.json') || n.endsWith('.graphql'))
        .map((n) => readFile(join(folder, n), 'utf8')),
    );
    assert.ok(!text.join('\n').includes(sandbox.apiKey), 'the API key never lands in the folder');

    const all = await cli('run', folder, '--env', 'local');
    assert.equal(all.code, 0, all.stdout + all.stderr);
    assert.match(all.stdout, /ok {3}200 Checks\/Who am I/);
    assert.match(all.stdout, /2 passed, 0 failed \(environment local\)/);

    const one = await cli('run', join(folder, 'Checks', 'Echo'), '--env', 'local', '--json');
    assert.equal(one.code, 0, one.stderr);
    const summary = JSON.parse(one.stdout);
    assert.deepEqual(
      {
        passed: summary.passed,
        failed: summary.failed,
        ids: summary.results.map((r: { id: string }) => r.id),
      },
      { passed: 1, failed: 0, ids: ['Checks/Echo'] },
    );

    // A GraphQL error and a request signed with a profile, added by hand as a teammate would.
    await mkdir(join(folder, 'More'));
    await writeFile(join(folder, 'More', 'Broken.graphql'), '{ fail(errorType: "Demo:Nope") }');
    await writeFile(
      join(folder, 'More', 'Broken.request.json'),
      JSON.stringify({ url: '{{apiUrl}}', auth: { type: 'API_KEY', value: '{{x_api_key}}' } }),
    );
    await writeFile(join(folder, 'More', 'Signed.graphql'), '{ whoami { arn authMode } }');
    await writeFile(
      join(folder, 'More', 'Signed.request.json'),
      JSON.stringify({ url: '{{apiUrl}}', auth: { type: 'AWS_IAM' } }),
    );
    const mixed = await cli('run', folder, '--env', 'local', '--profile', 'sandbox-keys');
    assert.equal(mixed.code, 1, mixed.stdout + mixed.stderr);
    assert.match(mixed.stdout, /FAIL 200 More\/Broken .*Demo:Nope/);
    assert.match(mixed.stdout, /ok {3}200 More\/Signed/);
    assert.match(mixed.stdout, /3 passed, 1 failed/);
  });

  test('usage errors and a missing environment exit non-zero with one clear line', async () => {
    const folder = join(home, 'smoke');
    const [nothing, noPath, badEnv] = await Promise.all([
      cli('run', join(home, 'does-not-exist')),
      cli('run'),
      cli('run', join(folder, 'Checks', 'Who am I'), '--env', 'prod'),
    ]);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /neither a collection folder nor a saved request/);
    assert.equal(noPath.code, 2);
    assert.notEqual(badEnv.code, 0);
    assert.match(badEnv.stdout, /FAIL --- Checks\/Who am I .*no environment "prod"/);
  });

  test('a request linked to the AWS credentials file fails the run and is never sent', async () => {
    const server = await startRecordingServer();
    try {
      const folder = join(home, 'cloned');
      await mkdir(folder);
      await writeFile(join(folder, 'collection.json'), '{"name":"Cloned"}');
      await symlink(env.AWS_SHARED_CREDENTIALS_FILE!, join(folder, 'Q.graphql'));
      await writeFile(
        join(folder, 'Q.request.json'),
        JSON.stringify({ url: server.url, auth: { type: 'API_KEY', value: 'da2-attackerkey' } }),
      );
      const all = await cli('run', folder);
      const one = await cli('run', join(folder, 'Q'));
      assert.ok(
        !server.bodies.some((body) => body.includes(sandbox.demo.user.secretAccessKey)),
        'the credentials file was sent to the URL the sidecar names',
      );
      assert.deepEqual(server.bodies, []);
      for (const result of [all, one]) {
        assert.notEqual(result.code, 0, result.stdout + result.stderr);
        assert.match(
          result.stdout,
          /FAIL --- Q\S* .*Q\.graphql is a link to outside the collection/,
        );
      }
    } finally {
      await server.close();
    }
  });

  test('an export that is not JSON is refused without repeating what it holds', async () => {
    const broken = join(home, 'broken.postman_collection.json');
    await writeFile(broken, `{"info": {"name": "x"}, "key": ${sandbox.apiKey}}`);
    const result = await cli('import', broken, join(home, 'never-written'));
    assert.notEqual(result.code, 0);
    assert.ok(!/"key"|da2-/.test(result.stderr), `the error quoted the file: ${result.stderr}`);
    assert.match(result.stderr, /broken\.postman_collection\.json is not valid JSON/);
    await assert.rejects(readdir(join(home, 'never-written')), { code: 'ENOENT' });
  });
});
