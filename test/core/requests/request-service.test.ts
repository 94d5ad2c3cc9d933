import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import {
  RequestService,
  type CompletedRun,
  type RequestServiceDeps,
} from '../../../main/core/requests/request-service.ts';
import {
  HttpTransport,
  type HttpExchange,
  type HttpSendOptions,
} from '../../../main/core/requests/http-transport.ts';
import type { EndpointInput } from '../../../shared/endpoints.ts';
import type { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { startStubServer, type StubServer } from './support/appsync-stub-server.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const KEYS = {
  accessKeyId: 'AKIDSTATIC0000000001',
  secretAccessKey: 'static-secret-key-value-0000000000000001',
};
const TEMP = {
  accessKeyId: 'ASIATEMP000000000001',
  secretAccessKey: 'temp-secret-key-value-00000000000000001',
  sessionToken: 'session-token-value-0001-abcdefghijklmnopqrstuvwxyz',
};
const EXPIRED = {
  accessKeyId: 'ASIAEXPIRED000000001',
  secretAccessKey: 'expired-secret-key-value-000000000000001',
  sessionToken: 'expired-session-token-value-0001-abcdefghijklmn',
};
const API_KEY = 'da2-validapikeyvalue0000000001';
const OLD_API_KEY = 'da2-expiredapikeyvalue00000001';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
const ALL_SECRETS = [
  KEYS.secretAccessKey,
  TEMP.secretAccessKey,
  TEMP.sessionToken,
  EXPIRED.secretAccessKey,
  EXPIRED.sessionToken,
  API_KEY,
  OLD_API_KEY,
  JWT,
];

let stub: StubServer;
const services: RequestService[] = [];

before(async () => {
  stub = await startStubServer({
    identities: {
      [KEYS.accessKeyId]: { secretAccessKey: KEYS.secretAccessKey },
      [TEMP.accessKeyId]: {
        secretAccessKey: TEMP.secretAccessKey,
        sessionToken: TEMP.sessionToken,
      },
      [EXPIRED.accessKeyId]: {
        secretAccessKey: EXPIRED.secretAccessKey,
        sessionToken: EXPIRED.sessionToken,
        expired: true,
      },
    },
    apiKeys: { [API_KEY]: {}, [OLD_API_KEY]: { expired: true } },
    tokens: [JWT],
  });
});

after(async () => {
  for (const service of services) await service.transport.close();
  await stub.close();
});

async function makeService(overrides: Partial<RequestServiceDeps> = {}) {
  const dataDir = await makeTempDir('requests');
  const service = new RequestService({
    environment: {
      env: { APPSYNC_API_KEY: API_KEY, OLD_KEY: OLD_API_KEY, ID_TOKEN: JWT },
      homeDir: dataDir,
      dataDir,
    },
    credentials: new StaticCredentialSource({
      keys: { credentials: [KEYS], region: 'eu-west-1' },
      temp: { credentials: [TEMP] },
      rotating: { credentials: [EXPIRED, TEMP] },
      stale: { credentials: [EXPIRED, EXPIRED] },
      wrong: {
        credentials: [{ ...KEYS, secretAccessKey: 'not-the-right-secret-0000000000000000001' }],
      },
    }),
    vault: new FileVault(dataDir),
    ...overrides,
  });
  services.push(service);
  const runs: CompletedRun[] = [];
  service.on('completed', (run) => runs.push(run));
  return { service, runs };
}

/** A store in a fresh data dir holding one endpoint named "stub" for the stub's URL. */
async function stubEndpoint(definition: Omit<EndpointInput, 'name' | 'url'>) {
  const dataDir = await makeTempDir('requests-endpoint');
  const vault = new FileVault(dataDir);
  const { EndpointStore } = await import('../../../main/core/endpoints/endpoint-store.ts');
  const endpoints = new EndpointStore(dataDir, vault);
  const endpoint = await endpoints.create({ name: 'stub', url: stub.graphqlUrl, ...definition });
  return { vault, endpoints, endpoint };
}

const iam = (profile: string, region = 'us-east-1') => ({
  url: stub.graphqlUrl,
  auth: { type: 'AWS_IAM' as const, profile, region },
});

