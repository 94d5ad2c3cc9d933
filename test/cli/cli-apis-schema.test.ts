/**
 * `apis`, `schema` and `subscribe` as a user runs them: a real process against moto (AppSync's
 * control plane, APIs created with boto3 in two regions, reached through
 * AWS_ENDPOINT_URL_APPSYNC) and the sandbox (introspection, real-time).
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { MOTO_KEYS, startMoto, type MotoServer } from '../support/moto-server.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { cliRunner } from './cli-runner.ts';

let moto: MotoServer;
let sandbox: Sandbox;
let home: string;
let env: Record<string, string>;
let apiId: string;

const { run, start } = cliRunner(
  () => env,
  () => [MOTO_KEYS.secretAccessKey, sandbox.apiKey],
);

before(async () => {
  [moto, sandbox] = await Promise.all([startMoto(), startSandbox()]);
  home = await makeTempDir('cli-apis');
  await mkdir(join(home, 'aws'));
  await writeFile(
    join(home, 'aws/config'),
    '[profile moto]\nregion = eu-west-1\n[profile moto-noregion]\n',
  );
  await writeFile(
    join(home, 'aws/credentials'),
    `[moto]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n` +
      `[moto-noregion]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
  );
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    APPSYNC_WORKBENCH_DATA_DIR: join(home, 'data'),
    AWS_CONFIG_FILE: join(home, 'aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws/credentials'),
    AWS_ENDPOINT_URL_APPSYNC: moto.url,
    DEMO_KEY: sandbox.apiKey,
    WRONG_KEY: 'da2-notthedemokey000000000000',
  };
  apiId = (
    await moto.python(`
eu = boto('appsync', 'eu-west-1')
api = eu.create_graphql_api(name='orders', authenticationType='AWS_IAM',
  additionalAuthenticationProviders=[{'authenticationType': 'API_KEY'}])['graphqlApi']
eu.start_schema_creation(apiId=api['apiId'], definition=b'type Order @aws_iam { id: ID! } type Query { order(id: ID!): Order }')
eu.create_graphql_api(name='inventory', authenticationType='API_KEY')
boto('appsync', 'us-east-1').create_graphql_api(name='billing', authenticationType='AWS_LAMBDA',
  lambdaAuthorizerConfig={'authorizerUri': 'arn:aws:lambda:us-east-1:123456789012:function:a'})
print(api['apiId'])
`)
  ).trim();
});

after(async () => {
  await Promise.all([moto?.close(), sandbox?.close()]);
});

describe('appsync-workbench apis', () => {
  test('every region asked for, JSON and text; the profile region by default', async () => {
    const [json, text, own] = await Promise.all([
      run('apis', '--profile', 'moto', '--region', 'eu-west-1', '--region', 'us-east-1', '--json'),
      run('apis', '--profile', 'moto', '--region', 'eu-west-1', '--region', 'us-east-1'),
      run('apis', '--profile', 'moto'),
    ]);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.deepEqual(result.regions, ['eu-west-1', 'us-east-1']);
    const summary = result.apis
      .map(
        (a: { region: string; name: string; authModes: string[] }) =>
          `${a.region}/${a.name}:${a.authModes.join('+')}`,
      )
      .sort();
    assert.deepEqual(summary, [
      'eu-west-1/inventory:API_KEY',
      'eu-west-1/orders:AWS_IAM+API_KEY',
      'us-east-1/billing:AWS_LAMBDA',
    ]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^orders\s+eu-west-1\s+\S+\s+AWS_IAM,API_KEY$/m);
    assert.match(text.stdout, /^ {2}graphql {3}\S+/m);
    assert.match(text.stdout, /^ {2}realtime {2}\S+/m);
    assert.equal(own.code, 0, own.stderr);
    assert.doesNotMatch(own.stdout, /billing/, 'only the profile region (eu-west-1)');
  });

  test('usage and network failures have their exit codes', async () => {
    const unreachable = { ...env, AWS_ENDPOINT_URL_APPSYNC: 'http://127.0.0.1:1' };
    const [noRegion, badRegion, unknownProfile] = await Promise.all([
      run('apis', '--profile', 'moto-noregion'),
      run('apis', '--profile', 'moto', '--region', 'Mars'),
      run('apis', '--profile', 'nobody', '--region', 'eu-west-1'),
    ]);
    assert.equal(noRegion.code, 2);
    assert.match(noRegion.stderr, /--region/);
    assert.equal(badRegion.code, 2);
    assert.equal(unknownProfile.code, 3, unknownProfile.stderr);
    const saved = env;
    env = unreachable;
    try {
      const network = await run('apis', '--profile', 'moto', '--region', 'eu-west-1');
      assert.equal(network.code, 4, network.stderr);
      assert.match(network.stderr, /NETWORK.*AWS_ENDPOINT_URL_APPSYNC/);
    } finally {
      env = saved;
    }
  });
});

describe('appsync-workbench schema', () => {
  test('introspection: SDL by default, JSON with --json, auth refused is exit 3', async () => {
    const gql = sandbox.graphqlUrl;
    const [sdl, json, refused, both] = await Promise.all([
      run('schema', gql, '--api-key-env', 'DEMO_KEY'),
      run('schema', gql, '--api-key-env', 'DEMO_KEY', '--json'),
      run('schema', gql, '--api-key-env', 'WRONG_KEY'),
      run('schema', gql, '--api-key-env', 'DEMO_KEY', '--sdl', '--json'),
    ]);
    assert.equal(sdl.code, 0, sdl.stderr);
    assert.match(sdl.stdout, /^type Query \{$/m);
    assert.match(sdl.stdout, /whoami/);
    assert.equal(json.code, 0, json.stderr);
    assert.ok(JSON.parse(json.stdout).__schema.types.length > 3);
    assert.equal(refused.code, 3);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.equal(both.code, 2);
  });

  test('control plane: AppSync SDL with the @aws_* directives', async () => {
    const result = await run(
      'schema',
      `https://${apiId}.appsync-api.eu-west-1.amazonaws.com/graphql`,
      '--profile',
      'moto',
      '--source',
      'control-plane',
      '--sdl',
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /directive @aws_iam/);
    assert.match(result.stdout, /type Order/);
  });
});

describe('appsync-workbench subscribe', () => {
  test('text lines with an API key; --timeout before --count events exits 4', async () => {
    const file = join(home, 'sub.graphql');
    await writeFile(file, 'subscription { onCreateNote { title } }');
    const sub = start(
      'subscribe',
      sandbox.graphqlUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--query-file',
      file,
      '--count',
      '1',
    );
    await sub.waitFor(/Subscribed/);
    const res = await fetch(sandbox.graphqlUrl, {
      method: 'POST',
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { createNote(input: {title: "hello"}) { id } }' }),
    });
    assert.equal(res.status, 200);
    const done = await sub.exited;
    assert.equal(done.code, 0, done.stderr);
    assert.deepEqual(JSON.parse(done.stdout.trim()), {
      data: { onCreateNote: { title: 'hello' } },
    });

    const [timeout, notSubscription, refused] = await Promise.all([
      run(
        'subscribe',
        sandbox.graphqlUrl,
        '--api-key-env',
        'DEMO_KEY',
        '--query-file',
        file,
        '--count',
        '3',
        '--timeout',
        '0.5',
      ),
      run(
        'subscribe',
        sandbox.graphqlUrl,
        '--api-key-env',
        'DEMO_KEY',
        '--query',
        '{ whoami { authMode } }',
      ),
      run(
        'subscribe',
        sandbox.graphqlUrl,
        '--api-key-env',
        'WRONG_KEY',
        '--query-file',
        file,
        '--timeout',
        '5',
      ),
    ]);
    assert.equal(timeout.code, 4, timeout.stderr);
    assert.match(timeout.stderr, /TIMEOUT: 0 of 3 events/);
    assert.equal(notSubscription.code, 2);
    assert.equal(refused.code, 3, refused.stderr);
  });
});
