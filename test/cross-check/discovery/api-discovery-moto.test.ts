/**
 * API discovery against moto's AppSync control plane (an independent implementation; APIs
 * created with boto3), pointed at it the standard way: AWS_ENDPOINT_URL_APPSYNC. Every API of
 * every region asked for, with its auth modes and URLs; an API made into an endpoint; a
 * private API marked as one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DiscoveryProgressDTO } from '../../../shared/discovery.ts';
import { endpointInputFor } from '../../../shared/discovery.ts';
import { startMoto, type MotoServer } from '../../support/moto-server.ts';
import { discovery } from '../../core/discovery/discovery-harness.ts';

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
