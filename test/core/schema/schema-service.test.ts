/**
 * Loading schemas: the data-plane introspection query against the sandbox (signed with IAM or
 * authorized by an API key, like any request), AppSync's GetIntrospectionSchema against moto,
 * the per-endpoint cache, and the message when an API has introspection turned off (answered
 * in AppSync's wire format by a small local server, since neither peer can turn it off).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { buildClientSchema, type IntrospectionQuery } from 'graphql';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import { RequestService, type RequestRunner } from '../../../main/core/requests/request-service.ts';
import { SchemaService } from '../../../main/core/schema/schema-service.ts';
import { controlPlaneFailure } from '../../../main/core/schema/schema-sources.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { AppError } from '../../../shared/errors.ts';
import { MOTO_KEYS, startMoto, type MotoServer } from '../../support/moto-server.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

let sandbox: Sandbox;
let moto: MotoServer;
let environment: CoreEnvironment;
let endpoints: EndpointStore;
let requests: RequestService;
let schemas: SchemaService;
const sent: string[] = [];
const recorded: string[] = [];

before(async () => {
  [sandbox, moto] = await Promise.all([startSandbox(), startMoto()]);
  const dataDir = await makeTempDir('schema');
  environment = {
    env: {
      DEMO_KEY: sandbox.apiKey,
      WRONG_KEY: 'da2-notthekey0000000000000000',
      AWS_ENDPOINT_URL_APPSYNC: moto.url,
      AWS_CONFIG_FILE: `${dataDir}/no-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${dataDir}/no-credentials`,
    },
    homeDir: dataDir,
    dataDir,
  };
  const vault = new FileVault(dataDir);
  endpoints = new EndpointStore(dataDir, vault);
  const credentials = new StaticCredentialSource({
    demo: { credentials: [sandbox.demo.user], region: 'us-east-1' },
    ops: { credentials: [MOTO_KEYS], region: 'eu-west-1' },
  });
  requests = new RequestService({ environment, credentials, vault, endpoints });
  // Count what reaches the network through the engine; history (`completed`) is told nothing.
  requests.on('completed', (run) => recorded.push(run.url));
  const counted: RequestRunner = {
    run: (request, options) => {
      sent.push(request.url ?? request.endpointId ?? '');
      return requests.run(request, options);
    },
  };
  schemas = new SchemaService({ environment, credentials, requests: counted, endpoints });
});

after(async () => {
  await requests?.transport.close();
  await Promise.all([sandbox?.close(), moto?.close()]);
});

const typeNames = (dto: { introspection: unknown }) =>
  buildClientSchema(dto.introspection as IntrospectionQuery)
    .getQueryType()
    ?.getFields() ?? {};

describe('schema by the introspection query', () => {
  test('an API-key endpoint: loaded, cached per endpoint, refreshed on demand', async () => {
    const endpoint = await endpoints.create({
      name: 'sandbox (key)',
      url: sandbox.graphqlUrl,
      authModes: [{ type: 'API_KEY', source: { from: 'env', variable: 'DEMO_KEY' } }],
    });
    const before = sent.length;
    const first = await schemas.load(endpoint.id);
    assert.equal(first.source, 'introspection');
    assert.equal(first.fromCache, false);
    assert.equal(first.sdl, null);
    assert.ok('whoami' in typeNames(first), 'the editor can build the schema and finds whoami');
    assert.ok(first.typeCount > 3);
    assert.equal(sent.length, before + 1);

    const file = JSON.parse(
      await readFile(`${environment.dataDir}/schemas/${endpoint.id}.json`, 'utf8'),
    );
    assert.equal(file.format, 'introspection');
    assert.equal(file.url, sandbox.graphqlUrl);

    const second = await schemas.load(endpoint.id);
    assert.equal(second.fromCache, true);
    assert.equal(second.fetchedAt, first.fetchedAt);
    assert.equal(sent.length, before + 1, 'no request for a cached schema');

    const refreshed = await schemas.load(endpoint.id, { refresh: true });
    assert.equal(refreshed.fromCache, false);
    assert.equal(sent.length, before + 2);
    assert.deepEqual(recorded, [], "the app's own introspection queries stay out of history");
  });

  test('an IAM endpoint: the introspection query is SigV4-signed like any request', async () => {
    const endpoint = await endpoints.create({
      name: 'sandbox (iam)',
      url: sandbox.graphqlUrl,
      authModes: [{ type: 'AWS_IAM', profile: 'demo', region: 'us-east-1' }],
    });
    const schema = await schemas.load(endpoint.id);
    assert.ok('whoami' in typeNames(schema));
  });

  test('a refused key is an auth error and nothing is cached', async () => {
    const endpoint = await endpoints.create({
      name: 'sandbox (wrong key)',
      url: sandbox.graphqlUrl,
      authModes: [{ type: 'API_KEY', source: { from: 'env', variable: 'WRONG_KEY' } }],
    });
    await assert.rejects(
      schemas.load(endpoint.id),
      (error: AppError) => error.code === 'UNAUTHORIZED',
    );
    assert.equal(await schemas.cached(endpoint.id), null);
  });

  test('introspection turned off: says so and what to do', async () => {
    // AppSync with introspection disabled answers a validation error naming __schema.
    const server: Server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: null,
          errors: [
            {
              path: null,
              locations: [{ line: 1, column: 28, sourceName: null }],
              message:
                "Validation error of type FieldUndefined: Field '__schema' in type 'Query' is undefined @ '__schema'",
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      await assert.rejects(
        schemas.fetch({
          url,
          auth: { type: 'API_KEY', source: { from: 'env', variable: 'DEMO_KEY' } },
        }),
        (error: AppError) =>
          error.code === 'INTROSPECTION_DISABLED' &&
          (error.details as { source?: string }).source === 'introspection' &&
          /^Introspection is disabled on 127\.0\.0\.1:\d+/.test(error.message) &&
          /GetIntrospectionSchema/.test(error.message),
      );
    } finally {
      server.close();
    }
  });
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

describe('why GetIntrospectionSchema failed', () => {
  const target = { apiId: 'abc123', region: 'eu-west-1', profile: 'ops' };
  const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name });

  test('a missing permission is FORBIDDEN, though the action is named "…Introspection…"', () => {
    const refused = controlPlaneFailure(
      sdkError(
        'AccessDeniedException',
        'User: arn:aws:iam::111122223333:user/ops is not authorized to perform: appsync:GetIntrospectionSchema on resource: arn:aws:appsync:eu-west-1:111122223333:apis/abc123',
      ),
      target,
    );
    assert.equal(refused.code, 'FORBIDDEN');
    assert.match(refused.message, /needs appsync:GetIntrospectionSchema permission in eu-west-1/);
  });

  test('only a message that says introspection is disabled reads as such', () => {
    const refused = controlPlaneFailure(
      sdkError('BadRequestException', 'Introspection is disabled for this API.'),
      target,
    );
    assert.equal(refused.code, 'INTROSPECTION_DISABLED');
    assert.deepEqual(refused.details, { source: 'control-plane' });
    assert.equal(
      controlPlaneFailure(sdkError('NotFoundException', 'no'), target).code,
      'NOT_FOUND',
    );
  });
});
