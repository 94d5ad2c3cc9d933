import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema } from 'graphql';
import {
  declaredVariables,
  validateVariables,
} from '../../../renderer/src/lib/editor/variables-validation.ts';

const schema = buildSchema(`
  type Query { user(id: ID!, role: Role, page: Page): String }
  enum Role { ADMIN VIEWER }
  input Page { limit: Int!, after: String }
`);
const DOC = `query GetUser($id: ID!, $role: Role, $page: Page) { user(id: $id, role: $role, page: $page) }
query Other { user(id: "1") }`;

const messages = (text: string, op: string | null = 'GetUser') =>
  validateVariables(schema, DOC, op, text).map((d) => `${d.severity}: ${d.message}`);

test('valid variables give no diagnostic', () => {
  assert.deepEqual(messages('{"id": "u1", "role": "ADMIN", "page": {"limit": 5}}'), []);
});

test('a missing required variable is flagged, also when the text is empty', () => {
  for (const text of ['{}', '', '  ']) {
    const found = messages(text);
    assert.equal(found.length, 1, text);
    assert.match(found[0] ?? '', /^error: .*"\$id".*non-null type "ID!"/);
  }
});

test('wrong types are flagged on the offending key, nested fields included', () => {
  const text = '{"id": "u1", "role": "OWNER", "page": {"limit": "ten"}}';
  const found = validateVariables(schema, DOC, 'GetUser', text);
  const role = found.find((d) => d.message.includes('"$role"'));
  const page = found.find((d) => d.message.includes('"$page"'));
  assert.equal(text.slice(role?.from, role?.to), '"OWNER"');
  assert.match(role?.message ?? '', /"OWNER" does not exist in "Role"/);
  assert.equal(text.slice(page?.from, page?.to), '{"limit": "ten"}');
  assert.match(page?.message ?? '', /Int cannot represent/);
});

test('an unknown variable is a warning on its key, naming the declared ones', () => {
  const text = '{"id": "u1", "userId": "u1"}';
  const [found] = validateVariables(schema, DOC, 'GetUser', text);
  assert.equal(found?.severity, 'warning');
  assert.equal(text.slice(found?.from, found?.to), '"userId"');
  assert.match(found?.message ?? '', /declares \$id, \$role, \$page/);
  assert.match(messages('{"x": 1}', 'Other')[0] ?? '', /declares no variables/);
});

test('invalid JSON and a non-object are reported as such', () => {
  const [syntax] = validateVariables(schema, DOC, 'GetUser', '{"id": "u1",}');
  assert.match(syntax?.message ?? '', /^Invalid JSON/);
  assert.equal(syntax?.from, 12);
  assert.match(messages('[1]')[0] ?? '', /must be a JSON object/);
});

test('without a schema, only unknown names are checked; a broken query gives nothing', () => {
  assert.deepEqual(validateVariables(null, DOC, 'GetUser', '{}'), []);
  assert.equal(validateVariables(null, DOC, 'GetUser', '{"zzz": 1}').length, 1);
  assert.deepEqual(validateVariables(schema, 'query {', null, '{}'), []);
});

test('the declared variables, with types and whether they are required', () => {
  assert.deepEqual(declaredVariables('query Q($a: ID!, $b: [Int!], $c: ID! = "x") { f }', null), [
    { name: 'a', type: 'ID!', required: true },
    { name: 'b', type: '[Int!]', required: false },
    { name: 'c', type: 'ID!', required: false },
  ]);
});
