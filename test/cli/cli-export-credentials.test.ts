/**
 * `appsync-workbench export-credentials`: what it prints works in the tools it is meant for —
 * as a `credential_process` (the app signing with a profile that runs the app) and as shell
 * lines a bash `eval` turns into working AWS_* variables.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { BIN, demoCliWorld, NODE } from './cli-runner.ts';

const run = promisify(execFile);
let sandbox: Sandbox;
let env: Record<string, string>;

before(async () => {
  ({ sandbox, env } = await demoCliWorld('cli-export'));
});
after(() => sandbox.close());

const cli = (args: string[], extra: Record<string, string> = {}) =>
  run(NODE, [BIN, ...args], { env: { ...env, ...extra } });

test('process format: a credential_process profile running it signs as the role it exported', async () => {
  const { stdout } = await cli(['export-credentials', '--profile', 'sandbox-admin']);
  const exported = JSON.parse(stdout) as Record<string, unknown>;
  assert.equal(exported.Version, 1);
  assert.match(String(exported.AccessKeyId), /^ASIA/);
  assert.equal(typeof exported.SessionToken, 'string');
  assert.ok(!Number.isNaN(Date.parse(String(exported.Expiration))));

  const command = `${NODE} ${BIN} export-credentials --profile sandbox-admin`;
  await appendFile(
    env.AWS_CONFIG_FILE!,
    `\n[profile exported]\ncredential_process = ${command}\nregion = us-east-1\nendpoint_url = ${sandbox.url}\n`,
  );
  const { stdout: who } = await cli(['whoami', '--profile', 'exported', '--json']);
  assert.match(JSON.parse(who).arn, /:assumed-role\/sandbox-admin\//);
});

test('env format: bash eval sets working AWS_* variables, a long-term key unsets the token', async () => {
  const script = `eval "$("${NODE}" "${BIN}" export-credentials --profile sandbox-keys --format env)"; AWS_SESSION_TOKEN=\${AWS_SESSION_TOKEN-unset}; echo "$AWS_ACCESS_KEY_ID $AWS_SESSION_TOKEN"`;
  const { stdout } = await run('bash', ['-c', script], {
    env: { ...env, AWS_SESSION_TOKEN: 'stale-token-from-before' },
  });
  assert.equal(stdout.trim(), `${sandbox.demo.user.accessKeyId} unset`);
});

test('an unknown format is a usage error naming the formats, and prints no secret', async () => {
  await assert.rejects(
    cli(['export-credentials', '--profile', 'sandbox-keys', '--format', 'xml']),
    (error: { code: number; stdout: string; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.equal(error.stdout, '');
      assert.match(error.stderr, /--format is one of process, env, powershell, fish/);
      return true;
    },
  );
});
