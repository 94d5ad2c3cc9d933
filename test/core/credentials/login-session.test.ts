/**
 * `aws login` profiles (login_session): the cached session the AWS CLI wrote is used while it
 * lasts, a role can be assumed over it, and an expired or missing one says to run `aws login`.
 * That botocore's own loader reads the same file to the same keys is in
 * test/cross-check/credentials/login-session-botocore.test.ts.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import { ProfileService } from '../../../main/core/profiles/profile-service.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { AppError } from '../../../shared/errors.ts';
import { ALICE, ScriptedPrompter, awsHome, peerEnv, startPeers } from './credential-fixtures.ts';
import { LOGIN_PROFILES, loginWorld } from './login-session-fixtures.ts';

describe('aws login (login_session) profiles', () => {
  let peers: AwsPeers;
  before(async () => {
    peers = await startPeers();
  });
  after(() => peers.close());

  const world = (expiresInMs: number) => loginWorld(peers, expiresInMs);

  test('the cached session is used as it is, and a role can be assumed over it', async () => {
    const { credentials, session } = await world(3600_000);
    const keys = await credentials.resolve('signed-in');
    assert.equal(keys.accessKeyId, session.accessKeyId);
    assert.equal(keys.sessionToken, session.sessionToken);
    assert.equal((await credentials.identity('signed-in')).arn, ALICE.arn);
    const over = await credentials.identity('over-login');
    assert.equal(over.arn, 'arn:aws:sts::111122223333:assumed-role/base/over-login');
  });

  test('an expired session says to run aws login for the profile', async () => {
    const { credentials } = await world(-60_000);
    await assert.rejects(credentials.resolve('signed-in'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'CREDENTIALS_UNRESOLVED');
      assert.match(error.message, /expired/);
      assert.match(JSON.stringify(error.details), /aws login --profile signed-in/);
      return true;
    });
  });

  test("a cache file that is not the CLI's shape is refused with what to run, never a crash", async () => {
    const { credentials, file } = await world(3600_000);
    const broken = [
      'null',
      '[]',
      '"text"',
      JSON.stringify({ accessToken: 'not-an-object' }),
      JSON.stringify({
        ...JSON.parse(await readFile(file, 'utf8')),
        accessToken: {
          accessKeyId: 'ASIAX',
          secretAccessKey: 's',
          sessionToken: 't',
          expiresAt: 'not a date',
        },
      }),
    ];
    for (const text of broken) {
      await writeFile(file, text);
      credentials.forget('signed-in');
      await assert.rejects(credentials.resolve('signed-in'), (error: unknown) => {
        assert.ok(error instanceof AppError, `${text}: ${String(error)}`);
        assert.equal(error.code, 'CREDENTIALS_UNRESOLVED', text);
        assert.match(JSON.stringify(error.details), /aws login --profile signed-in/, text);
        return true;
      });
    }
  });

  test('no cache file: not signed in on this machine, and what to run', async () => {
    const home = await awsHome(peers, LOGIN_PROFILES);
    const credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers)),
      prompter: new ScriptedPrompter(),
    });
    await assert.rejects(credentials.resolve('signed-in'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.match(error.message, /has not signed in on this machine/);
      assert.match(JSON.stringify(error.details), /aws login --profile signed-in/);
      return true;
    });
  });

  test('the profile list calls it an aws login profile', async () => {
    const home = await awsHome(peers, LOGIN_PROFILES);
    const environment = home.environment();
    const profiles = new ProfileService(environment, new SettingsStore(environment.dataDir));
    const listed = (await profiles.list()).profiles;
    const signedIn = listed.find((p) => p.name === 'signed-in');
    const over = listed.find((p) => p.name === 'over-login');
    assert.deepEqual([signedIn?.kind, signedIn?.chainBase], ['login', 'aws login session']);
    assert.deepEqual(
      [over?.chain, over?.chainBase],
      [['over-login', 'signed-in'], 'aws login session'],
    );
  });
});
