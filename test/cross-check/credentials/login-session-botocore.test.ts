/**
 * `aws login` profiles (login_session) cross-checked with botocore: botocore's own login loader
 * reads the session cache file the AWS CLI wrote to the same keys the engine resolves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { runReference, skipWithoutPython } from '../../support/references.ts';
import { startPeers } from '../../core/credentials/credential-fixtures.ts';
import { loginWorld, SESSION } from '../../core/credentials/login-session-fixtures.ts';

let peers: AwsPeers;
before(async () => {
  peers = await startPeers();
});
after(() => peers.close());

describe('aws login (login_session) profiles', () => {
  test(
    "botocore's login loader reads the same cache file to the same keys",
    { skip: skipWithoutPython('botocore') },
    async () => {
      const { home, credentials } = await loginWorld(peers, 3600_000);
      const ours = await credentials.resolve('signed-in');
      const { stdout } = await runReference(
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
        { HOME: home.home, SESSION },
      );
      const boto = JSON.parse(stdout) as Record<string, string>;
      assert.deepEqual(
        [boto.access_key, boto.secret_key, boto.token, new Date(boto.expiry_time ?? '').getTime()],
        [ours.accessKeyId, ours.secretAccessKey, ours.sessionToken, ours.expiration?.getTime()],
      );
    },
  );
});
