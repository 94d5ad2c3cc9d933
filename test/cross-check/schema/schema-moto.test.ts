/**
 * Schemas from AppSync's control plane: GetIntrospectionSchema against moto (an independent
 * implementation; the API and its schema created with boto3). The SDL, with the @aws_*
 * directives, is built into an introspection result and cached; an unknown API id and a custom
 * domain without one say what is wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildClientSchema, type IntrospectionQuery } from 'graphql';
import type { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import type { RequestService } from '../../../main/core/requests/request-service.ts';
import type { SchemaService } from '../../../main/core/schema/schema-service.ts';
import { AppError } from '../../../shared/errors.ts';
import { MOTO_KEYS, startMoto, type MotoServer } from '../../support/moto-server.ts';
import { schemaWorld } from '../../core/schema/schema-world.ts';

let moto: MotoServer;
let endpoints: EndpointStore;
let requests: RequestService;
let schemas: SchemaService;

before(async () => {
  moto = await startMoto();
  ({ endpoints, requests, schemas } = await schemaWorld(
    { AWS_ENDPOINT_URL_APPSYNC: moto.url },
    { ops: { credentials: [MOTO_KEYS], region: 'eu-west-1' } },
  ));
});

after(async () => {
  await requests?.transport.close();
  await moto?.close();
});

describe('schema from AppSync (GetIntrospectionSchema) against moto', () => {
  let apiId: string;

  before(async () => {
    apiId = (
      await moto.python(`
c = boto('appsync', 'eu-west-1')
api = c.create_graphql_api(name='orders', authenticationType='AWS_IAM')['graphqlApi']
c.start_schema_creation(apiId=api['apiId'], definition=b'''
type Order @aws_iam @aws_api_key { id: ID! placedAt: AWSDateTime total: Float }
type Query { order(id: ID!): Order @aws_iam }
''')
print(api['apiId'])
`)
    ).trim();
  });

  test('the SDL with the @aws_* directives, built into an introspection result and cached', async () => {
    const endpoint = await endpoints.create({
      name: 'orders',
      url: `https://${apiId}.appsync-api.eu-west-1.amazonaws.com/graphql`,
      authModes: [{ type: 'AWS_IAM', profile: 'ops' }],
    });
    const schema = await schemas.load(endpoint.id, { source: 'control-plane' });
    assert.equal(schema.source, 'control-plane');
    assert.match(schema.sdl ?? '', /directive @aws_iam/);
    assert.match(schema.sdl ?? '', /type Order/);
    const built = buildClientSchema(schema.introspection as unknown as IntrospectionQuery);
    assert.ok(built.getType('Order'));
    assert.equal(built.getType('AWSDateTime')?.name, 'AWSDateTime');

    const again = await schemas.load(endpoint.id);
    assert.equal(again.fromCache, true);
    assert.equal(again.source, 'control-plane');
    assert.equal(again.sdl, schema.sdl);
  });

  test('an unknown API id names the id, region and profile', async () => {
    const endpoint = await endpoints.create({
      name: 'gone',
      url: 'https://doesnotexist.appsync-api.eu-west-1.amazonaws.com/graphql',
      authModes: [{ type: 'AWS_IAM', profile: 'ops' }],
    });
    await assert.rejects(
      schemas.load(endpoint.id, { source: 'control-plane' }),
      (error: AppError) =>
        error.code !== 'INTERNAL' &&
        /doesnotexist/.test(error.message) &&
        /eu-west-1/.test(error.message),
    );
  });

  test('a custom domain needs the API id', async () => {
    await assert.rejects(
      schemas.fetch(
        { url: 'https://api.example.com/graphql', profile: 'ops' },
        { source: 'control-plane' },
      ),
      (error: AppError) => error.code === 'INVALID_INPUT' && /API id/.test(error.message),
    );
  });
});
