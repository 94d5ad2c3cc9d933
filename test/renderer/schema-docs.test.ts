import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema } from 'graphql';
import {
  describeType,
  fieldSnippet,
  kindOf,
  rootTypeNames,
  searchSchema,
} from '../../renderer/src/lib/editor/schema-docs.ts';

const schema = buildSchema(`
  "A note the team keeps."
  type Note { id: ID!, title: String!, tags: [String!], author: User }
  type User { name: String }
  type Query {
    "One note by id."
    getNote(id: ID!): Note
    listNotes(limit: Int): [Note!]!
    version: String @deprecated(reason: "use build")
  }
  type Mutation { createNote(title: String!): Note! }
`);

test('the explorer starts at the root types and describes fields with arguments', () => {
  assert.deepEqual(rootTypeNames(schema), ['Query', 'Mutation']);
  const query = describeType(schema, 'Query');
  assert.ok(query);
  const getNote = query.fields.find((f) => f.name === 'getNote');
  assert.deepEqual(getNote?.args, [{ name: 'id', type: 'ID!', description: null }]);
  assert.equal(getNote?.target, 'Note');
  assert.equal(getNote?.description, 'One note by id.');
  assert.equal(query.fields.find((f) => f.name === 'listNotes')?.type, '[Note!]!');
  assert.equal(query.fields.find((f) => f.name === 'version')?.deprecated, 'use build');
  assert.equal(describeType(schema, 'Note')?.description, 'A note the team keeps.');
  assert.equal(describeType(schema, 'Nope'), null);
});

test('search finds types and fields by name, types first', () => {
  assert.deepEqual(searchSchema(schema, 'note').slice(0, 1), [{ type: 'Note', field: null }]);
  assert.ok(
    searchSchema(schema, 'NOTE').some((h) => h.type === 'Query' && h.field === 'listNotes'),
  );
  assert.deepEqual(searchSchema(schema, '  '), []);
});

test('inserting a field adds required arguments and a selection set for objects', () => {
  const query = describeType(schema, 'Query')!;
  const field = (name: string) => query.fields.find((f) => f.name === name)!;
  assert.equal(fieldSnippet(schema, field('getNote')), 'getNote(id: ) {\n  \n}');
  assert.equal(fieldSnippet(schema, field('listNotes')), 'listNotes {\n  \n}');
  assert.equal(fieldSnippet(schema, field('version')), 'version');
});

test('each type header names its SDL kind, whatever the build does to class names', () => {
  const sdl = buildSchema(`
    type Query { a: A, u: U, e: E, s: S, i: I }
    input In { x: Int }
    enum E { ONE }
    interface I { id: ID }
    type A implements I { id: ID }
    union U = A
    scalar S
  `);
  const kinds = ['Query', 'In', 'E', 'I', 'U', 'S'].map((name) => kindOf(sdl.getType(name)!));
  assert.deepEqual(kinds, ['type', 'input', 'enum', 'interface', 'union', 'scalar']);
});
