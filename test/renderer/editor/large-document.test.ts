import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import {
  LARGE_QUERY_CHARS,
  outlineOf,
  parseDocument,
  sizeNote,
} from '../../../renderer/src/lib/editor/large-document.ts';

test('no note up to the limit; above it, what is off, the limit and the size', () => {
  assert.equal(sizeNote(LARGE_QUERY_CHARS, LARGE_QUERY_CHARS, 'Checking', 'Still.'), null);
  assert.equal(
    sizeNote(150 * 1024, LARGE_QUERY_CHARS, 'Checking', 'Still.'),
    'Checking: off above 64 KB (this is 150 KB). Still.',
  );
});

test('the same text is parsed once; a new text again; a syntax error is thrown each time', () => {
  const first = parseDocument('{ a }');
  assert.equal(parseDocument('{ a }'), first, 'the last parse is reused');
  assert.notEqual(parseDocument('{ b }'), first);
  assert.throws(() => parseDocument('{ a'), /Syntax Error/);
  assert.throws(() => parseDocument('{ a'), /Syntax Error/);
});

const DOC = `# a comment with a {
query A($filter: In = {name: "}"}) @cached(ttl: {s: 1}) {
  orders(where: "{") { id }
}
"""A description with a }"""
mutation B { cancel(note: """a \\""" and a }""") { id } }
fragment F on Order { id }
{ me { id } }
type Order { id: ID }
`;

test('the outline keeps each definition, name and variables, and cuts its selections down', () => {
  const { text } = outlineOf(DOC);
  assert.doesNotMatch(text, /orders|cancel|me \{/);
  assert.match(text, /type Order \{ id: ID \}/, 'a type definition is left as it is');
  const outlined = parse(text).definitions;
  assert.deepEqual(
    outlined.map((d) => d.kind),
    parse(DOC).definitions.map((d) => d.kind),
  );
  assert.equal(
    print((outlined[0] as OperationDefinitionNode).variableDefinitions![0]!),
    '$filter: In = { name: "}" }',
  );
});

test('above the limit a document is read through its outline, with the offsets of the document', () => {
  const big = `${DOC}\n${'# padding\n'.repeat(LARGE_QUERY_CHARS / 10)}`;
  const definitions = (ast: DocumentNode) =>
    ast.definitions.map((d) => [
      (d as OperationDefinitionNode).name?.value,
      d.loc?.start,
      d.loc?.end,
    ]);
  assert.deepEqual(definitions(parseDocument(big)), definitions(parse(DOC)));
  assert.doesNotMatch(print(parseDocument(big)), /orders/, 'the selections were not read');
});
