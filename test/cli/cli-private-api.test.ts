/**
 * `query` and `subscribe --connect-to` against the sandbox acting as a private API: the real
 * process sends to the address, names the API host in `x-appsync-domain` and signs for it.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { cliRunner, demoCliWorld } from './cli-runner.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
let secrets: string[];
let home: string;
let apiUrl: string;
let address: string;

before(async () => {
  ({ sandbox, env, secrets, home } = await demoCliWorld(
    'cli-private',
    (world) => ({ DEMO_KEY: world.apiKey }),
    { privateApi: true },
  ));
  const { apiId, region } = sandbox.demo;
  apiUrl = `http://${apiId}.appsync-api.${region}.amazonaws.com/graphql`;
  address = new URL(sandbox.url).host;
});
after(() => sandbox.close());

const { run, start } = cliRunner(
  () => env,
  () => secrets,
);

describe('appsync-workbench --connect-to', () => {
  test('query: IAM and API key through the address; without it the private API is not reached', async () => {
    const who = '{ whoami { arn authMode } }';
    const [iam, key, direct, bad] = await Promise.all([
      run('query', apiUrl, '--connect-to', address, '--profile', 'sandbox-keys', '--query', who),
      run('query', apiUrl, '--connect-to', address, '--api-key-env', 'DEMO_KEY', '--query', who),
      run('query', sandbox.graphqlUrl, '--api-key-env', 'DEMO_KEY', '--query', who),
      run(
        'query',
        apiUrl,
        '--connect-to',
        'https://x/y',
        '--api-key-env',
        'DEMO_KEY',
        '--query',
        who,
      ),
    ]);
    assert.equal(iam.code, 0, iam.stderr);
    assert.equal(JSON.parse(iam.stdout).data.whoami.arn, sandbox.demo.user.arn);
    assert.equal(key.code, 0, key.stderr);
    assert.equal(JSON.parse(key.stdout).data.whoami.authMode, 'API_KEY');
    assert.notEqual(direct.code, 0);
    assert.match(direct.stdout + direct.stderr, /private API/);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /host or host:port/);
  });

  test('subscribe through the address receives an event', async () => {
    const file = join(home, 'on-create.graphql');
    await writeFile(file, 'subscription { onCreateNote { title } }');
    const live = start(
      'subscribe',
      apiUrl,
      '--connect-to',
      address,
      '--profile',
      'sandbox-keys',
      '--query-file',
      file,
      '--count',
      '1',
      '--timeout',
      '20',
    );
    await live.waitFor(/Subscribed/);
    const created = await run(
      'query',
      apiUrl,
      '--connect-to',
      address,
      '--api-key-env',
      'DEMO_KEY',
      '--query',
      'mutation { createNote(input: {title: "through vpce"}) { id } }',
    );
    assert.equal(created.code, 0, created.stderr);
    const done = await live.exited;
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /through vpce/);
  });

  test('events publish through the address', async () => {
    const { apiId, region } = sandbox.events.config;
    const eventUrl = `http://${apiId}.appsync-api.${region}.amazonaws.com/event`;
    const [through, direct] = await Promise.all([
      run(
        'events',
        'publish',
        eventUrl,
        '--connect-to',
        address,
        '--profile',
        'sandbox-keys',
        '--channel',
        '/default/room',
        '--event',
        '{"a":1}',
        '--json',
      ),
      run(
        'events',
        'publish',
        sandbox.eventUrl,
        '--api-key-env',
        'DEMO_KEY',
        '--channel',
        '/default/room',
        '--event',
        '{"a":1}',
      ),
    ]);
    assert.equal(through.code, 0, through.stderr);
    assert.equal(JSON.parse(through.stdout).successful.length, 1);
    assert.notEqual(direct.code, 0);
    assert.match(direct.stderr, /private API/);
  });
});
