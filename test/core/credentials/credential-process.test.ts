import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { CredentialFailureDTO } from '../../../shared/credentials.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  ALICE,
  ScriptedPrompter,
  TestClock,
  awsHome,
  peerEnv,
  startPeers,
  stsCalls,
  writeScript,
} from './credential-fixtures.ts';

const SECRET = 'q7Vx2LmN9pR4sT1uW8yZ3aB6cD0eF5gH2jK7mP4r';
const PASSWORD = 'hunter2hunter2';
const TOKEN = 'tok-9f8e7d6c5b4a';

describe('credential_process and SSO profiles', () => {
  const clock = new TestClock();
  let peers: AwsPeers;
  let credentials: CredentialsService;
  let homeDir: string;

  before(async () => {
    peers = await startPeers(clock);
    const scripts = join(await (await awsHome(peers)).home, 'scripts');
    await mkdir(scripts, { recursive: true });
    const ok = await writeScript(
      scripts,
      'ok.mjs',
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(ALICE.accessKeyId)}, SecretAccessKey: ${JSON.stringify(ALICE.secretAccessKey)}, Expiration: new Date(${clock.now()} + 3600e3).toISOString() }));`,
    );
    const failing = await writeScript(
      scripts,
      'fail.mjs',
      `console.error('vault: token expired, run "vault login" first'); process.exit(3);`,
    );
    const malformed = await writeScript(
      scripts,
      'malformed.mjs',
      `console.log('{"Version": 1, "AccessKeyId": "AKIAXX", "SecretAccessKey": "hushhushhush"');`,
    );
    // A tool that fails loudly, echoing its arguments and a key it holds.
    const echoing = await writeScript(
      scripts,
      'echoing.mjs',
      `console.error('login failed for ' + process.argv.slice(2).join(' ') + '; cached key ' + ${JSON.stringify(SECRET)}); process.exit(2);`,
    );
    const strangeVersion = await writeScript(
      scripts,
      'version.mjs',
      `console.log(JSON.stringify({ Version: ${JSON.stringify(SECRET)}, AccessKeyId: 'AKIAXX', SecretAccessKey: ${JSON.stringify(SECRET)} }));`,
    );
    const strangeExpiry = await writeScript(
      scripts,
      'expiry.mjs',
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAXX', SecretAccessKey: 'x', Expiration: ${JSON.stringify(SECRET)} }));`,
    );
    const home = await awsHome(
      peers,
      `
[profile proc-echoing]
credential_process = ${echoing} --user alice --password ${PASSWORD} --token=${TOKEN}

[profile proc-version]
credential_process = ${strangeVersion}

[profile proc-expiry]
credential_process = ${strangeExpiry}

[profile proc-ok]
credential_process = ${ok}

[profile proc-role]
role_arn = arn:aws:iam::111122223333:role/base
source_profile = proc-ok

[profile proc-fail]
credential_process = ${failing}

[profile proc-malformed]
credential_process = ${malformed}

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
`,
    );
    homeDir = home.home;
    credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers)),
      prompter: new ScriptedPrompter(),
      clock,
    });
  });
  after(() => peers.close());

  test('a process that prints Version 1 JSON gives credentials a role chain can use', async () => {
    const keys = await credentials.resolve('proc-ok');
    assert.equal(keys.accessKeyId, ALICE.accessKeyId);
    assert.ok(keys.expiration);
    const mark = peers.calls.length;
    const who = await credentials.identity('proc-role');
    assert.match(who.arn, /assumed-role\/base\//);
    const [assume] = stsCalls({ ...peers, calls: peers.calls.slice(mark) });
    assert.equal(assume?.callerArn, ALICE.arn);
  });

  test('a failing process reports its exit code and stderr', async () => {
    await assert.rejects(credentials.resolve('proc-fail'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'CREDENTIAL_PROCESS_FAILED');
      const details = error.details as CredentialFailureDTO;
      assert.equal(details.exitCode, 3);
      assert.match(details.stderr ?? '', /vault: token expired/);
      assert.equal(details.hop?.profile, 'proc-fail');
      assert.match(error.message, /exited with code 3: vault: token expired/);
      assert.match(details.next, /terminal/);
      return true;
    });
  });

  test('malformed JSON is called malformed, without echoing what was printed', async () => {
    await assert.rejects(credentials.resolve('proc-malformed'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'CREDENTIAL_PROCESS_FAILED');
      assert.match(error.message, /not valid JSON/);
      assert.ok(!JSON.stringify([error.message, error.details]).includes('hushhush'));
      return true;
    });
  });

  test('a failure echoing secret arguments or a key shows neither, and still says what failed', async () => {
    await assert.rejects(credentials.resolve('proc-echoing'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'CREDENTIAL_PROCESS_FAILED');
      const wire = JSON.stringify([error.message, error.details]);
      for (const secret of [SECRET, PASSWORD, TOKEN]) {
        assert.ok(!wire.includes(secret.slice(0, 10)), `${secret} is not shown: ${wire}`);
      }
      assert.match(error.message, /exited with code 2: login failed for --user alice --password/);
      return true;
    });
  });

  test('odd Version or Expiration values are described, not echoed', async () => {
    for (const [profile, what] of [
      ['proc-version', /Version/],
      ['proc-expiry', /Expiration that is not a date/],
    ] as const) {
      await assert.rejects(credentials.resolve(profile), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.match(error.message, what);
        const wire = JSON.stringify([error.message, error.details]);
        assert.ok(!wire.includes(SECRET.slice(0, 10)), wire);
        return true;
      });
    }
  });

  test('an SSO profile with no sign-in or an expired one says to sign in, naming the session', async () => {
    const expectSignIn = (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'SSO_LOGIN_REQUIRED');
      assert.match(error.message, /session "corp"/);
      // What to do is said once, in `next`, not again in the message.
      assert.doesNotMatch(error.message, /Sign in/);
      assert.match((error.details as { next?: string }).next ?? '', /^Sign in to .*"corp" again/);
      return true;
    };
    await assert.rejects(credentials.resolve('sso-dev'), expectSignIn);
    const cacheDir = join(homeDir, '.aws', 'sso', 'cache');
    await mkdir(cacheDir, { recursive: true });
    // The AWS CLI v2 names the file after the SHA-1 of the session name.
    await writeFile(
      join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({
        startUrl: 'https://corp.awsapps.com/start',
        region: 'eu-central-1',
        accessToken: 'expired-token',
        expiresAt: new Date(clock.now() - 60_000).toISOString(),
      }),
    );
    await assert.rejects(credentials.resolve('sso-dev'), (error: unknown) => {
      expectSignIn(error);
      assert.match((error as Error).message, /expired/);
      return true;
    });
  });
});
