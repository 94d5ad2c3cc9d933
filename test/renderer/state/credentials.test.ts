import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CredentialsState, timeLeft } from '../../../renderer/src/lib/state/credentials.svelte.ts';
import { DEMO_PROFILES } from '../../../main/sandbox/demo-fixture.ts';
import { demoWorkbench, type StoreHarness } from './store-harness.ts';

describe('CredentialsState on the demo sandbox', () => {
  let h: StoreHarness;

  before(async () => {
    h = await demoWorkbench('store-credentials');
  });
  after(() => h.close());

  test('a role chain that asks nothing of the user is resolved on its own', async () => {
    const credentials = new CredentialsState(h.api);
    await credentials.prepare(DEMO_PROFILES.admin);
    const chain = credentials.chains[DEMO_PROFILES.admin];
    assert.deepEqual(
      chain?.hops.map((hop) => hop.kind),
      ['assume-role', 'static'],
    );
    const identity = credentials.identities[DEMO_PROFILES.admin];
    assert.match(identity?.arn ?? '', /assumed-role\/sandbox-admin\//);
    assert.ok(identity?.expiresAt, 'assumed-role credentials expire');
    assert.equal(credentials.resolving[DEMO_PROFILES.admin], false);
    assert.doesNotMatch(JSON.stringify(credentials), /aws_secret|secretAccessKey/i);
  });

  test('a profile that cannot resolve keeps the code and the diagnosis, and forget clears it', async () => {
    const credentials = new CredentialsState(h.api);
    await credentials.resolve('no-such-profile');
    const failure = credentials.failures['no-such-profile'];
    assert.equal(failure?.code, 'PROFILE_NOT_FOUND');
    assert.equal(credentials.identities['no-such-profile'], undefined);
    await credentials.resolve(DEMO_PROFILES.keys);
    assert.ok(credentials.identities[DEMO_PROFILES.keys]);
    await credentials.forget(DEMO_PROFILES.keys);
    assert.equal(credentials.identities[DEMO_PROFILES.keys], undefined);
  });

  test('an export says what it copied; the keys stay in main', async () => {
    const credentials = new CredentialsState(h.api);
    await credentials.copyExport(DEMO_PROFILES.admin, 'bash');
    assert.match(
      credentials.exported[DEMO_PROFILES.admin] ?? '',
      /^Copied bash export to the clipboard; valid until /,
    );
  });
});

describe('timeLeft', () => {
  test('minutes and seconds under an hour, hours and minutes above', () => {
    assert.equal(timeLeft(65_000, 0), '1:05');
    assert.equal(timeLeft(3 * 3_600_000 + 2 * 60_000, 0), '3 h 02 min');
    assert.equal(timeLeft(0, 5_000), '0:00', 'an expired credential has no time left');
  });
});
