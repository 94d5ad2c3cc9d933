/**
 * `appsync-workbench logs` as a user runs it: a real process against moto's CloudWatch Logs
 * (lines for two requests put there with boto3), reached through AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MOTO_KEYS, startMoto, type MotoServer } from '../support/moto-server.ts';
import { skipWithoutPython } from '../support/references.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { cliRunner } from './cli-runner.ts';

const MINE = '5d1c7e9a-0c59-4bd2-9a6f-4f6f1c7b2e11';
const OTHER = '9f0e3b2a-7d41-4c1e-8b3a-2a6d5e4c3b21';

describe('appsync-workbench logs', { skip: skipWithoutPython('moto', 'boto3') }, () => {
  let moto: MotoServer;
  let env: Record<string, string>;
  const { run } = cliRunner(
    () => env,
    () => [MOTO_KEYS.secretAccessKey],
  );

  before(async () => {
    moto = await startMoto();
    const home = await makeTempDir('cli-logs');
    await mkdir(join(home, 'aws'));
    await writeFile(join(home, 'aws/config'), '[profile moto]\nregion = eu-west-1\n');
    await writeFile(
      join(home, 'aws/credentials'),
      `[moto]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
    );
    env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      APPSYNC_WORKBENCH_DATA_DIR: join(home, 'data'),
      AWS_CONFIG_FILE: join(home, 'aws/config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws/credentials'),
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: moto.url,
    };
    const now = Date.now();
    await moto.python(`
logs = boto('logs', 'eu-west-1')
logs.create_log_group(logGroupName='/aws/appsync/apis/abc123')
logs.create_log_stream(logGroupName='/aws/appsync/apis/abc123', logStreamName='s1')
logs.put_log_events(logGroupName='/aws/appsync/apis/abc123', logStreamName='s1', logEvents=${JSON.stringify(
      [
        { timestamp: now - 2000, message: `${MINE} Begin Request` },
        { timestamp: now - 1900, message: JSON.stringify({ requestId: OTHER, fieldName: 'x' }) },
        { timestamp: now - 1800, message: JSON.stringify({ requestId: MINE, fieldName: 'note' }) },
      ],
    )})
`);
  });
  after(() => moto?.close());

  test("prints the request's lines, JSON indented, and only those", async () => {
    const [text, json] = await Promise.all([
      run('logs', MINE, '--api-id', 'abc123', '--profile', 'moto', '--since', '10m'),
      run('logs', MINE, '--api-id', 'abc123', '--profile', 'moto', '--json'),
    ]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}s1\n {4}5d1c7e9a-\S+ Begin Request$/m);
    assert.match(text.stdout, /^ {6}"fieldName": "note"/m);
    assert.doesNotMatch(text.stdout, new RegExp(OTHER));
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).lines.length, 2);
  });

  test('no log group, bad input: guidance and exit codes', async () => {
    const [missing, noApi, badSince] = await Promise.all([
      run('logs', MINE, '--api-id', 'nolog1', '--profile', 'moto'),
      run('logs', MINE, '--profile', 'moto'),
      run('logs', MINE, '--api-id', 'abc123', '--profile', 'moto', '--since', 'soon'),
    ]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /logging is off for this API/);
    assert.equal(noApi.code, 2);
    assert.match(noApi.stderr, /--api-id/);
    assert.equal(badSince.code, 2);
    assert.match(badSince.stderr, /--since takes a duration/);
  });
});
