import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  filterByQuery,
  fuzzyMatch,
  rankByQuery,
} from '../../renderer/src/lib/search/fuzzy-match.ts';

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

describe('ranking over many names', () => {
  const many = Array.from({ length: 3000 }, (_, i) => `team-${i}-${i % 3 === 0 ? 'prod' : 'dev'}`);
  const rankAll = (query: string, limit?: number) =>
    rankByQuery(
      many,
      query,
      (n) => n,
      () => '',
      limit,
    );

  test('a limit keeps the first results of the whole ranking, with their positions', () => {
    for (const query of ['t', 'team-1', 'prod', 't2 dev', 'TEAM-29']) {
      const whole = rankAll(query);
      const first = rankAll(query, 50);
      assert.deepEqual(
        first.map((r) => r.item),
        whole.slice(0, 50).map((r) => r.item),
        query,
      );
      for (const ranked of first) {
        const words = query.split(' ');
        const expected = words.flatMap((word) => fuzzyMatch(word, ranked.item)?.positions ?? []);
        assert.deepEqual(ranked.positions, expected, `${query} in ${ranked.item}`);
      }
    }
  });

  test('filterByQuery finds what rankByQuery finds, in the same order', () => {
    for (const query of ['', 'team-2999', '9 prod', 'zz']) {
      assert.deepEqual(
        filterByQuery(
          many,
          query,
          (n) => n,
          () => '',
        ).map((r) => r.item),
        rankAll(query).map((r) => r.item),
      );
    }
    assert.deepEqual(
      filterByQuery(
        many,
        'team-2999',
        (n) => n,
        () => '',
      ).map((r) => r.item),
      ['team-2999-dev'],
    );
  });

  test('a word that matches only part of a name adds no positions', () => {
    const [ranked] = rankByQuery(
      [{ name: 'ops-admin', facts: 'eu-west-1 ox' }],
      'adm ox',
      (i) => i.name,
      (i) => i.facts,
    );
    assert.deepEqual(ranked?.positions, [4, 5, 6]);
  });
});
