/**
 * SSO tokens shared with botocore (the AWS CLI's own code): botocore uses the token our device
 * login cached, a refresh botocore does is picked up (and ours then uses its rotated refresh
 * token), and a token file botocore's cache writer wrote is read and used. The peers are the
 * sandbox's IAM Identity Center, in this process (test/core/sso/sso-harness.ts).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterEach, describe, test } from 'node:test';
import { SsoTokenCache } from '../../../main/core/sso/sso-token-cache.ts';
import {
  makeHarness,
  signIn,
  ssoCalls,
  ssoConfigWithServices,
  START_URL,
  type Harness,
} from '../../core/sso/sso-harness.ts';
import { runReference, skipWithoutPython } from '../../support/references.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const HOUR = 3600_000;

/** The access key botocore resolves for profile `dev` from the harness's HOME and config. */
async function botocoreAccessKey(h: Harness): Promise<string> {
  const script = `
import botocore.session
s = botocore.session.Session(profile='dev')
print(s.get_credentials().get_frozen_credentials().access_key)`;
  // Async: the peers answer from this very process.
  const { stdout } = await runReference('python3', ['-c', script], {
    HOME: h.home.home,
    AWS_CONFIG_FILE: h.home.configFile,
    AWS_SHARED_CREDENTIALS_FILE: h.home.credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return stdout.trim();
}

describe('SSO device login', () => {
  test(
    'botocore uses the token the device login cached',
    { skip: skipWithoutPython('botocore') },
    async () => {
      const h = (harness = await makeHarness({ env: {} }));
      // The endpoints come from the config file's [services] section, as botocore reads them.
      await writeFile(h.home.configFile, ssoConfigWithServices(h.peers.url));
      await signIn(h);
      const key = await botocoreAccessKey(h);
      assert.equal(h.peers.identities.lookup(key)?.accountId, '111111111111');
    },
  );
});

describe('SSO tokens', () => {
  test(
    'a refresh done by botocore is picked up, and ours then uses its rotated refresh token',
    { skip: skipWithoutPython('botocore') },
    async () => {
      // Ten-minute tokens: inside botocore's 15-minute refresh window, outside ours (5).
      const h = (harness = await makeHarness({ sso: { accessTokenSeconds: 600 }, env: {} }));
      await writeFile(h.home.configFile, ssoConfigWithServices(h.peers.url));
      await signIn(h);
      const cache = new SsoTokenCache(h.home.home);
      const ours = (await cache.readToken(START_URL, 'corp'))!;

      const key = await botocoreAccessKey(h);
      assert.equal(h.peers.identities.lookup(key)?.accountId, '111111111111');
      const theirs = (await cache.readToken(START_URL, 'corp'))!;
      assert.notEqual(theirs.accessToken, ours.accessToken, 'botocore refreshed the token');
      assert.notEqual(theirs.refreshToken, ours.refreshToken);

      assert.equal(await h.service.accessToken({ session: 'corp' }), theirs.accessToken);
      h.clock.t += 2 * HOUR;
      const next = await h.service.accessToken({ session: 'corp' });
      assert.notEqual(next, theirs.accessToken);
      assert.deepEqual(
        ssoCalls(h)
          .filter((c) => c.grantType === 'refresh_token')
          .map((c) => c.outcome),
        ['ok', 'ok'],
      );
    },
  );

  test(
    'a token file written by the AWS CLI (botocore) is read and used',
    { skip: skipWithoutPython('botocore') },
    async () => {
      const h = (harness = await makeHarness());
      await signIn(h);
      const cache = new SsoTokenCache(h.home.home);
      const ours = (await cache.readToken(START_URL, 'corp'))!;
      await cache.deleteToken(START_URL, 'corp');
      // botocore's own cache writer, with the CLI's serializer, writes the file this time.
      const script = `
import sys, json, datetime
from botocore.utils import JSONFileCache, SSOTokenLoader
from botocore.tokens import _sso_json_dumps
token = json.loads(sys.stdin.read())
token['expiresAt'] = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
SSOTokenLoader(JSONFileCache(sys.argv[1], dumps_func=_sso_json_dumps)).save_token(sys.argv[2], token, session_name='corp')`;
      const child = promisify(execFile)('python3', ['-c', script, cache.dir, START_URL]);
      child.child.stdin?.end(JSON.stringify({ ...ours, expiresAt: undefined }));
      await child;
      const text = await readFile(cache.tokenPath(START_URL, 'corp'), 'utf8');
      assert.match(text, /"expiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
      const [session] = await h.service.sessions();
      assert.equal(session?.status, 'valid');
      assert.equal(await h.service.accessToken({ profile: 'dev' }), ours.accessToken);
      const accounts = await h.service.listAccounts({ profile: 'dev' });
      assert.equal(accounts.length, 2);
    },
  );
});
