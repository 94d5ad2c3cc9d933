import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  evaluateAssertion,
  pathSteps,
  readPath,
  type AnswerView,
} from '../../../main/core/tests/assertion-evaluator.ts';
import { quickJs } from '../../../main/core/tests/quickjs-sandbox.ts';
import type { AssertionDTO, AssertionOperator } from '../../../shared/request-tests.ts';

const answer: AnswerView = {
  status: 200,
  statusText: 'OK',
  durationMs: 12.5,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' },
  data: {
    getNote: { id: 'n1', title: 'Groceries', tags: ['home', 'food'], done: false, body: null },
    listNotes: { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
  },
  errors: [{ message: 'Not allowed', errorType: 'Unauthorized' }],
  sizeBytes: 300,
};

const module = await quickJs();
const check = (path: string, operator: AssertionOperator, value: string | null = null) =>
  evaluateAssertion(
    { enabled: true, path, operator, value } satisfies AssertionDTO,
    answer,
    module,
  );

describe('assertion paths', () => {
  test('names, indexes, quoted keys and header names read into the answer', () => {
    assert.deepEqual(pathSteps('data.a.b[2].c'), ['data', 'a', 'b', 2, 'c']);
    assert.deepEqual(pathSteps('errors[0].errorType'), ['errors', 0, 'errorType']);
    assert.deepEqual(pathSteps('data["odd key"].x'), ['data', 'odd key', 'x']);
    assert.equal(readPath(answer, 'data.listNotes.items[1].id'), 'b');
    assert.equal(readPath(answer, 'data.listNotes.items.2.id'), 'c');
    assert.equal(readPath(answer, 'headers.X-Amzn-RequestId'), 'req-1');
    assert.equal(readPath(answer, 'errors[0].errorType'), 'Unauthorized');
    assert.equal(readPath(answer, 'data.getNote.missing.deeper'), undefined);
    assert.equal(
      readPath(answer, 'data.getNote.title.length'),
      undefined,
      'no inherited properties',
    );
  });
});

describe('assertion operators', () => {
  test('eq and neq compare JSON values, and text with text', () => {
    assert.equal(check('status', 'eq', '200').passed, true);
    assert.equal(check('data.getNote.title', 'eq', 'Groceries').passed, true);
    assert.equal(check('data.getNote.title', 'eq', '"Groceries"').passed, true);
    assert.equal(check('data.getNote.tags', 'eq', '["home","food"]').passed, true);
    const failed = check('data.getNote.title', 'eq', 'x');
    assert.equal(failed.passed, false);
    assert.equal(failed.message, 'data.getNote.title: expected "x", got "Groceries"');
    assert.equal(failed.actual, '"Groceries"');
    assert.equal(check('status', 'neq', '500').passed, true);
    assert.equal(check('status', 'neq', '200').passed, false);
  });

  test('gt and lt take numbers (and numeric text)', () => {
    assert.equal(check('durationMs', 'lt', '1000').passed, true);
    assert.equal(check('status', 'gt', '199').passed, true);
    assert.equal(check('status', 'gt', '200').passed, false);
    const text = check('data.getNote.title', 'gt', '1');
    assert.equal(text.passed, false);
    assert.match(text.message, /expected a number greater than 1, got "Groceries"/);
  });

  test('contains looks in text and in lists', () => {
    assert.equal(check('data.getNote.title', 'contains', 'cer').passed, true);
    assert.equal(check('data.getNote.tags', 'contains', 'food').passed, true);
    assert.equal(check('data.listNotes.items', 'contains', '{"id":"b"}').passed, true);
    assert.equal(check('data.getNote.tags', 'contains', 'work').passed, false);
  });

  test('matches runs the pattern in the sandbox and stops one that backtracks for ever', () => {
    assert.equal(check('headers.content-type', 'matches', '^application/json').passed, true);
    assert.equal(check('data.getNote.title', 'matches', '/^groc/i').passed, true);
    assert.equal(check('data.getNote.title', 'matches', '^x').passed, false);
    const invalid = check('data.getNote.title', 'matches', '(');
    assert.equal(invalid.passed, false);
    assert.match(invalid.message, /the pattern is invalid/);
    const evil = evaluateAssertion(
      { enabled: true, path: 'data.s', operator: 'matches', value: '^(a+)+$' },
      { ...answer, data: { s: `${'a'.repeat(40)}b` } },
      module,
    );
    assert.equal(evil.passed, false);
    assert.match(evil.message, /data\.s: the pattern ran longer than 100 ms/);
  });

  test('length counts lists and text', () => {
    assert.equal(check('data.listNotes.items', 'length', '3').passed, true);
    assert.equal(check('data.getNote.title', 'length', '9').passed, true);
    const wrong = check('data.listNotes.items', 'length', '2');
    assert.equal(wrong.message, 'data.listNotes.items: expected length 2, got length 3');
    assert.equal(check('status', 'length', '3').passed, false);
  });

  test('exists and isNull tell null from missing', () => {
    assert.equal(check('data.getNote.body', 'exists').passed, true);
    assert.equal(check('data.getNote.nothing', 'exists').passed, false);
    assert.equal(check('data.getNote.body', 'isNull').passed, true);
    assert.equal(check('data.getNote.nothing', 'isNull').passed, false);
    assert.equal(check('data.getNote.id', 'isNull').passed, false);
  });

  test('type names string, number, boolean, object, array and null', () => {
    for (const [path, type] of [
      ['data.getNote.title', 'string'],
      ['status', 'number'],
      ['data.getNote.done', 'boolean'],
      ['data.getNote', 'object'],
      ['data.getNote.tags', 'array'],
      ['data.getNote.body', 'null'],
    ] as const) {
      assert.equal(check(path, 'type', type).passed, true, `${path} is ${type}`);
    }
    const wrong = check('data.getNote.tags', 'type', 'object');
    assert.equal(wrong.passed, false);
    assert.match(wrong.message, /expected type object, got array/);
  });
});
