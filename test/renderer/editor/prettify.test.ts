import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prettify } from '../../../renderer/src/lib/editor/prettify.ts';

test('prettify prints the document the way graphql-js does', () => {
  assert.equal(
    prettify('query Q($id:ID!){user(id:$id){id name}}'),
    'query Q($id: ID!) {\n  user(id: $id) {\n    id\n    name\n  }\n}',
  );
});

test('a document that does not parse is kept exactly as typed', () => {
  const broken = 'query Q {\n  user(id: "1") {\n    id\n';
  assert.equal(prettify(broken), broken);
  assert.equal(prettify('  '), '  ');
});
