import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operationAt, operationsOf } from '../../../renderer/src/lib/editor/operations.ts';

const DOC = `query ListOrders { orders { id } }

mutation CancelOrder($id: ID!) {
  cancel(id: $id) { id }
}

fragment F on Order { id }

subscription OnOrder { onOrder { id } }
`;

test('lists every operation with its name and type, in document order', () => {
  assert.deepEqual(
    operationsOf(DOC).map(({ name, type }) => ({ name, type })),
    [
      { name: 'ListOrders', type: 'query' },
      { name: 'CancelOrder', type: 'mutation' },
      { name: 'OnOrder', type: 'subscription' },
    ],
  );
});

test('an anonymous operation has no name; a document that does not parse has none', () => {
  assert.deepEqual(
    operationsOf('{ orders { id } }').map((o) => [o.name, o.type]),
    [[null, 'query']],
  );
  assert.deepEqual(operationsOf('query A { orders { '), []);
  assert.deepEqual(operationsOf(''), []);
});

test('the operation under the cursor, else the one just before it', () => {
  assert.equal(operationAt(DOC, DOC.indexOf('cancel('))?.name, 'CancelOrder');
  assert.equal(operationAt(DOC, 0)?.name, 'ListOrders');
  // Inside the fragment: the mutation before it is the nearest operation.
  assert.equal(operationAt(DOC, DOC.indexOf('fragment') + 3)?.name, 'CancelOrder');
  assert.equal(operationAt(DOC, DOC.length)?.name, 'OnOrder');
  assert.equal(operationAt('nonsense {', 3), null);
});
