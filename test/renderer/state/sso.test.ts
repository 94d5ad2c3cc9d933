import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SsoState, virtualProfileName } from '../../../renderer/src/lib/state/sso.svelte.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

const CONFIG = `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile corp-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-west-1
`;

describe('SsoState', () => {
  let h: StoreHarness;

  before(async () => {
    h = await userWorkbench({ config: CONFIG });
  });
  after(() => h.close());

  test('sessions come from ~/.aws/config, signed out until a login', async () => {
    const sso = new SsoState(h.api);
    await sso.load();
    assert.deepEqual(
      sso.sessions.map((s) => [s.name, s.status, s.profiles]),
      [['corp', 'none', ['corp-dev']]],
    );
    assert.equal(sso.error, null);
  });

  test('listing accounts without a token says why and leaves nothing busy', async () => {
    const sso = new SsoState(h.api);
    await sso.listAccounts('corp');
    assert.match(sso.error ?? '', /.+/);
    assert.deepEqual(sso.busy, {});
    assert.equal(sso.accounts.corp, undefined);
  });

  test('signing out of a session that was never signed in reloads the sessions', async () => {
    const sso = new SsoState(h.api);
    h.calls.length = 0;
    await sso.logout('corp');
    assert.deepEqual(h.calls, ['sso.logout', 'sso.sessions']);
    assert.equal(sso.sessions[0]?.status, 'none');
  });

  test("an account's role is named as the core resolves it", () => {
    assert.equal(
      virtualProfileName('corp', '123456789012', 'Developer'),
      'sso:corp/123456789012/Developer',
    );
  });
});
