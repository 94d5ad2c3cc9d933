/**
 * Pathological configs: a source_profile chain thousands of hops long, a loop through thousands
 * of profiles, thousands of roles over one source. Listing them must cost, and send, an amount
 * linear in the config: each profile's chain is capped, and walks are shared, not redone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IniData } from '../../../main/core/profiles/aws-files.ts';
import { buildProfiles } from '../../../main/core/profiles/profile-model.ts';
import type { ProfileDTO } from '../../../shared/profiles.ts';

const name = (i: number) => `p${String(i).padStart(5, '0')}`;
const role = (i: number, source: string) => ({
  role_arn: `arn:aws:iam::111111111111:role/R${i}`,
  source_profile: source,
});
const KEYS = { aws_access_key_id: 'AKIA', aws_secret_access_key: 's' };

/** p0 → p1 → … → p(n-1) → keys. */
function chain(n: number): IniData {
  const profiles: IniData = { keys: KEYS };
  for (let i = 0; i < n; i++) profiles[name(i)] = role(i, i + 1 < n ? name(i + 1) : 'keys');
  return profiles;
}

/** p0 → p1 → … → p(n-1) → p0. */
function loop(n: number): IniData {
  const profiles: IniData = {};
  for (let i = 0; i < n; i++) profiles[name(i)] = role(i, name((i + 1) % n));
  return profiles;
}

/** n roles over one source, which is itself the top of an n-hop chain. */
function fanIn(n: number): IniData {
  const profiles = chain(n);
  for (let i = 0; i < n; i++) profiles[`f${String(i).padStart(5, '0')}`] = role(i, name(0));
  return profiles;
}

const wireSize = (profiles: IniData) => JSON.stringify(buildProfiles(profiles, {})).length;

function get(list: ProfileDTO[], wanted: string): ProfileDTO {
  const profile = list.find((p) => p.name === wanted);
  assert.ok(profile, `${wanted} is listed`);
  return profile;
}

describe('long source chains', () => {
  for (const [shape, make] of [
    ['a chain', chain],
    ['a loop', loop],
    ['a fan-in', fanIn],
  ] as const) {
    test(`the listing of ${shape} grows linearly with its length`, () => {
      const small = wireSize(make(500));
      const large = wireSize(make(2000));
      // Four times the profiles: about four times the bytes (quadratic would be sixteen).
      assert.ok(large / small < 4.4, `${shape}: ${small} → ${large} bytes`);
    });
  }

  test('a 10,000-hop chain lists its first hops and its last, and how many it leaves out', () => {
    const list = buildProfiles(chain(10_000), {});
    const top = get(list, name(0));
    assert.deepEqual(top.chain, [...Array.from({ length: 8 }, (_, i) => name(i)), 'keys']);
    assert.equal(top.chainOmitted, 10_001 - 9);
    assert.equal(top.chainBase, 'static keys');
    assert.equal(top.chainProblem, null);
    const near = get(list, name(9_996));
    assert.deepEqual(near.chain, [name(9_996), name(9_997), name(9_998), name(9_999), 'keys']);
    assert.equal(near.chainOmitted, 0);
  });

  test('a loop through 10,000 profiles is named on each, in a message of bounded size', () => {
    const list = buildProfiles(loop(10_000), {});
    assert.equal(list.length, 10_000);
    for (const profile of list) {
      assert.match(profile.chainProblem ?? '', /loops back to/);
      assert.ok((profile.chainProblem ?? '').length < 300, profile.chainProblem ?? '');
    }
    // The SDK's walk stops when a source repeats: p0 → p1 … p9999 → p0 → p1.
    const first = get(list, name(0));
    assert.equal(first.chain.at(-1), name(1));
    assert.equal(first.chainOmitted, 10_002 - 9);
    assert.match(
      first.chainProblem ?? '',
      /loops back to "p00001" \(p00000 → p00001 → .* → p00007 → …and 9,993 more hops → p00001\)/,
    );
  });
});
