/**
 * The GraphQL side of the sandbox as a client meets it: introspection for schema loading,
 * AppSync's answers for malformed requests and validation errors, GET requests, mutations with
 * resolver errors, pagination, and a slow query the client walks away from.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { graphqlBody, send } from './appsync-test-client.ts';

describe('AppSync sandbox: GraphQL over HTTP', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    send(sandbox.graphqlUrl, {
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json', ...headers },
      body,
    });

  test('the introspection query answers a schema a client can build and print', async () => {
    const reply = await post(graphqlBody(getIntrospectionQuery()));
    assert.equal(reply.status, 200);
    const schema = buildClientSchema(reply.json.data);
    const sdl = printSchema(schema);
    assert.match(sdl, /type Query \{/);
    assert.match(sdl, /createNote\(input: CreateNoteInput!\): Note!/);
    assert.match(sdl, /scalar AWSDateTime/);
    assert.ok(schema.getSubscriptionType()?.getFields().onCreateNote);
  });

  test('empty and unparsable bodies are 400 MalformedHttpRequestException, as AppSync answers', async () => {
    for (const [body, message] of [
      ['', 'Request body is empty.'],
      ['meow', 'Unable to parse GraphQL query.'],
      ['{}', 'Unable to parse GraphQL query.'],
      ['[]', 'Unable to parse GraphQL query.'],
      ['{"query":"{ whoami { authMode } }","variables":[1]}', 'Unable to parse GraphQL query.'],
    ] as const) {
      const reply = await post(body);
      assert.equal(reply.status, 400, `body ${JSON.stringify(body)}`);
      assert.deepEqual(reply.json, {
        errors: [{ errorType: 'MalformedHttpRequestException', message }],
      });
    }
  });

  test('a malformed body is still refused as unauthorized first when the caller has no credential', async () => {
    const reply = await send(sandbox.graphqlUrl, { body: 'meow' });
    assert.equal(reply.status, 401);
  });

  test('validation errors answer 200 with data null and AppSync-shaped locations', async () => {
    const reply = await post(graphqlBody('{\n  badfield\n}'));
    assert.equal(reply.status, 200);
    assert.equal(reply.json.data, null);
    assert.equal(reply.json.errors.length, 1);
    assert.deepEqual(reply.json.errors[0].path, null);
    assert.deepEqual(reply.json.errors[0].locations, [{ line: 2, column: 3, sourceName: null }]);
    assert.match(reply.json.errors[0].message, /badfield/);
  });

  test('an empty selection set is a syntax error, answered like every other syntax error', async () => {
    const answer = async (query: string) => {
      const reply = await post(graphqlBody(query));
      return { status: reply.status, json: reply.json };
    };
    const unclosed = await answer('query {\n  whoami {\n');
    assert.equal(unclosed.status, 200);
    assert.equal(unclosed.json.data, null);
    assert.match(unclosed.json.errors[0].message, /^Syntax Error: /);
    for (const [query, line, column] of [
      ['query { }', 1, 9],
      ['{}', 1, 2],
      ['query {\n  whoami { }\n}', 2, 12],
    ] as const) {
      assert.deepEqual(
        await answer(query),
        {
          status: unclosed.status,
          json: {
            data: null,
            errors: [
              {
                path: null,
                locations: [{ line, column, sourceName: null }],
                message: 'Syntax Error: Expected Name, found "}".',
              },
            ],
          },
        },
        query,
      );
    }
  });

  test('GET with query parameters runs a query; other methods get 405', async () => {
    const query = encodeURIComponent('{ getNote(id: "note-002") { id title tags } }');
    const reply = await send(`${sandbox.graphqlUrl}?query=${query}`, {
      method: 'GET',
      headers: { 'x-api-key': sandbox.apiKey },
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json, {
      data: {
        getNote: { id: 'note-002', title: 'Check the Lambda authorizer logs #1', tags: ['ops'] },
      },
    });
    const put = await send(sandbox.graphqlUrl, {
      method: 'PUT',
      headers: { 'x-api-key': sandbox.apiKey },
      body: '{}',
    });
    assert.equal(put.status, 405);
    assert.equal(put.headers.allow, 'GET, POST');
  });

  test('listNotes pages through the three dozen seeded notes with nextToken', async () => {
    const ids: string[] = [];
    let nextToken: string | null = null;
    do {
      const reply = await post(
        graphqlBody(
          'query($t: String) { listNotes(limit: 10, nextToken: $t) { items { id } nextToken } }',
          { t: nextToken },
        ),
      );
      const page = reply.json.data.listNotes;
      ids.push(...page.items.map((item: { id: string }) => item.id));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(ids.length, 36);
    assert.equal(new Set(ids).size, 36);

    const bad = await post(graphqlBody('{ listNotes(nextToken: "garbage") { items { id } } }'));
    assert.equal(bad.json.errors[0].errorType, 'InvalidNextTokenException');
  });

  test('mutations write, and a stale version fails with a DynamoDB-style errorType and errorInfo', async () => {
    const created = await post(
      graphqlBody(
        'mutation($i: CreateNoteInput!) { createNote(input: $i) { id title version priority } }',
        {
          i: { title: 'Written by a test', priority: 'HIGH' },
        },
      ),
    );
    const note = created.json.data.createNote;
    assert.deepEqual(
      { ...note, id: undefined },
      { id: undefined, title: 'Written by a test', version: 1, priority: 'HIGH' },
    );

    const update = (expectedVersion: number) =>
      post(
        graphqlBody(
          'mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id version done } }',
          {
            i: { id: note.id, expectedVersion, done: true },
          },
        ),
      );
    assert.deepEqual((await update(1)).json, {
      data: { updateNote: { id: note.id, version: 2, done: true } },
    });
    const stale = await update(1);
    assert.equal(stale.status, 200);
    assert.equal(stale.json.data.updateNote, null);
    const [error] = stale.json.errors;
    assert.equal(error.errorType, 'DynamoDB:ConditionalCheckFailedException');
    assert.deepEqual(error.errorInfo, { id: note.id });
    assert.deepEqual(error.path, ['updateNote']);
    assert.deepEqual(error.locations, [{ line: 1, column: 34, sourceName: null }]);
  });

  test('the fail field carries the errorType the caller asks for', async () => {
    const reply = await post(
      graphqlBody('{ fail(errorType: "MappingTemplate", message: "boom") }'),
    );
    assert.deepEqual(reply.json, {
      data: { fail: null },
      errors: [
        {
          path: ['fail'],
          data: null,
          errorType: 'MappingTemplate',
          errorInfo: { reason: 'requested by the caller' },
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'boom',
        },
      ],
    });
  });

  test('a subscription sent over HTTP is answered with an error, not run', async () => {
    const reply = await post(graphqlBody('subscription { onCreateNote { id } }'));
    assert.equal(reply.status, 200);
    assert.equal(reply.json.data, null);
    assert.match(reply.json.errors[0].message, /WebSocket/);
  });

  test('a slow query answers after its delay, and one the client abandons stops on the server', async () => {
    const started = Date.now();
    const reply = await post(
      graphqlBody('{ slow(ms: 150, message: "done") { waitedMs message } }'),
    );
    assert.ok(Date.now() - started >= 140);
    assert.deepEqual(reply.json, { data: { slow: { waitedMs: 150, message: 'done' } } });

    const controller = new AbortController();
    const abandoned = send(sandbox.graphqlUrl, {
      headers: { 'x-api-key': sandbox.apiKey },
      body: JSON.stringify({
        query: 'query Abandoned { slow(ms: 20000) { waitedMs } }',
        operationName: 'Abandoned',
      }),
      signal: controller.signal,
    });
    await sleep(100);
    controller.abort();
    await assert.rejects(abandoned);
    const quickly = Date.now();
    await sandbox.appsync.idle();
    assert.ok(Date.now() - quickly < 2000, 'the resolver stopped waiting when the client left');
    const record = sandbox.appsync.recentRequests().find((r) => r.operationName === 'Abandoned');
    assert.equal(record?.aborted, true);
    assert.equal(record?.authMode, 'API_KEY');
  });

  test('paths other than /graphql are not the GraphQL endpoint', async () => {
    const reply = await send(`${sandbox.url}/graphql/extra`, {
      headers: { 'x-api-key': sandbox.apiKey },
      body: '{}',
    });
    assert.equal(reply.status, 404);
  });
});
