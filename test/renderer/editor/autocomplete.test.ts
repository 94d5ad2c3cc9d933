/**
 * What the query editor proposes, from graphql-language-service over a 2,000-type schema (the
 * same calls cm6-graphql makes), and the variables editor's key completion.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { getAutocompleteSuggestions, getDiagnostics, Position } from 'graphql-language-service';
import { hoverDocAt } from '../../../renderer/src/lib/editor/hover-docs.ts';
import { variableKeyCompletion } from '../../../renderer/src/lib/editor/variable-completion.ts';
import { declaredVariables } from '../../../renderer/src/lib/editor/variables-validation.ts';
import { bigSchema } from './big-schema.ts';

const schema = bigSchema(2000);

function suggest(textWithCursor: string): string[] {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return getAutocompleteSuggestions(schema, text, new Position(line, character)).map(
    (s) => s.label,
  );
}

test('root fields of the query type, filtered by what was typed', () => {
  const labels = suggest('{ entity199|');
  assert.ok(labels.includes('entity1999'));
  assert.ok(labels.includes('entity199'));
  assert.ok(!labels.includes('entity42'));
});

test('fields of the type under the cursor', () => {
  const labels = suggest('{ entity1500(id: "1") { next { | } } }');
  assert.ok(labels.includes('name1501'), labels.join(','));
  assert.ok(labels.includes('status'));
  assert.ok(!labels.includes('name1500'));
});

test('arguments, enum values and declared variables', () => {
  assert.deepEqual(suggest('{ entity7(|').sort(), ['id', 'status']);
  assert.deepEqual(suggest('{ entity7(id: "1", status: |').sort(), [
    'ACTIVE',
    'DELETED',
    'SUSPENDED',
  ]);
  assert.deepEqual(suggest('query Q($entityId: ID!) { entity7(id: $|'), ['$entityId']);
});

test('an unknown field is diagnosed against the schema', () => {
  const [diagnostic] = getDiagnostics('{ entity7(id: "1") { bogus } }', schema);
  assert.match(String(diagnostic?.message), /Cannot query field "bogus" on type "Entity7"/);
});

test('hover shows the field signature and its description', () => {
  const doc = '{ entity7(id: "1") { next { id } } }';
  assert.deepEqual(hoverDocAt(schema, doc, doc.indexOf('next') + 2), {
    signature: 'Entity7.next: Entity8',
    description: 'Link to the next entity.',
  });
  assert.equal(hoverDocAt(schema, doc, 0), null);
});

function completeKeys(doc: string, pos: number, explicit = true): CompletionResult | null {
  const state = EditorState.create({ doc, extensions: [json()] });
  const source = variableKeyCompletion(() =>
    declaredVariables('query Q($id: ID!, $role: Role) { f }', 'Q'),
  );
  return source(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
}

test('the variables editor proposes the declared names not yet present, as JSON keys', () => {
  const result = completeKeys('{}', 1);
  assert.deepEqual(
    result?.options.map((o) => [o.label, o.detail, o.apply]),
    [
      ['"id"', 'ID!', '"id": '],
      ['"role"', 'Role', '"role": '],
    ],
  );
  const doc = '{"id": "1", }';
  assert.deepEqual(
    completeKeys(doc, doc.length - 2)?.options.map((o) => o.label),
    ['"role"'],
  );
});

test('no key completion inside a value or a nested object', () => {
  assert.equal(completeKeys('{"id": "', 8), null);
  assert.equal(completeKeys('{"page": {', 10), null);
});
