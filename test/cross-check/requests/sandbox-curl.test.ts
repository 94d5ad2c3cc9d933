/**
 * The generated curl commands, run by curl (its own `--aws-sigv4`) against the AppSync sandbox
 * (an independent peer with its own SigV4 verifier): with a role session, with long-term keys
 * (no security token is sent: AWS refuses an empty one) and with an API key, each is accepted,
 * and no secret is in the command: it reads them from the environment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { exportAsCode } from '../../../main/core/requests/code-export.ts';
import { copyAsCode } from '../../../main/core/requests/copy-as-code.ts';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { runReference, skipWithoutCommand } from '../../support/references.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from '../../core/requests/support/static-credential-source.ts';

let sandbox: Sandbox;
let credentials: StaticCredentialSource;
let tempSession: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
let dataDir: string;

before(async () => {
  sandbox = await startSandbox();
  const { user } = sandbox.demo;
  tempSession = sandbox.demoRoleSession(900);
  credentials = new StaticCredentialSource({
    'sandbox-keys': {
      credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
    },
    'sandbox-role': { credentials: [tempSession] },
  });
  dataDir = await makeTempDir('sandbox-curl');
});

after(async () => {
  await sandbox.close();
});

const WHOAMI = 'query Who { whoami { authMode arn sub } }';
const withoutCurl = skipWithoutCommand('curl', 'the generated command is run with it');

describe('against the AppSync sandbox', { skip: withoutCurl }, () => {
  test('the generated curl command is accepted by the sandbox', async () => {
    const variables = { id: 'missing' };
    const query = 'query Get($id: ID!) { getNote(id: $id) { id } }';
    const command = copyAsCode('curl', {
      url: sandbox.graphqlUrl,
      query,
      variables,
      auth: { type: 'AWS_IAM', profile: 'sandbox-role', region: 'us-east-1', service: 'appsync' },
      profile: 'sandbox-role',
      region: 'us-east-1',
    });
    assert.ok(
      !command.includes(tempSession.secretAccessKey) && !command.includes(tempSession.sessionToken),
    );
    const { stdout } = await runReference('sh', ['-c', command], {
      AWS_ACCESS_KEY_ID: tempSession.accessKeyId,
      AWS_SECRET_ACCESS_KEY: tempSession.secretAccessKey,
      AWS_SESSION_TOKEN: tempSession.sessionToken,
    });
    assert.deepEqual(JSON.parse(stdout), { data: { getNote: null } });

    // Long-term keys: AWS refuses an empty security token, so the command sends none.
    const endpoints = new EndpointStore(dataDir, new FileVault(dataDir));
    const endpoint = await endpoints.create({
      name: 'Sandbox',
      url: sandbox.graphqlUrl,
      authModes: [{ type: 'AWS_IAM', profile: null, region: 'us-east-1', service: 'appsync' }],
    });
    const exported = (profile: string) =>
      exportAsCode(
        'curl',
        { endpointId: endpoint.id, query, variables, profile },
        { endpoints, credentials, activeProfile: async () => null },
      );
    const keysCommand = await exported('sandbox-keys');
    assert.doesNotMatch(keysCommand, /x-amz-security-token/);
    assert.match(await exported('sandbox-role'), /x-amz-security-token: \$AWS_SESSION_TOKEN/);
    const withKeys = await runReference('sh', ['-c', keysCommand], {
      AWS_ACCESS_KEY_ID: sandbox.demo.user.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.demo.user.secretAccessKey,
    });
    assert.deepEqual(JSON.parse(withKeys.stdout), { data: { getNote: null } });

    const apiKeyCommand = copyAsCode('curl', {
      url: sandbox.graphqlUrl,
      query: WHOAMI,
      auth: { type: 'API_KEY', source: { from: 'vault', secretRef: 'endpoint:x:API_KEY' } },
    });
    assert.match(apiKeyCommand, /\$APPSYNC_API_KEY/);
    const answer = await runReference('sh', ['-c', apiKeyCommand], {
      APPSYNC_API_KEY: sandbox.apiKey,
    });
    assert.equal(JSON.parse(answer.stdout).data.whoami.authMode, 'API_KEY');
  });
});