function assertNoSecret(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of ALL_SECRETS)
    assert.ok(!text.includes(secret), `a secret leaked: ${secret.slice(0, 6)}…`);
}

describe('request service: IAM', () => {
  test('a query signed with static keys is accepted and explained', async () => {
    const { service, runs } = await makeService();
    const result = await service.run({
      ...iam('keys'),
      query: 'query Q { echo }',
      variables: { a: 1 },
      operationName: 'Q',
    });
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, {
      data: { echo: { query: 'query Q { echo }', variables: { a: 1 } } },
    });
    assert.equal(result.errors.length, 0);
    assert.equal(result.diagnosis, null);
    assert.equal(
      result.signature?.credentialScope.endsWith('/us-east-1/appsync/aws4_request'),
      true,
    );
    assert.deepEqual(result.signature?.signedHeaders, [
      'accept',
      'content-type',
      'host',
      'x-amz-date',
    ]);
    assert.equal(result.requestHeaders.authorization, '<redacted>');
    assert.ok(result.timing.totalMs >= result.timing.timeToFirstByteMs);
    assert.ok(result.sizeBytes > 0);
    assert.equal(runs.length, 1);
    assertNoSecret(result);
    assertNoSecret(runs);
  });

  test('a listener of completed runs that throws is logged, and the run is still answered', async (t) => {
    const logged = t.mock.method(console, 'error', () => undefined);
    const { service, runs } = await makeService();
    service.on('completed', () => {
      throw new Error('history is locked');
    });
    const result = await service.run({ ...iam('keys'), query: '{ echo }' });
    assert.equal(result.status, 200);
    assert.equal(runs.length, 1);
    assert.equal(logged.mock.callCount(), 1);
  });

  test('temporary credentials send and sign x-amz-security-token, never shown', async () => {
    const { service, runs } = await makeService();
    const result = await service.run({ ...iam('temp'), query: '{ echo }' });
    assert.equal(result.status, 200);
    assert.ok(result.signature?.signedHeaders.includes('x-amz-security-token'));
    assert.equal(result.signature?.usesSessionToken, true);
    assert.equal(stub.requests.at(-1)?.headers['x-amz-security-token'], TEMP.sessionToken);
    assert.equal(result.requestHeaders['x-amz-security-token'], '<redacted>');
    assertNoSecret(result);
    assertNoSecret(runs);
  });

  test('the region falls back to the profile when the URL names none', async () => {
    const { service } = await makeService();
    const result = await service.run({
      url: stub.graphqlUrl,
      auth: { type: 'AWS_IAM', profile: 'keys' },
      query: '{ echo }',
    });
    assert.equal(result.signature?.region, 'eu-west-1');
  });

  test('a wrong secret is diagnosed as a signature mismatch with both canonical requests', async () => {
    const { service } = await makeService();
    const result = await service.run({ ...iam('wrong'), query: '{ echo }' });
    assert.equal(result.status, 403);
    assert.equal(result.errors[0]?.errorType, 'InvalidSignatureException');
    assert.equal(result.diagnosis?.code, 'SIGNATURE_MISMATCH');
    assert.equal(
      result.diagnosis?.signedCanonicalRequest,
      result.diagnosis?.serverCanonicalRequest,
    );
    assert.equal(
      result.diagnosis?.firstDifferentLine,
      undefined,
      'same request: the secret is wrong',
    );
  });

  test('a body changed after signing is caught, and the diagnosis points at the payload hash', async () => {
    class TamperingTransport extends HttpTransport {
      override send(exchange: HttpExchange, options?: HttpSendOptions) {
        return super.send(
          { ...exchange, body: Buffer.from(JSON.stringify({ query: '{ tampered }' })) },
          options,
        );
      }
    }
    const { service } = await makeService({ transport: new TamperingTransport({}) });
    const result = await service.run({ ...iam('temp'), query: '{ echo }' });
    assert.equal(result.diagnosis?.code, 'SIGNATURE_MISMATCH');
    const lines = result.diagnosis?.signedCanonicalRequest?.split('\n') ?? [];
    assert.equal(
      result.diagnosis?.firstDifferentLine,
      lines.length,
      'the last line: the payload hash',
    );
    assertNoSecret(result);
  });

  test('an expired session token is refreshed once and the request succeeds', async () => {
    const credentials = new StaticCredentialSource({ rotating: { credentials: [EXPIRED, TEMP] } });
    const { service, runs } = await makeService({ credentials });
    const result = await service.run({ ...iam('rotating'), query: '{ echo }' });
    assert.equal(result.status, 200);
    assert.equal(result.retried, true);
    assert.deepEqual(credentials.calls, [
      { profile: 'rotating', forceRefresh: false },
      { profile: 'rotating', forceRefresh: true },
    ]);
    assertNoSecret(runs);
  });

  test('still expired after the refresh: retried only once, then explained', async () => {
    const credentials = new StaticCredentialSource({ stale: { credentials: [EXPIRED, EXPIRED] } });
    const { service } = await makeService({ credentials });
    const before = stub.requests.length;
    const result = await service.run({ ...iam('stale'), query: '{ echo }' });
    assert.equal(result.status, 403);
    assert.equal(result.diagnosis?.code, 'EXPIRED_TOKEN');
    assert.equal(stub.requests.length - before, 2);
    assert.equal(credentials.calls.length, 2);
  });

  test('a clock 10 minutes behind is diagnosed as clock skew, measured from the Date header', async () => {
    const behind = { now: () => Date.now() - 10 * 60_000 };
    const { service } = await makeService({ clock: behind });
    const result = await service.run({ ...iam('keys'), query: '{ echo }' });
    assert.equal(result.status, 403);
    assert.equal(result.diagnosis?.code, 'CLOCK_SKEW');
    const skew = result.diagnosis?.skewMs ?? 0;
    assert.ok(Math.abs(skew - 600_000) < 5_000, `skew ${skew}`);
    assert.match(result.diagnosis?.message ?? '', /10 min.*behind/);
  });

  test('credentials that cannot be resolved: the request is not sent at all', async () => {
    const { service, runs } = await makeService();
    const before = stub.requests.length;
    await assert.rejects(service.run({ ...iam('nope'), query: '{ echo }' }), {
      code: 'PROFILE_NOT_FOUND',
    });
    await assert.rejects(
      service.run({
        url: stub.graphqlUrl,
        auth: { type: 'AWS_IAM', profile: null, region: 'us-east-1' },
        query: '{ echo }',
      }),
      { code: 'CREDENTIALS_UNRESOLVED' },
    );
    assert.equal(stub.requests.length, before, 'nothing unsigned went out');
    assert.equal(runs[0]?.error?.code, 'PROFILE_NOT_FOUND');
  });

  test('GraphQL errors come with their errorType', async () => {
    const { service } = await makeService();
    const result = await service.run({ ...iam('keys'), query: '{ boom }' });
    assert.equal(result.status, 200);
    assert.deepEqual(result.errors, [
      {
        message: 'boom',
        errorType: 'DynamoDB:ConditionalCheckFailedException',
        path: ['boom'],
        locations: null,
      },
    ]);
  });
});

