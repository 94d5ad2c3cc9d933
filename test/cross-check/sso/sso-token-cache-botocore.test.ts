/**
 * The SSO token cache against botocore, the reference implementation of it: the token and
 * client-registration file names match botocore's byte for byte, and botocore reads the token
 * we write.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  formatCacheTime,
  registrationCacheKey,
  SsoTokenCache,
  tokenCacheKey,
} from '../../../main/core/sso/sso-token-cache.ts';
import { skipWithoutPython } from '../../support/references.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

/** botocore is the reference implementation of the cache. */
function python(script: string, input: string): string {
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' }).trim();
}

describe('SSO token cache', () => {
  test(
    'token and registration keys match botocore byte for byte',
    { skip: skipWithoutPython('botocore') },
    () => {
      const cases = [
        {
          startUrl: 'https://d-abc.awsapps.com/start',
          region: 'eu-west-1',
          scopes: null,
          sessionName: 'corp',
        },
        {
          startUrl: 'https://d-abc.awsapps.com/start',
          region: 'us-east-1',
          scopes: ['sso:account:access', 'codewhisperer:x'],
          sessionName: 'équipe/ops',
        },
        {
          startUrl: 'https://d-abc.awsapps.com/start#/',
          region: 'ap-south-1',
          scopes: null,
          sessionName: null,
        },
      ];
      const script = `
import sys, json
from botocore.utils import SSOTokenLoader
import hashlib
cases = json.load(sys.stdin)
out = []
for c in cases:
    token = SSOTokenLoader()._generate_cache_key(c['startUrl'], c['sessionName'])
    args = {'tool': 'botocore', 'startUrl': c['startUrl'], 'region': c['region'], 'scopes': c['scopes'], 'session_name': c['sessionName']}
    reg = hashlib.sha1(json.dumps(args, sort_keys=True).encode('utf-8')).hexdigest()
    out.append([token, reg])
print(json.dumps(out))`;
      const expected = JSON.parse(python(script, JSON.stringify(cases))) as string[][];
      assert.deepEqual(
        cases.map((c) => [tokenCacheKey(c.startUrl, c.sessionName), registrationCacheKey(c)]),
        expected,
      );
    },
  );

  test('botocore reads the token we write', { skip: skipWithoutPython('botocore') }, async () => {
    const home = await makeTempDir('sso-home');
    const cache = new SsoTokenCache(home);
    await cache.writeToken('https://d-abc.awsapps.com/start', 'corp', {
      startUrl: 'https://d-abc.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'at-from-workbench',
      expiresAt: formatCacheTime(Date.now() + 3600_000),
    });
    const script = `
import sys
from botocore.utils import SSOTokenLoader, JSONFileCache
from dateutil.parser import parse
t = SSOTokenLoader(JSONFileCache(sys.argv[1]))('https://d-abc.awsapps.com/start', session_name='corp')
print(t['accessToken'], parse(t['expiresAt']).tzname())`;
    const out = execFileSync('python3', ['-c', script, cache.dir], { encoding: 'utf8' }).trim();
    assert.equal(out, 'at-from-workbench UTC');
  });
});
