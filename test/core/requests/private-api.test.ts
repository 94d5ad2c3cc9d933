/**
 * A private AppSync API reached through an address (a VPC endpoint): the sandbox acts as one
 * (it checks `x-appsync-domain` and verifies the signature against that host, as AppSync does)
 * and the request engine sends to the address, names the API's host and signs for it. The
 * generated curl command and botocore, run against the same peer, are in
 * test/cross-check/requests/private-api-curl-botocore.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { copyAsCode } from '../../../main/core/requests/copy-as-code.ts';
import { signRequest } from '../../../main/core/requests/sigv4-signer.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { startPrivateApi, WHOAMI, type Whoami } from './support/private-api-sandbox.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

let sandbox: Sandbox;
let service: RequestService;
let apiHost: string;
let address: string;

before(async () => {
  ({ sandbox, apiHost, address } = await startPrivateApi());
  const { user } = sandbox.demo;
  const dataDir = await makeTempDir('private-api');
  service = new RequestService({
    environment: { env: { SANDBOX_API_KEY: sandbox.apiKey }, homeDir: dataDir, dataDir },
    credentials: new StaticCredentialSource({
      keys: {
        credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
      },
    }),
    vault: new FileVault(dataDir),
  });
});

after(async () => {
  await service.transport.close();
  await sandbox.close();
});

const lastRecord = () => sandbox.appsync.recentRequests().at(-1);

describe('a private API through its address', () => {
  test('IAM: sent to the address, the API host in x-appsync-domain, signed for the API host', async () => {
    const result = await service.run({
      url: `http://${apiHost}/graphql`,
      connectTo: address,
      auth: { type: 'AWS_IAM', profile: 'keys' },
      query: WHOAMI,
    });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal((result.body as Whoami).data.whoami.arn, sandbox.demo.user.arn);
    const seen = lastRecord();
    assert.equal(seen?.host, address, 'the connection and Host are the address');
    assert.equal(seen?.appSyncDomain, apiHost);
    assert.equal(result.requestHeaders['x-appsync-domain'], apiHost);
    assert.ok(result.signature?.signedHeaders.includes('x-appsync-domain'));
    assert.equal(result.signature?.canonicalRequest.split('\n').includes(`host:${apiHost}`), true);
  });

  test('API key through the address too', async () => {
    const result = await service.run({
      url: `http://${apiHost}/graphql`,
      connectTo: address,
      auth: { type: 'API_KEY', source: { from: 'env', variable: 'SANDBOX_API_KEY' } },
      query: WHOAMI,
    });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal((result.body as Whoami).data.whoami.authMode, 'API_KEY');
  });

  test('without x-appsync-domain the private API is not reached', async () => {
    const result = await service.run({
      url: sandbox.graphqlUrl,
      auth: { type: 'AWS_IAM', profile: 'keys', region: sandbox.demo.region },
      query: WHOAMI,
    });
    assert.equal(result.status, 403);
    assert.match(result.bodyText, /private API.*x-appsync-domain: sandboxdemoapi/);
  });

  test('a request signed for the address instead of the API host is refused', async () => {
    const { user, region } = sandbox.demo;
    const body = Buffer.from(JSON.stringify({ query: WHOAMI }));
    const headers = await signRequest(
      {
        method: 'POST',
        url: new URL(sandbox.graphqlUrl),
        headers: { 'content-type': 'application/json', 'x-appsync-domain': apiHost },
        body,
      },
      { credentials: user, region, service: 'appsync', signingDate: new Date() },
    );
    const answer = await fetch(sandbox.graphqlUrl, { method: 'POST', headers, body });
    assert.equal(answer.status, 403);
    const text = await answer.text();
    assert.match(text, /InvalidSignatureException|signature we calculated does not match/);
    assert.match(text, new RegExp(`host:${apiHost}`), 'the peer verified against the API host');
  });

  test('an address that is not host[:port] is refused before anything is sent', async () => {
    await assert.rejects(
      service.run({
        url: `http://${apiHost}/graphql`,
        connectTo: 'https://vpce.example/graphql',
        auth: { type: 'AWS_IAM', profile: 'keys' },
        query: WHOAMI,
      }),
      /not an address to connect to: give host or host:port/,
    );
  });
});

describe('copy as code for a private API', () => {
  test('Python and TypeScript say where they can run', () => {
    const python = copyAsCode('python', {
      url: `https://${apiHost}/graphql`,
      connectTo: 'vpce-0abc-xyz.appsync-api.eu-west-1.vpce.amazonaws.com',
      query: WHOAMI,
      auth: { type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_API_KEY' } },
    });
    assert.match(python, /^# A private API: the app reaches it through vpce-0abc-xyz/);
  });
});