describe('request service: API key and tokens', () => {
  test('an API key from the environment is sent as x-api-key and never recorded', async () => {
    const { service, runs } = await makeService();
    const result = await service.run({
      url: stub.graphqlUrl,
      auth: { type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_API_KEY' } },
      query: '{ echo }',
    });
    assert.equal(result.status, 200);
    assert.equal(stub.requests.at(-1)?.headers['x-api-key'], API_KEY);
    assert.equal(result.signature, null);
    assertNoSecret(result);
    assertNoSecret(runs);
  });

  test('an expired API key is refused and explained as UNAUTHORIZED', async () => {
    const { service } = await makeService();
    const result = await service.run({
      url: stub.graphqlUrl,
      auth: { type: 'API_KEY', source: { from: 'env', variable: 'OLD_KEY' } },
      query: '{ echo }',
    });
    assert.equal(result.status, 401);
    assert.equal(result.diagnosis?.code, 'UNAUTHORIZED');
    assert.match(result.diagnosis?.message ?? '', /wrong auth mode or missing permission/);
  });

  test('a missing secret stops the request before it is sent', async () => {
    const { service } = await makeService();
    const before = stub.requests.length;
    await assert.rejects(
      service.run({
        url: stub.graphqlUrl,
        auth: { type: 'API_KEY', source: { from: 'env', variable: 'UNSET_VAR' } },
        query: '{ echo }',
      }),
      (error: AppError) => error.code === 'SECRET_MISSING' && /UNSET_VAR/.test(error.message),
    );
    assert.equal(stub.requests.length, before);
  });

  test('a JWT goes raw in Authorization (no Bearer); a bad one is refused', async () => {
    const { service, runs } = await makeService();
    for (const type of ['OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA'] as const) {
      const ok = await service.run({
        url: stub.graphqlUrl,
        auth: { type, source: { from: 'env', variable: 'ID_TOKEN' } },
        query: '{ echo }',
      });
      assert.equal(ok.status, 200, type);
      assert.equal(stub.requests.at(-1)?.headers.authorization, JWT);
    }
    const bad = await service.run({
      url: stub.graphqlUrl,
      auth: { type: 'OPENID_CONNECT', source: { from: 'env', variable: 'APPSYNC_API_KEY' } },
      query: '{ echo }',
    });
    assert.equal(bad.diagnosis?.code, 'UNAUTHORIZED');
    assertNoSecret(runs);
  });

  test('an endpoint from the store uses its primary mode, its vault secret and its headers', async () => {
    const { vault, endpoints, endpoint } = await stubEndpoint({
      authModes: [
        { type: 'API_KEY', source: { from: 'vault', secretRef: 'x' } },
        { type: 'AWS_IAM', profile: 'keys', region: 'us-east-1' },
      ],
      headers: { 'X-Team': 'ops' },
    });
    await endpoints.setSecret(endpoint.id, 'API_KEY', API_KEY);
    const { service } = await makeService({ vault, endpoints });
    const primary = await service.run({ endpointId: endpoint.id, query: '{ echo }' });
    assert.equal(primary.authMode, 'API_KEY');
    assert.equal(stub.requests.at(-1)?.headers['x-team'], 'ops');
    const additional = await service.run({
      endpointId: endpoint.id,
      authMode: 'AWS_IAM',
      query: '{ echo }',
    });
    assert.equal(additional.status, 200);
    assert.ok(additional.signature?.signedHeaders.includes('x-team'));
    await assert.rejects(
      service.run({ endpointId: endpoint.id, authMode: 'AWS_LAMBDA', query: '{ echo }' }),
      {
        code: 'INVALID_INPUT',
      },
    );
  });

  test('a pasted curl command names the saved endpoint of its URL, and none without a store', async () => {
    const { vault, endpoints, endpoint } = await stubEndpoint({
      authModes: [{ type: 'AWS_IAM', profile: 'keys', region: 'us-east-1' }],
    });
    const curl = `curl ${stub.graphqlUrl} --json '{"query":"{ echo }"}'`;
    const { service } = await makeService({ vault, endpoints });
    const pasted = await service.fromCurl(curl);
    assert.deepEqual(pasted.endpoint, { id: endpoint.id, name: 'stub' });
    assert.equal(pasted.query, '{ echo }');
    const alone = await makeService();
    assert.equal((await alone.service.fromCurl(curl)).endpoint, null);
  });
});

describe('request service: the network', () => {
  test('cancellation by the user', async () => {
    const { service, runs } = await makeService();
    const controller = new AbortController();
    const pending = service.run(
      { ...iam('keys'), query: '{ slow }' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, { code: 'CANCELLED' });
    assert.equal(runs.at(-1)?.error?.code, 'CANCELLED');
  });

  test('a timeout', async () => {
    const { service } = await makeService();
    await assert.rejects(
      service.run({ ...iam('keys'), query: '{ slow }' }, { timeoutMs: 100 }),
      (error: AppError) => {
        return error.code === 'TIMEOUT' && /within 100 ms/.test(error.message);
      },
    );
  });

  test('nothing listening: a NETWORK error naming the host', async () => {
    const { service } = await makeService();
    await assert.rejects(
      service.run({
        url: 'http://127.0.0.1:1/graphql',
        auth: { type: 'AWS_IAM', profile: 'keys', region: 'us-east-1' },
        query: '{ echo }',
      }),
      (error: AppError) => error.code === 'NETWORK' && /127\.0\.0\.1:1/.test(error.message),
    );
  });
});
