/**
 * The sandbox as the demo workspace starts it: one loopback server for AppSync and the local
 * STS, demo profiles written to the app's data dir that real AWS tooling can use, a clean close.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import {
  DEMO_PROFILES,
  writeDemoAwsFiles,
  type DemoAwsFiles,
} from '../../main/sandbox/demo-fixture.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { send, signedPost } from './appsync/appsync-test-client.ts';

const run = promisify(execFile);
const WHOAMI = JSON.stringify({ query: '{ whoami { authMode arn } }' });

describe('sandbox server and demo workspace', () => {
  let sandbox: Sandbox;
  let dir: string;
  let files: DemoAwsFiles;

  before(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'appsync-sandbox-demo-'));
    files = await writeDemoAwsFiles(join(dir, 'sandbox'), {
      endpointUrl: sandbox.url,
      fixture: sandbox.demo,
    });
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves GraphQL and the local STS from one 127.0.0.1 address', () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sandbox.graphqlUrl, `${sandbox.url}/graphql`);
    assert.match(sandbox.demo.user.accessKeyId, /^AKIASANDBOXDEMO/);
    assert.equal(sandbox.demo.region, 'us-east-1');
  });

  test('the demo files name both profiles, hold the keys only in the 0600 credentials file', async () => {
    const config = await readFile(files.configFile, 'utf8');
    const credentials = await readFile(files.credentialsFile, 'utf8');
    assert.match(
      config,
      new RegExp(`\\[profile ${DEMO_PROFILES.admin}\\][^[]*source_profile = ${DEMO_PROFILES.keys}`),
    );
    assert.match(config, new RegExp(`endpoint_url = ${sandbox.url.replace(/\./g, '\\.')}`));
    assert.equal(config.includes(sandbox.demo.user.secretAccessKey), false);
    assert.match(credentials, new RegExp(`aws_access_key_id = ${sandbox.demo.user.accessKeyId}`));
    assert.equal((await stat(files.credentialsFile)).mode & 0o777, 0o600);
    assert.deepEqual(
      files.profiles.map((p) => p.name),
      [DEMO_PROFILES.keys, DEMO_PROFILES.admin],
    );
  });

  test('the AWS SDK resolves the role chain from the demo files through the local STS, and AppSync accepts it', async () => {
    const credentials = await fromIni({
      profile: DEMO_PROFILES.admin,
      filepath: files.credentialsFile,
      configFilepath: files.configFile,
      // The JS SDK's inner STS client does not read endpoint_url from the profile.
      clientConfig: { endpoint: sandbox.url },
    })();
    assert.match(credentials.accessKeyId, /^ASIA/);
    const reply = await signedPost(sandbox.graphqlUrl, WHOAMI, credentials);
    assert.equal(reply.status, 200, reply.text);
    assert.equal(
      reply.json.data.whoami.arn,
      `arn:aws:sts::${sandbox.demo.accountId}:assumed-role/${sandbox.demo.role.name}/${sandbox.demo.role.sessionName}`,
    );
  });

  test('botocore reads the demo files as written (endpoint_url, source_profile) and reaches the local STS', async () => {
    const script = `
import botocore.session
print(botocore.session.Session(profile='${DEMO_PROFILES.admin}').create_client('sts').get_caller_identity()['Arn'])
`;
    const { stdout } = await run('python3', ['-c', script], {
      env: {
        ...process.env,
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      },
    });
    assert.equal(
      stdout.trim(),
      `arn:aws:sts::${sandbox.demo.accountId}:assumed-role/sandbox-admin/sandbox-admin-demo`,
    );
  });

  test('an unknown path answers 404 rather than hanging', async () => {
    const reply = await send(`${sandbox.url}/nothing-here`, { method: 'GET' });
    assert.equal(reply.status, 404);
  });

  test('close stops listening and ends a request still in flight', async () => {
    const other = await startSandbox();
    const pending = send(other.graphqlUrl, {
      headers: { 'x-api-key': other.apiKey },
      body: JSON.stringify({ query: '{ slow(ms: 20000) { waitedMs } }' }),
    }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 2000);
    assert.equal(await pending, 'socket hang up');
    await assert.rejects(
      send(other.graphqlUrl, { headers: { 'x-api-key': other.apiKey }, body: WHOAMI }),
    );
  });
});
