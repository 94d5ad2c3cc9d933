import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LARGE_QUERY_CHARS,
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
