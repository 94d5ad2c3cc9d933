import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { getSSOTokenFilepath } from '@smithy/core/config';
import { describe, test } from 'node:test';
import {
  formatCacheTime,
  parseCacheTime,
  SsoTokenCache,
  tokenCacheKey,
} from '../../../main/core/sso/sso-token-cache.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

describe('SSO token cache', () => {
  test('files are named where the AWS SDK looks: sha1 of the session name, else of the start URL', () => {
    for (const [startUrl, session] of [
      ['https://d-abc123.awsapps.com/start', 'my-sso'],
      ['https://d-abc123.awsapps.com/start', null],
    ] as const) {
      // The SDK's own resolver (fromSSO / fromSso read exactly this file).
      const sdkPath = getSSOTokenFilepath(session ?? startUrl);
      assert.equal(`${tokenCacheKey(startUrl, session)}.json`, basename(sdkPath));
    }
    assert.notEqual(
      tokenCacheKey('https://d-abc123.awsapps.com/start', null),
      tokenCacheKey('https://d-abc123.awsapps.com/start', 'my-sso'),
    );
  });

  test('times are written as the CLI writes them and read in every format the tools use', () => {
    assert.equal(formatCacheTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02T03:04:05Z');
    const t = Date.UTC(2019, 10, 14, 4, 5, 45);
    assert.equal(parseCacheTime('2019-11-14T04:05:45Z'), t);
    assert.equal(parseCacheTime('2019-11-14T04:05:45.000Z'), t);
    assert.equal(parseCacheTime('2019-11-14T04:05:45UTC'), t);
    assert.equal(parseCacheTime('2019-11-14T04:05:45+00:00'), t);
    assert.ok(Number.isNaN(parseCacheTime('soon')));
  });

  test('a token is written atomically, 0600 in a 0700 folder, and read back', async () => {
    const home = await makeTempDir('sso-home');
    const cache = new SsoTokenCache(home);
    const token = {
      startUrl: 'https://d-abc.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'at-1',
      expiresAt: '2030-01-01T00:00:00Z',
      clientId: 'cid',
      clientSecret: 'csecret',
      registrationExpiresAt: '2030-03-01T00:00:00Z',
      refreshToken: 'rt-1',
    };
    await cache.writeToken(token.startUrl, 'corp', token);
    const path = join(
      home,
      '.aws',
      'sso',
      'cache',
      `${tokenCacheKey(token.startUrl, 'corp')}.json`,
    );
    assert.equal(cache.tokenPath(token.startUrl, 'corp'), path);
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), token);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(join(home, '.aws', 'sso', 'cache'))).mode & 0o777, 0o700);
    assert.deepEqual(await cache.readToken(token.startUrl, 'corp'), token);
    await cache.deleteToken(token.startUrl, 'corp');
    assert.equal(await cache.readToken(token.startUrl, 'corp'), null);
  });

  test('a file that is not a token (or not JSON) counts as no token, as in botocore', async () => {
    const home = await makeTempDir('sso-home');
    const cache = new SsoTokenCache(home);
    await mkdir(cache.dir, { recursive: true });
    await writeFile(cache.tokenPath('https://s', 'a'), '{"accessToken": "x"}');
    await writeFile(cache.tokenPath('https://s', 'b'), 'not json');
    assert.equal(await cache.readToken('https://s', 'a'), null);
    assert.equal(await cache.readToken('https://s', 'b'), null);
  });
});
