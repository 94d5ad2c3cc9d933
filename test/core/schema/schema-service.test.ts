/**
 * Loading schemas: the data-plane introspection query against the sandbox (signed with IAM or
 * authorized by an API key, like any request), the per-endpoint cache, the message when an API
 * has introspection turned off (answered in AppSync's wire format by a small local server, since
 * neither the sandbox nor moto can turn it off), and how a failed GetIntrospectionSchema reads.
 * GetIntrospectionSchema against moto is in test/cross-check/schema/schema-moto.test.ts.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { buildClientSchema, type IntrospectionQuery } from 'graphql';
import type { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import type { RequestService } from '../../../main/core/requests/request-service.ts';
import type { SchemaService } from '../../../main/core/schema/schema-service.ts';
import { controlPlaneFailure } from '../../../main/core/schema/schema-sources.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { AppError } from '../../../shared/errors.ts';
import { schemaWorld } from './schema-world.ts';

let sandbox: Sandbox;
let environment: CoreEnvironment;
let endpoints: EndpointStore;
let requests: RequestService;
let schemas: SchemaService;
let sent: string[];
let recorded: string[];

before(async () => {
  sandbox = await startSandbox();
  ({ environment, endpoints, requests, schemas, sent, recorded } = await schemaWorld(
    { DEMO_KEY: sandbox.apiKey, WRONG_KEY: 'da2-notthekey0000000000000000' },
    { demo: { credentials: [sandbox.demo.user], region: 'us-east-1' } },
  ));
});

after(async () => {
  await requests?.transport.close();
  await sandbox?.close();
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
