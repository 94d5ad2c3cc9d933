import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstOperationName } from '../../../main/core/history/run-recorder.ts';

test('history names a run after its first named operation when the run named none', () => {
  assert.equal(firstOperationName('query FindMe { a }'), 'FindMe');
  assert.equal(firstOperationName('# comment\n  mutation Add($x: Int) { a }'), 'Add');
  assert.equal(firstOperationName('subscription OnNote { onNote { id } }'), 'OnNote');
  assert.equal(firstOperationName('{ a }'), null);
  assert.equal(firstOperationName('query { a }'), null);
});
