/**
 * The `appsync-workbench` command as a user runs it: a real process, real AWS files (the
 * sandbox's demo profiles, with a role chain through the sandbox's STS), real sockets.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { BIN, cliBundleIsFresh, cliRunner, demoCliWorld, NODE, type CliRun } from './cli-runner.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
let secrets: string[];

before(async () => {
  ({ sandbox, env, secrets } = await demoCliWorld('cli-home', (world) => ({
    DEMO_KEY: world.apiKey,
    WRONG_KEY: 'da2-thisisnotthedemokey00000000',
  })));
});

after(() => sandbox.close());

// Every output is checked for the secrets of this world.
const { run: cli } = cliRunner(
  () => env,
  () => secrets,
);

const oneLine = (run: CliRun) => {
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /^appsync-workbench: /);
};

describe('appsync-workbench', () => {
  test('query: IAM through a role chain, API key, JSON output, exit codes 0 and 1', async () => {
    const gql = sandbox.graphqlUrl;
    const [role, json, apiKey, failing] = await Promise.all([
      cli('query', gql, '--profile', 'sandbox-admin', '--query', '{ whoami { arn authMode } }'),
      cli(
        'query',
        gql,
        '--profile',
        'sandbox-keys',
        '--query',
        'query W($x: String) { slow(ms: 1, message: $x) { message } }',
        '--variables',
        '{"x":"hi"}',
        '--json',
      ),
      cli(
        'query',
        gql,
        '--api-key-env',
        'DEMO_KEY',
        '--query',
        '{ whoami { authMode } }',
        '--header',
        'x-trace: 1',
      ),
      cli('query', gql, '--api-key-env', 'DEMO_KEY', '--query', '{ fail(errorType: "Demo:Nope") }'),
    ]);
    assert.equal(role.code, 0, role.stderr);
    assert.match(JSON.parse(role.stdout).data.whoami.arn, /assumed-role\/sandbox-admin/);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(parsed), ['status', 'durationMs', 'headers', 'body']);
    assert.equal(parsed.status, 200);
    assert.equal(parsed.body.data.slow.message, 'hi');
    assert.equal(apiKey.code, 0, apiKey.stderr);
    assert.equal(JSON.parse(apiKey.stdout).data.whoami.authMode, 'API_KEY');
    assert.equal(failing.code, 1);
    oneLine(failing);
    assert.match(failing.stderr, /Demo:Nope/);
  });

  test('exit 3 when auth is refused or a secret is missing, 4 on network failure, 2 on usage', async () => {
    const gql = sandbox.graphqlUrl;
    const [refused, missing, unknownProfile, network, secretArg, noQuery, unknownCommand] =
      await Promise.all([
        cli('query', gql, '--api-key-env', 'WRONG_KEY', '--query', '{ whoami { authMode } }'),
        cli('query', gql, '--api-key-env', 'UNSET_VARIABLE', '--query', '{ whoami { authMode } }'),
        cli('query', gql, '--profile', 'nobody', '--query', '{ whoami { authMode } }'),
        cli('query', 'http://127.0.0.1:1/graphql', '--profile', 'sandbox-keys', '--query', '{ a }'),
        cli('query', gql, '--api-key', 'da2-literal', '--query', '{ a }'),
        cli('query', gql, '--profile', 'sandbox-keys'),
        cli('frobnicate'),
      ]);
    assert.equal(refused.code, 3);
    oneLine(refused);
    assert.match(refused.stderr, /UNAUTHORIZED.*wrong auth mode or missing permission/);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /UNSET_VARIABLE/);
    assert.equal(unknownProfile.code, 3, unknownProfile.stderr);
    oneLine(unknownProfile);
    assert.equal(network.code, 4);
    oneLine(network);
    assert.match(network.stderr, /NETWORK.*127\.0\.0\.1:1/);
    assert.equal(secretArg.code, 2);
    assert.match(secretArg.stderr, /secrets never go on the command line/);
    assert.equal(noQuery.code, 2);
    assert.equal(unknownCommand.code, 2);
  });

  test('a mutation on production needs --yes (or an answer on a terminal): exit 2 without', async () => {
    // A data dir of its own whose settings tag sandbox-admin production, as the app would.
    const dataDir = await makeTempDir('cli-production');
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        version: 1,
        activeProfile: null,
        environmentPatterns: { production: ['sandbox-admin'], staging: [], dev: [] },
      }),
    );
    const { run } = cliRunner(
      () => ({ ...env, APPSYNC_WORKBENCH_DATA_DIR: dataDir }),
      () => secrets,
    );
    const tag = `cli-${Date.now()}`;
    const mutation = `mutation Add { createNote(input: { title: "${tag}", tags: ["${tag}"] }) { id } }`;
    const listed = async () =>
      JSON.parse(
        (
          await run(
            'query',
            sandbox.graphqlUrl,
            '--profile',
            'sandbox-admin',
            '--query',
            `{ listNotes(tag: "${tag}") { items { title } } }`,
          )
        ).stdout,
      ).data.listNotes.items.length as number;

    const refused = await run(
      'query',
      sandbox.graphqlUrl,
      '--profile',
      'sandbox-admin',
      '--query',
      mutation,
    );
    assert.equal(refused.code, 2, refused.stderr);
    oneLine(refused);
    assert.match(refused.stderr, /PRODUCTION_DECLINED.*profile sandbox-admin.*--yes/);
    assert.equal(await listed(), 0, 'nothing was sent');
    const query = await run(
      'query',
      sandbox.graphqlUrl,
      '--profile',
      'sandbox-admin',
      '--query',
      '{ whoami { arn } }',
    );
    assert.equal(query.code, 0, 'a query on production runs without asking');

    const confirmed = await run(
      'query',
      sandbox.graphqlUrl,
      '--profile',
      'sandbox-admin',
      '--yes',
      '--query',
      mutation,
    );
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.equal(await listed(), 1);

    // A collection run: every mutation refused without --yes, all of them run with it.
    const folder = join(dataDir, 'prod-collection');
    await mkdir(folder);
    await writeFile(join(folder, 'collection.json'), '{"name":"Prod"}');
    for (const name of ['A', 'B']) {
      await writeFile(join(folder, `${name}.graphql`), mutation);
      await writeFile(
        join(folder, `${name}.request.json`),
        JSON.stringify({ url: sandbox.graphqlUrl, auth: { type: 'AWS_IAM' } }),
      );
    }
    const declined = await run('run', folder, '--profile', 'sandbox-admin');
    assert.equal(declined.code, 2, declined.stdout + declined.stderr);
    assert.match(declined.stdout, /FAIL --- A .*PRODUCTION_DECLINED/);
    assert.match(declined.stdout, /FAIL --- B .*PRODUCTION_DECLINED/);
    assert.equal(await listed(), 1, 'nothing was sent');
    const yes = await run('run', folder, '--profile', 'sandbox-admin', '--yes');
    assert.equal(yes.code, 0, yes.stdout + yes.stderr);
    assert.match(yes.stdout, /2 passed, 0 failed/);
    assert.equal(await listed(), 3);
  });

  test('profiles and whoami', async () => {
    const [profiles, whoami, text] = await Promise.all([
      cli('profiles', '--json'),
      cli('whoami', '--profile', 'sandbox-admin', '--json'),
      cli('profiles'),
    ]);
    assert.equal(profiles.code, 0, profiles.stderr);
    const list = JSON.parse(profiles.stdout);
    const admin = list.profiles.find((p: { name: string }) => p.name === 'sandbox-admin');
    assert.deepEqual(admin, {
      name: 'sandbox-admin',
      kind: 'assume-role',
      region: 'us-east-1',
      chain: ['sandbox-admin', 'sandbox-keys'],
      problem: null,
    });
    assert.match(
      text.stdout,
      /sandbox-admin\s+assume-role\s+us-east-1\s+sandbox-admin → sandbox-keys → static keys/,
    );
    assert.equal(whoami.code, 0, whoami.stderr);
    const who = JSON.parse(whoami.stdout);
    assert.equal(who.account, sandbox.demo.accountId);
    assert.match(who.arn, /assumed-role\/sandbox-admin/);
    assert.ok(Date.parse(who.expiration) > Date.now());
    assert.deepEqual(Object.keys(who).sort(), [
      'account',
      'arn',
      'expiration',
      'profile',
      'userId',
    ]);
  });

  test('sandbox: runs in the foreground, prints its URL and API key, stops on SIGTERM', async () => {
    const child = spawn(NODE, [BIN, 'sandbox', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ctrl-C')) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const url = /Sandbox running: (\S+)/.exec(out)?.[1];
    assert.ok(url);
    assert.match(out, /Demo API key: +da2-/);
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': sandbox.apiKey },
      body: JSON.stringify({ query: '{ whoami { authMode } }' }),
    });
    assert.equal(answer.status, 200);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  /** What a run of the bundle users run loaded: zod (by its global) and Node's built-ins. */
  async function loadedBy(...args: string[]): Promise<{ zod: boolean; natives: string[] }> {
    assert.ok(cliBundleIsFresh(), 'dist/cli is missing or stale: run npm run build:cli');
    const report = join(await makeTempDir('cli-loaded'), 'loaded.json');
    const hook = `process.on('exit', () => process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ zod: '__zod_globalConfig' in globalThis, natives: process.moduleLoadList })));`;
    const run = await new Promise<CliRun>((resolve) =>
      execFile(
        NODE,
        ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, BIN, ...args],
        { env, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? -1 : 0, stdout, stderr }),
      ),
    );
    assert.equal(run.code, 0, run.stderr);
    const loaded = JSON.parse(await readFile(report, 'utf8')) as {
      zod: boolean;
      natives: string[];
    };
    assert.ok(loaded.natives.includes('NativeModule fs'), 'the report lists what loaded');
    return loaded;
  }

  test('query with static keys over http loads no zod, TLS, child processes or readline', async () => {
    // A one-shot command's time is mostly loading: these cost `query` ~25 ms and it needs none
    // of them here. This is about the bundle users run (`npm test` builds it first).
    const signedBy = ['--profile', 'sandbox-keys'];
    const loaded = await loadedBy(
      'query',
      sandbox.graphqlUrl,
      ...signedBy,
      '--query',
      '{ whoami { arn } }',
    );
    assert.equal(loaded.zod, false, 'zod was loaded');
    for (const name of ['https', 'tls', 'child_process', 'readline/promises']) {
      assert.ok(!loaded.natives.includes(`NativeModule ${name}`), `node:${name} was loaded`);
    }
    assert.ok(loaded.natives.includes('NativeModule http'), 'the report lists what loaded');
  });

  test('profiles loads no node:crypto, HTTP, TLS, or zod without a settings file', async () => {
    // node:crypto alone is ~11 ms of a listing; the bundle loads it on a crypto function's
    // first call (scripts/build-cli.ts) and a listing's digest is worked out only when compared.
    const loaded = await loadedBy('profiles');
    for (const name of ['crypto', 'http', 'https', 'tls']) {
      assert.ok(!loaded.natives.includes(`NativeModule ${name}`), `node:${name} was loaded`);
    }
    // The settings file's validator is loaded to check a file, and this data dir has none.
    assert.equal(loaded.zod, false, 'zod was loaded');
  });
});
