/**
 * OIDC on the command line, end to end: providers added and listed, a real sign-in on
 * `oidc-provider`'s pages (the URL the CLI printed and handed to $BROWSER), the device flow,
 * `whoami --oidc`, and `query` / `subscribe` against the sandbox authorized by the ID token.
 * No token ever appears in any output.
 */
import assert from 'node:assert/strict';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { cliRunner } from './cli-runner.ts';

let op: TestOidcProvider;
let sandbox: Sandbox;
let home: string;
let env: Record<string, string>;
const tokens: string[] = [];

const { run, start } = cliRunner(
  () => env,
  () => tokens,
);

/** Every token the vault holds now (for the no-secret checks). */
async function collectTokens(): Promise<void> {
  const vault = JSON.parse(await readFile(join(home, 'data/vault/secrets.json'), 'utf8'));
  for (const value of Object.values(vault.secrets as Record<string, string>)) {
    try {
      const parsed = JSON.parse(value) as Record<string, unknown>;
      for (const key of ['idToken', 'accessToken', 'refreshToken']) {
        if (typeof parsed[key] === 'string') tokens.push(parsed[key]);
      }
    } catch {
      tokens.push(value);
    }
  }
}

before(async () => {
  op = await startOidcProvider();
  sandbox = await startSandbox({ jwt: { openid: { issuer: op.issuer, clientId: op.clientId } } });
  home = await makeTempDir('cli-oidc');
  const browser = join(home, 'record-browser.sh');
  await writeFile(browser, `#!/bin/sh\necho "$1" >> "${join(home, 'opened.txt')}"\n`);
  await chmod(browser, 0o755);
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    APPSYNC_WORKBENCH_DATA_DIR: join(home, 'data'),
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    BROWSER: browser,
    CONFIDENTIAL_SECRET: op.confidentialClient.clientSecret,
  };
  tokens.push(op.confidentialClient.clientSecret);
});

after(async () => {
  await sandbox?.close();
  await op?.close();
});

const WHOAMI = '{ whoami { authMode sub issuer } }';

