/**
 * API discovery against moto's AppSync control plane (an independent implementation; APIs
 * created with boto3) and, for pagination — which moto does not implement — a local control
 * plane speaking the real wire format. Pointed at them the standard way: AWS_ENDPOINT_URL_APPSYNC.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiDiscovery } from '../../../main/core/discovery/api-discovery.ts';
import { appsyncEndpoint } from '../../../main/core/discovery/appsync-control-plane.ts';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import type { DiscoveryProgressDTO } from '../../../shared/discovery.ts';
import { endpointInputFor } from '../../../shared/discovery.ts';
import { AppError } from '../../../shared/errors.ts';
import { MOTO_KEYS, startMoto, type MotoServer } from '../../support/moto-server.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';
import { startPagingControlPlane } from './paging-control-plane.ts';

const credentials = new StaticCredentialSource({ ops: { credentials: [MOTO_KEYS] } });

function discovery(env: Record<string, string>, homeDir = '/nonexistent'): ApiDiscovery {
  const environment: CoreEnvironment = {
    env: {
      AWS_CONFIG_FILE: join(homeDir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(homeDir, 'credentials'),
      ...env,
    },
    homeDir,
    dataDir: homeDir,
  };
  return new ApiDiscovery({ environment, credentials });
}

describe('API discovery against moto', () => {
  let moto: MotoServer;

  before(async () => {
    moto = await startMoto();
    await moto.python(`
eu = boto('appsync', 'eu-west-1')
eu.create_graphql_api(name='orders', authenticationType='AWS_IAM',
  additionalAuthenticationProviders=[{'authenticationType': 'API_KEY'},
    {'authenticationType': 'OPENID_CONNECT', 'openIDConnectConfig': {'issuer': 'https://id.example'}}])
eu.create_graphql_api(name='inventory', authenticationType='API_KEY')
eu.create_graphql_api(name='users', authenticationType='AMAZON_COGNITO_USER_POOLS',
  userPoolConfig={'userPoolId': 'eu-west-1_abc', 'awsRegion': 'eu-west-1', 'defaultAction': 'ALLOW'})
us = boto('appsync', 'us-east-1')
us.create_graphql_api(name='billing', authenticationType='AWS_LAMBDA',
  lambdaAuthorizerConfig={'authorizerUri': 'arn:aws:lambda:us-east-1:123456789012:function:auth'})
us.create_graphql_api(name='search', authenticationType='OPENID_CONNECT',
  openIDConnectConfig={'issuer': 'https://id.example'})
boto('appsync', 'ca-central-1').create_graphql_api(name='internal', authenticationType='AWS_IAM',
  visibility='PRIVATE')
`);
  });
  after(() => moto?.close());

  test('lists every API of every region asked for, with auth modes and URLs', async () => {
    const progress: DiscoveryProgressDTO[] = [];
    const result = await discovery({ AWS_ENDPOINT_URL_APPSYNC: moto.url }).listGraphqlApis(
      'ops',
      ['eu-west-1', 'us-east-1', 'ap-southeast-2'],
      { pageSize: 2, onProgress: (p) => progress.push(p) },
    );
    assert.deepEqual(result.failures, []);
    const byName = new Map(result.apis.map((api) => [api.name, api]));
    assert.deepEqual(result.apis.map((api) => `${api.region}/${api.name}`).sort(), [
      'eu-west-1/inventory',
      'eu-west-1/orders',
      'eu-west-1/users',
      'us-east-1/billing',
      'us-east-1/search',
    ]);
    assert.deepEqual(byName.get('orders')?.authModes, ['AWS_IAM', 'API_KEY', 'OPENID_CONNECT']);
    assert.deepEqual(byName.get('users')?.authModes, ['AMAZON_COGNITO_USER_POOLS']);
    assert.deepEqual(byName.get('billing')?.authModes, ['AWS_LAMBDA']);
    const orders = byName.get('orders');
    assert.ok(orders?.graphqlUrl, 'moto lists a GraphQL URL');
    assert.match(orders.apiId, /^[0-9a-f-]{36}$/);
    assert.match(orders.arn ?? '', /^arn:aws:appsync:eu-west-1:\d{12}:apis\//);
    // moto lists no REALTIME URI: it is derived from the GraphQL URL.
    assert.match(orders.realtimeUrl ?? '', /^ws:\/\/.+\/realtime$/);
    const last = progress.at(-1);
    assert.equal(last?.regionsDone, 3);
    assert.equal(last?.regionsTotal, 3);
  });

  test('an API becomes an endpoint with its modes preselected', async () => {
    const result = await discovery({ AWS_ENDPOINT_URL_APPSYNC: moto.url }).listGraphqlApis('ops', [
      'eu-west-1',
    ]);
    const orders = result.apis.find((api) => api.name === 'orders');
    assert.ok(orders);
    const input = endpointInputFor(orders, 'ops');
    assert.deepEqual(input.authModes[0], {
      type: 'AWS_IAM',
      profile: 'ops',
      region: 'eu-west-1',
      service: 'appsync',
    });
    assert.equal(input.authModes[1]?.type, 'API_KEY');
    assert.equal(orders.visibility, 'GLOBAL');
    assert.equal(input.privateApi, undefined);
    assert.equal(input.apiId, orders.apiId, 'the API id names its log group');
  });

  test('a private API is marked, and the endpoint made from it says so', async () => {
    const result = await discovery({ AWS_ENDPOINT_URL_APPSYNC: moto.url }).listGraphqlApis('ops', [
      'ca-central-1',
    ]);
    const internal = result.apis.find((api) => api.name === 'internal');
    assert.equal(internal?.visibility, 'PRIVATE');
    assert.equal(endpointInputFor(internal!, 'ops').privateApi, true);
  });
});

describe('API discovery: pagination and partial failures', () => {
  const apis = (region: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `${region}-api-${i}`,
      apiId: `${region.replace(/-/g, '')}${i}`,
      authenticationType: 'AWS_IAM',
    }));

  test('follows nextToken through every page', async () => {
    const plane = await startPagingControlPlane({ apis: { 'eu-west-1': apis('eu-west-1', 5) } });
    try {
      const result = await discovery({ AWS_ENDPOINT_URL_APPSYNC: plane.url }).listGraphqlApis(
        'ops',
        ['eu-west-1'],
        { pageSize: 2 },
      );
      assert.equal(result.apis.length, 5);
      assert.deepEqual(
        plane.calls.map((c) => c.maxResults),
        ['2', '2', '2'],
      );
      assert.equal(plane.calls[0]?.nextToken, null);
      assert.ok(plane.calls[2]?.nextToken);
      assert.equal(
        result.apis[0]?.realtimeUrl,
        'wss://euwest10.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      );
    } finally {
      await plane.close();
    }
  });

  test('a denied region is reported beside the others; all denied is an error', async () => {
    const plane = await startPagingControlPlane({
      apis: { 'us-east-1': apis('us-east-1', 3) },
      deniedRegions: ['ap-east-1', 'me-south-1'],
    });
    try {
      const d = discovery({ AWS_ENDPOINT_URL_APPSYNC: plane.url });
      const result = await d.listGraphqlApis('ops', ['us-east-1', 'ap-east-1']);
      assert.equal(result.apis.length, 3);
      assert.equal(result.failures.length, 1);
      assert.equal(result.failures[0]?.region, 'ap-east-1');
      assert.equal(result.failures[0]?.code, 'FORBIDDEN');
      assert.match(result.failures[0]?.message ?? '', /appsync:ListGraphqlApis/);
      await assert.rejects(
        d.listGraphqlApis('ops', ['ap-east-1', 'me-south-1']),
        (error: AppError) => error.code === 'FORBIDDEN',
      );
    } finally {
      await plane.close();
    }
  });

  test('an unreachable control plane is a network error naming where to look', async () => {
    await assert.rejects(
      discovery({ AWS_ENDPOINT_URL_APPSYNC: 'http://127.0.0.1:1' }).listGraphqlApis('ops', [
        'eu-west-1',
      ]),
      (error: AppError) =>
        error.code === 'NETWORK' && /AWS_ENDPOINT_URL_APPSYNC/.test(error.message),
    );
  });

  test('the endpoint comes from the environment, else the profile, as the AWS CLI decides', async () => {
    const home = await makeTempDir('discovery-endpoint');
    await writeFile(
      join(home, 'config'),
      '[profile local]\nendpoint_url = http://127.0.0.1:4566\n[profile svc]\nservices = loc\n[services loc]\nappsync =\n  endpoint_url = http://127.0.0.1:5000\n[profile aws]\nregion = eu-west-1\n',
    );
    const env = (extra: Record<string, string>): CoreEnvironment => ({
      env: { AWS_CONFIG_FILE: join(home, 'config'), ...extra },
      homeDir: home,
      dataDir: home,
    });
    assert.equal(await appsyncEndpoint(env({}), 'local'), 'http://127.0.0.1:4566');
    assert.equal(await appsyncEndpoint(env({}), 'svc'), 'http://127.0.0.1:5000');
    assert.equal(await appsyncEndpoint(env({}), 'aws'), undefined);
    assert.equal(
      await appsyncEndpoint(env({ AWS_ENDPOINT_URL_APPSYNC: 'http://x:1' }), 'local'),
      'http://x:1',
    );
    assert.equal(
      await appsyncEndpoint(env({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), 'local'),
      undefined,
    );
  });
});
