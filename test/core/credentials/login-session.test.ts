/**
 * `aws login` profiles (login_session): the cached session the AWS CLI wrote is used while it
 * lasts, a role can be assumed over it, and an expired or missing one says to run `aws login`.
 * botocore's own loader reads the same file to the same keys.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import { loginCacheFile } from '../../../main/core/credentials/login-session.ts';
import { ProfileService } from '../../../main/core/profiles/profile-service.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { SandboxIdentity } from '../../../main/sandbox/identity-store.ts';
import { AppError } from '../../../shared/errors.ts';
import { skipWithoutPython } from '../../support/references.ts';
import type { AwsHome } from '../../support/aws-home.ts';
import {
  ALICE,
  ScriptedPrompter,
  awsHome,
  peerEnv,
  role,
  startPeers,
} from './credential-fixtures.ts';

const run = promisify(execFile);
const SESSION = 'arn:aws:iam::111122223333:user/alice';

const LOGIN_PROFILES = `
[profile signed-in]
login_session = ${SESSION}
region = eu-west-1

[profile over-login]
role_arn = ${role('base')}
source_profile = signed-in
role_session_name = over-login
`;

/** What `aws login` leaves in the cache: a console session of alice's, plus refresh material. */
async function writeLoginCache(home: AwsHome, session: SandboxIdentity, expiresAt: number) {
  const file = loginCacheFile(SESSION, { env: {}, homeDir: home.home, dataDir: '' });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    JSON.stringify({
      accessToken: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        accountId: session.accountId,
        expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'refresh-token-not-used-here',
      idToken: 'id-token-not-used-here',
      dpopKey: '-----BEGIN EC PRIVATE KEY-----\nnot-used-here\n-----END EC PRIVATE KEY-----\n',
    }),
  );
  return file;
}

describe('aws login (login_session) profiles', () => {
  let peers: AwsPeers;
  before(async () => {
    peers = await startPeers();
  });
  after(() => peers.close());

  async function world(expiresInMs: number) {
    const home = await awsHome(peers, LOGIN_PROFILES);
    const session = peers.identities.issueSession(
      { arn: ALICE.arn, accountId: '111122223333', userId: 'AIDAALICE', kind: 'user' },
      3600,
    );
    const file = await writeLoginCache(home, session, Date.now() + expiresInMs);
    const credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers)),
      prompter: new ScriptedPrompter(),
    });
    return { home, session, file, credentials };
  }

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

  test(
    "botocore's login loader reads the same cache file to the same keys",
    { skip: skipWithoutPython('botocore') },
    async () => {
      const { home, credentials } = await world(3600_000);
      const ours = await credentials.resolve('signed-in');
      const { stdout } = await run(
        'python3',
        [
          '-c',
          `
import json, os, botocore.credentials as c
from botocore.utils import JSONFileCache
fetcher = c.LoginCredentialFetcher(session_name=os.environ['SESSION'],
    token_loader=c.LoginTokenLoader(JSONFileCache(c.get_login_token_cache_directory())),
    client_creator=None)
print(json.dumps(fetcher.load_cached_credentials()))
`,
        ],
        { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home.home, SESSION } },
      );
      const boto = JSON.parse(stdout) as Record<string, string>;
      assert.deepEqual(
        [boto.access_key, boto.secret_key, boto.token, new Date(boto.expiry_time ?? '').getTime()],
        [ours.accessKeyId, ours.secretAccessKey, ours.sessionToken, ours.expiration?.getTime()],
      );
    },
  );
});