describe('appsync-workbench oidc, login, whoami --oidc, query/subscribe --oidc', () => {
  test('oidc add / list; secrets refused on the command line; not signed in yet', async () => {
    const added = await run(
      'oidc',
      'add',
      'local',
      '--issuer',
      op.issuer,
      '--client-id',
      op.clientId,
      '--scope',
      'offline_access',
      '--scope',
      'profile',
      '--scope',
      'email',
      '--param',
      'audience=https://api.example',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added OIDC provider "local"/);
    const [confidential, secretArg, badToken, duplicate] = await Promise.all([
      run(
        'oidc',
        'add',
        'conf',
        '--issuer',
        op.issuer,
        '--client-id',
        op.confidentialClient.clientId,
        '--client-secret-env',
        'CONFIDENTIAL_SECRET',
      ),
      run('oidc', 'add', 'x', '--issuer', op.issuer, '--client-id', 'c', '--client-secret', 'shh'),
      run('oidc', 'add', 'y', '--issuer', op.issuer, '--client-id', 'c', '--token', 'refresh'),
      run('oidc', 'add', 'local', '--issuer', op.issuer, '--client-id', op.clientId),
    ]);
    assert.equal(confidential.code, 0, confidential.stderr);
    assert.equal(secretArg.code, 2);
    assert.match(secretArg.stderr, /--client-secret-env/);
    assert.equal(badToken.code, 2);
    assert.equal(duplicate.code, 2, duplicate.stderr);
    assert.match(duplicate.stderr, /already exists/);

    const list = await run('oidc', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    const providers = JSON.parse(list.stdout) as {
      name: string;
      scopes: string[];
      hasClientSecret: boolean;
      authorizationParams: Record<string, string>;
      signedIn: unknown;
    }[];
    const local = providers.find((p) => p.name === 'local');
    assert.deepEqual(local?.scopes, ['openid', 'offline_access', 'profile', 'email']);
    assert.deepEqual(local?.authorizationParams, { audience: 'https://api.example' });
    assert.equal(local?.signedIn, null);
    assert.equal(providers.find((p) => p.name === 'conf')?.hasClientSecret, true);

    const [who, query] = await Promise.all([
      run('whoami', '--oidc', 'local'),
      run('query', sandbox.graphqlUrl, '--oidc', 'local', '--query', WHOAMI),
    ]);
    assert.equal(who.code, 3);
    assert.match(who.stderr, /not signed in.*login local/);
    assert.equal(query.code, 3);
    assert.match(query.stderr, /UNAUTHORIZED.*login local/);
  });

  test('login: prints the URL, opens it with $BROWSER, signs in on the provider pages', async () => {
    const login = start('login', 'local');
    const [url] = await login.waitFor(/http:\/\/127\.0\.0\.1:\d+\/auth\?\S+/);
    const done = await op.completeLogin(url);
    assert.equal(done.status, 200);
    const result = await login.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Signed in to "local" as alice <alice@example\.com>/);
    const opened = await readFile(join(home, 'opened.txt'), 'utf8');
    assert.equal(opened.trim(), url, '$BROWSER received the authorization URL');
    await collectTokens();
    assert.ok(tokens.length >= 4, 'the vault holds the tokens');
  });

  test('whoami --oidc: subject, issuer, expiry — no token', async () => {
    const [json, text, list] = await Promise.all([
      run('whoami', '--oidc', 'local', '--json'),
      run('whoami', '--oidc', 'local'),
      run('oidc', 'list'),
    ]);
    assert.equal(json.code, 0, json.stderr);
    const who = JSON.parse(json.stdout);
    assert.equal(who.subject, 'alice');
    assert.equal(who.issuer, op.issuer);
    assert.ok(Date.parse(who.expiresAt) > Date.now());
    assert.equal(who.refreshable, true);
    assert.match(text.stdout, /subject +alice/);
    assert.match(list.stdout, /local .*signed in as alice/);
  });

  test('query --oidc: the signed-in ID token authorizes the request', async () => {
    const result = await run('query', sandbox.graphqlUrl, '--oidc', 'local', '--query', WHOAMI);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).data.whoami, {
      authMode: 'OPENID_CONNECT',
      sub: 'alice',
      issuer: op.issuer,
    });
    const wrongMode = await run(
      'query',
      sandbox.graphqlUrl,
      '--oidc',
      'local',
      '--auth-mode',
      'AWS_LAMBDA',
      '--query',
      WHOAMI,
    );
    assert.equal(wrongMode.code, 2);
  });

  test('subscribe --oidc --count 2 --json: one JSON line per event, then exit 0', async () => {
    const file = join(home, 'on-create.graphql');
    await writeFile(file, 'subscription OnCreate { onCreateNote { title } }');
    const sub = start(
      'subscribe',
      sandbox.graphqlUrl,
      '--oidc',
      'local',
      '--query-file',
      file,
      '--count',
      '2',
      '--json',
      '--timeout',
      '20',
    );
    await sub.waitFor(/Subscribed/);
    for (const title of ['first', 'second', 'third']) {
      const res = await fetch(sandbox.graphqlUrl, {
        method: 'POST',
        headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { createNote(input: {title: "${title}"}) { id } }`,
        }),
      });
      assert.equal(res.status, 200);
    }
    const result = await sub.exited;
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((l) => l.payload.data.onCreateNote.title),
      ['first', 'second'],
    );
    assert.ok(Date.parse(lines[0].receivedAt) > 0);
  });

  test('logout revokes and forgets; whoami then asks for a sign-in', async () => {
    const out = await run('logout', 'local');
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Signed out of "local"; the provider revoked the tokens/);
    const who = await run('whoami', '--oidc', 'local');
    assert.equal(who.code, 3);
  });

  test('login --device: prints the verification URL and code; approved, it signs in', async () => {
    const login = start('login', 'local', '--device');
    const match = await login.waitFor(/open (\S+) and enter the code (\S+)/);
    assert.match(match[1] ?? '', new RegExp(`^${op.issuer}/device`));
    await op.approveDevice(match[2] ?? '');
    const result = await login.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Signed in to "local" as alice/);
    await collectTokens();
  });

  test('oidc remove signs out and forgets the provider', async () => {
    const removed = await run('oidc', 'remove', 'local');
    assert.equal(removed.code, 0, removed.stderr);
    const [list, again] = await Promise.all([
      run('oidc', 'list', '--json'),
      run('oidc', 'remove', 'local'),
    ]);
    assert.deepEqual(
      JSON.parse(list.stdout).map((p: { name: string }) => p.name),
      ['conf'],
    );
    assert.equal(again.code, 1, 'NOT_FOUND is neither usage nor auth');
    assert.match(again.stderr, /No OIDC provider is named "local"/);
  });
});
