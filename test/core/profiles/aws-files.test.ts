import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadSsoSessionData } from '@smithy/core/config';
import { awsFilePaths, loadAwsFiles } from '../../../main/core/profiles/aws-files.ts';
import { makeAwsHome } from '../../support/aws-home.ts';

describe('AWS files', () => {
  test('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, with ~ expanded', async () => {
    const home = await makeAwsHome({});
    await mkdir(join(home.home, 'elsewhere'));
    await writeFile(join(home.home, 'elsewhere', 'cfg'), '[profile moved]\nregion = eu-west-3\n');
    await writeFile(
      join(home.home, 'elsewhere', 'creds'),
      '[k]\naws_access_key_id = A\naws_secret_access_key = s\n',
    );
    const paths = awsFilePaths(
      home.environment({
        AWS_CONFIG_FILE: '~/elsewhere/cfg',
        AWS_SHARED_CREDENTIALS_FILE: join(home.home, 'elsewhere', 'creds'),
      }),
    );
    assert.equal(paths.configFile, join(home.home, 'elsewhere', 'cfg'));
    const files = await loadAwsFiles(paths);
    assert.deepEqual(Object.keys(files.config), ['moved']);
    assert.deepEqual(Object.keys(files.credentials), ['k']);
    assert.deepEqual(files.problems, []);
  });

  test('missing files are not a problem: a new machine has none', async () => {
    const home = await makeAwsHome({});
    const files = await loadAwsFiles(awsFilePaths(home.environment()));
    assert.deepEqual(files.problems, []);
    assert.deepEqual(files.config, {});
  });

  test('reports the lines the SDK would silently ignore, with file and line', async () => {
    const home = await makeAwsHome({
      config: [
        'region = eu-west-1',
        '[profile ok]',
        'region = us-east-1',
        '[profile broken',
        'this line has no equals sign',
        '[dev]',
        'region = eu-west-2',
      ].join('\n'),
      credentials: '[profile wrong-place]\naws_access_key_id = A\naws_secret_access_key = s\n',
    });
    const files = await loadAwsFiles(awsFilePaths(home.environment()));
    assert.deepEqual(
      files.problems.map((p) => [p.file === home.configFile ? 'config' : 'credentials', p.line]),
      [
        ['config', 1],
        ['config', 4],
        ['config', 5],
        ['config', 6],
        ['credentials', 1],
      ],
    );
    assert.match(files.problems[3]?.message ?? '', /write it as \[profile dev\]/);
    assert.match(files.problems[4]?.message ?? '', /write it as \[wrong-place\]/);
    // What the SDK could read is still there.
    assert.equal(files.config.ok?.region, 'us-east-1');
  });

  test('an unreadable file is named, and the other file still loads', async () => {
    const home = await makeAwsHome({
      credentials: '[k]\naws_access_key_id = A\naws_secret_access_key = s\n',
    });
    // A folder where the file should be: unreadable as a file even for root, unlike chmod 000.
    await mkdir(home.configFile);
    const files = await loadAwsFiles(awsFilePaths(home.environment()));
    assert.equal(files.problems.length, 1);
    assert.equal(files.problems[0]?.file, home.configFile);
    assert.match(files.problems[0]?.message ?? '', /Cannot read this file \(it is a folder\)/);
    assert.deepEqual(Object.keys(files.credentials), ['k']);
  });

  test('a [__proto__] section, which makes the SDK drop the whole file, is reported', async () => {
    const home = await makeAwsHome({ config: '[profile __proto__]\nregion = x\n' });
    const files = await loadAwsFiles(awsFilePaths(home.environment()));
    assert.match(files.problems[0]?.message ?? '', /ignores this whole file/);
  });

  test('[sso-session] sections are read as the SDK reads them, from the one parse', async () => {
    const home = await makeAwsHome({
      config: [
        '[profile dev]',
        'sso_session = corp',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = eu-west-1',
        '[sso-session other.team]',
        'sso_start_url = https://other.awsapps.com/start',
        '[services s3-local]',
        's3 =',
        '  endpoint_url = http://127.0.0.1:9000',
      ].join('\n'),
    });
    const files = await loadAwsFiles(awsFilePaths(home.environment()));
    const sdk = await loadSsoSessionData({ configFilepath: home.configFile });
    assert.deepEqual(files.ssoSessions, sdk);
    assert.deepEqual(Object.keys(files.ssoSessions), ['corp', 'other.team']);
    assert.deepEqual(Object.keys(files.config), ['dev']);
  });

  test('after a header without "]", the settings below still belong to the section above', async () => {
    const home = await makeAwsHome({
      config: '[profile good]\nregion = eu-west-1\n[profile broken\nregion = us-east-1\n',
    });
    const files = await loadAwsFiles(awsFilePaths(home.environment()));
    // The SDK reads the region of the broken section into [profile good]: say so, not "ignored".
    assert.equal(files.config.good?.region, 'us-east-1');
    assert.deepEqual(
      files.problems.map((p) => p.line),
      [3],
    );
    assert.match(files.problems[0]?.message ?? '', /settings below it count for \[profile good\]/);
  });
});
