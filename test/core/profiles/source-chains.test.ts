/**
 * The shared, memoized walk gives every profile the chain the SDK's `fromIni` walk gives it,
 * step for step. The oracle below is that walk written the plain way (one profile at a time,
 * a visited set of sources), checked on many small random configs of every shape: chains,
 * loops, self-references, missing sources, keys that end a chain, credential_source hops.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IniData, IniSection } from '../../../main/core/profiles/aws-files.ts';
import { baseLabel, isStaticKeys, profileKind } from '../../../main/core/profiles/profile-kind.ts';
import { sourceChain, SourceChains } from '../../../main/core/profiles/source-chains.ts';

const has = (section: IniSection, key: string) => typeof section[key] === 'string';
const isRole = (section: IniSection) =>
  ['assume-role', 'credential-source'].includes(profileKind(section));

function oracle(name: string, profiles: IniData) {
  const chain = [name];
  const visited = new Set<string>();
  let current = name;
  let viaCredentialSource = false;
  for (;;) {
    const data = profiles[current];
    if (!data) return { chain, base: null, problem: 'missing' };
    if (visited.size > 0 && isStaticKeys(data))
      return { chain, base: 'static keys', problem: null };
    if (viaCredentialSource || isRole(data)) {
      const source = data.source_profile;
      if (source === undefined)
        return { chain, base: data.credential_source ?? null, problem: null };
      if (visited.has(source)) return { chain: [...chain, source], base: null, problem: 'loop' };
      chain.push(source);
      const next = profiles[source];
      if (!next) return { chain, base: null, problem: 'missing' };
      visited.add(source);
      viaCredentialSource = !has(next, 'role_arn') && has(next, 'credential_source');
      current = source;
      continue;
    }
    const kind = profileKind(data);
    if (kind !== 'incomplete') return { chain, base: baseLabel(kind), problem: null };
    return { chain, base: null, problem: 'incomplete' };
  }
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomProfiles(next: () => number): IniData {
  const count = 1 + Math.floor(next() * 7);
  const names = Array.from({ length: count }, (_, i) => `n${i}`);
  const pick = () => (next() < 0.1 ? 'gone' : (names[Math.floor(next() * count)] as string));
  const profiles: IniData = {};
  for (const name of names) {
    const section: IniSection = {};
    const r = next();
    if (r < 0.5) Object.assign(section, { role_arn: 'arn:r', source_profile: pick() });
    else if (r < 0.6)
      Object.assign(section, { role_arn: 'arn:r', credential_source: 'Environment' });
    else if (r < 0.7)
      Object.assign(section, { credential_source: 'Environment', source_profile: pick() });
    else if (r < 0.8)
      Object.assign(section, {
        role_arn: 'arn:r',
        source_profile: pick(),
        credential_source: 'Environment',
      });
    else if (r < 0.9) section.credential_process = '/bin/true';
    if (next() < 0.3)
      Object.assign(section, { aws_access_key_id: 'A', aws_secret_access_key: 's' });
    profiles[name] = section;
  }
  return profiles;
}

const problemKind = (problem: string | null) =>
  problem === null
    ? null
    : /loops back/.test(problem)
      ? 'loop'
      : /does not exist/.test(problem)
        ? 'missing'
        : 'incomplete';

test('the shared walk follows every profile exactly as the SDK does', () => {
  for (let seed = 1; seed <= 3000; seed++) {
    const next = random(seed);
    const profiles = randomProfiles(next);
    // One walker for all the profiles, asked in a random order, shares what it found before.
    const shared = new SourceChains(profiles);
    const names = [...Object.keys(profiles), 'gone'].sort(() => next() - 0.5);
    for (const name of names) {
      const expected = oracle(name, profiles);
      const alone = sourceChain(name, profiles);
      const walk = shared.of(name);
      const context = `seed ${seed}, profile ${name}: ${JSON.stringify(profiles)}`;
      for (const actual of [alone, { ...walk, chain: walk.head(walk.length) }]) {
        assert.deepEqual(actual.chain, expected.chain, context);
        assert.equal(actual.base, expected.base, context);
        assert.equal(problemKind(actual.problem), expected.problem, context);
      }
      assert.equal(walk.last, expected.chain.at(-1), context);
    }
  }
});
