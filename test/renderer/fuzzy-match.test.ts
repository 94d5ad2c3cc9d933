import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fuzzyMatch, rankByQuery } from '../../renderer/src/lib/search/fuzzy-match.ts';

const NAMES = [
  'ops-admin',
  'ops-base',
  'prod-orders-admin',
  'staging-orders',
  'dev-sandbox',
  'payments-prod',
];

function rank(query: string): string[] {
  return rankByQuery(
    NAMES,
    query,
    (n) => n,
    () => '',
  ).map((r) => r.item);
}

describe('fuzzy profile search', () => {
  test('letters in order match anywhere; out of order do not', () => {
    assert.ok(fuzzyMatch('oa', 'ops-admin'));
    assert.equal(fuzzyMatch('ao', 'ops-admin'), null);
    assert.equal(fuzzyMatch('zz', 'ops-admin'), null);
  });

  test('word starts and prefixes rank first', () => {
    assert.equal(rank('oa')[0], 'ops-admin');
    assert.equal(rank('poa')[0], 'prod-orders-admin');
    assert.equal(rank('pay')[0], 'payments-prod');
    assert.deepEqual(rank('prod').slice(0, 2), ['prod-orders-admin', 'payments-prod']);
  });

  test('every word must match, by name or by a fact', () => {
    const items = [
      { name: 'a-prod', facts: 'sso eu-west-1' },
      { name: 'b-prod', facts: 'static us-east-1' },
    ];
    const got = rankByQuery(
      items,
      'prod eu-west',
      (i) => i.name,
      (i) => i.facts,
    );
    assert.deepEqual(
      got.map((r) => r.item.name),
      ['a-prod'],
    );
  });

  test('reports the matched positions for highlighting', () => {
    assert.deepEqual(fuzzyMatch('adm', 'ops-admin')?.positions, [4, 5, 6]);
  });

  test('an empty query keeps the original order', () => {
    assert.deepEqual(rank(''), NAMES);
  });
});
