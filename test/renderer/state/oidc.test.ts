import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OidcState } from '../../../renderer/src/lib/state/oidc.svelte.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

const PROVIDER = {
  name: 'corp',
  issuer: 'https://login.example.com/realms/corp',
  clientId: 'workbench',
  clientSecret: 'client-secret-value',
};

describe('OidcState', () => {
  let h: StoreHarness;

  before(async () => {
    h = await userWorkbench();
  });
  after(() => h.close());

  test('an added provider is listed, signed out, and its secret never comes back', async () => {
    const oidc = new OidcState(h.api);
    await oidc.load();
    assert.equal(oidc.loaded, true);
    assert.equal(oidc.providers.length, 0);
    assert.equal(await oidc.add(PROVIDER), true);
    assert.deepEqual(
      oidc.providers.map((p) => [p.name, p.hasClientSecret]),
      [['corp', true]],
    );
    assert.equal(oidc.identities.corp, null);
    assert.doesNotMatch(JSON.stringify(oidc.providers), /client-secret-value/);

    const next = new OidcState(h.api);
    await next.load();
    assert.deepEqual(
      next.providers.map((p) => p.name),
      ['corp'],
    );
    assert.equal(next.identities.corp, null, 'nobody is signed in with it yet');
  });

  test('a provider main refuses keeps the form open with the reason', async () => {
    const oidc = new OidcState(h.api);
    assert.equal(await oidc.add({ ...PROVIDER, name: 'bad name' }), false);
    assert.match(oidc.error ?? '', /name/);
  });

  test('removing a provider forgets who was signed in with it', async () => {
    const oidc = new OidcState(h.api);
    await oidc.load();
    await oidc.add({ ...PROVIDER, name: 'to-remove' });
    await oidc.remove('to-remove');
    assert.ok(!oidc.providers.some((p) => p.name === 'to-remove'));
    assert.ok(!('to-remove' in oidc.identities));
    await oidc.remove('to-remove');
    assert.notEqual(oidc.error, null, 'removing it twice is refused');
  });

  test('cancelling with no sign-in in progress asks nothing of main', async () => {
    const oidc = new OidcState(h.api);
    h.calls.length = 0;
    await oidc.cancel('corp');
    assert.deepEqual(h.calls, []);
  });
});
