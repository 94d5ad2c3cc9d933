/**
 * `appsync-workbench sso login --device` as a terminal user runs it: a real process against the
 * local IAM Identity Center peers. The code it prints is approved by "the person", the token lands
 * in the cache the AWS CLI shares, and the SSO profile then resolves — no AWS CLI involved.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startAwsPeers, type AwsPeers } from '../../main/sandbox/aws-peers.ts';
import { ACCOUNTS, START_URL, ssoConfig } from '../core/sso/sso-harness.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { BIN, NODE } from './cli-runner.ts';

const run = promisify(execFile);
let peers: AwsPeers;
let env: Record<string, string>;

before(async () => {
  peers = await startAwsPeers({
    fixture: { sso: { startUrl: START_URL, accounts: ACCOUNTS, pollIntervalSeconds: 1 } },
  });
  const home = await makeAwsHome({ config: ssoConfig() });
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home.home,
    APPSYNC_WORKBENCH_DATA_DIR: `${home.home}/app-data`,
    AWS_ENDPOINT_URL_SSO_OIDC: peers.url,
    AWS_ENDPOINT_URL_SSO: peers.url,
    AWS_ENDPOINT_URL_STS: peers.url,
    BROWSER: 'true',
  };
});
after(() => peers.close());

const cli = (...args: string[]) => run(NODE, [BIN, ...args], { env });

test('sso login --device prints a code; once approved, the session is valid and its profile resolves', async () => {
  // Not signed in yet: the error says so, and says once how to sign in, with this CLI.
  await assert.rejects(cli('whoami', '--profile', 'dev'), (error: { stderr: string }) => {
    assert.match(error.stderr, /^appsync-workbench: SSO_LOGIN_REQUIRED: You are not signed in to /);
    const advice = error.stderr.match(/appsync-workbench sso login --sso-session corp/g) ?? [];
    assert.equal(advice.length, 1, error.stderr);
    assert.equal(error.stderr.match(/[Ss]ign in to IAM Identity Center/g)?.length, 1, error.stderr);
    return true;
  });
  const before = JSON.parse((await cli('sso', 'sessions', '--json')).stdout) as {
    status: string;
  }[];
  assert.deepEqual(
    before.map((s) => s.status),
    ['none'],
  );

  const login = spawn(NODE, [BIN, 'sso', 'login', '--sso-session', 'corp', '--device'], { env });
  let stdout = '';
  let stderr = '';
  login.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<string>((resolve, reject) => {
    login.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /enter the code ([A-Z0-9-]+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    login.once('exit', () => reject(new Error(`exited before printing a code: ${stderr}`)));
  });
  peers.approveDeviceCode(code);
  const exitCode = await new Promise<number | null>((resolve) => login.once('exit', resolve));
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /^Signed in to corp {2}valid until /);
  assert.doesNotMatch(stdout + stderr, /accessToken|eyJ/);

  const who = JSON.parse((await cli('whoami', '--profile', 'dev', '--json')).stdout);
  assert.equal(who.account, '111111111111');
  assert.match(who.arn, /Admin/);

  await cli('sso', 'logout', '--profile', 'dev');
  const afterLogout = JSON.parse((await cli('sso', 'sessions', '--json')).stdout) as {
    status: string;
  }[];
  assert.deepEqual(
    afterLogout.map((s) => s.status),
    ['none'],
  );
});

test('with no session in the AWS config, login is a usage error saying how to add one', async () => {
  await assert.rejects(
    run(NODE, [BIN, 'sso', 'login', '--device'], {
      env: { ...env, AWS_CONFIG_FILE: '/dev/null' },
    }),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /no IAM Identity Center session in your AWS config/);
      return true;
    },
  );
});
