import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testWorkbench } from '../support/workbench.ts';
import { makeAwsHome } from '../support/aws-home.ts';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvalue0123456789';

test('the profile payload sent to the renderer carries no secret, no token, no key id', async () => {
  const home = await makeAwsHome({
    config: '[profile temp]\nregion = eu-west-1\n',
    credentials: `[temp]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\n`,
  });
  const { router, close } = testWorkbench(home.environment());
  try {
    const listed = await router.dispatch('profiles.list', {});
    const selected = await router.dispatch('profiles.select', { name: 'temp' });
    assert.ok(listed.ok && selected.ok);
    const profile = listed.value as { profiles: Array<Record<string, unknown>> };
    assert.equal(
      profile.profiles[0]?.kind,
      'static',
      'the fixture really is a static-keys profile',
    );
    for (const payload of [listed, selected]) {
      const wire = JSON.stringify(payload);
      assert.ok(!wire.includes(SECRET), 'secret access key crossed IPC');
      assert.ok(!wire.includes(SESSION_TOKEN), 'session token crossed IPC');
      assert.ok(!wire.includes(ACCESS_KEY_ID), 'access key id crossed IPC');
    }
  } finally {
    await close();
  }
});

test('exporting credentials puts them on the clipboard from main; the renderer gets no secret', async () => {
  const home = await makeAwsHome({
    credentials: `[temp]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\nregion = eu-west-1\n`,
  });
  const workbench = testWorkbench(home.environment());
  try {
    const answer = await workbench.router.dispatch('credentials.copyExport', {
      profile: 'temp',
      format: 'bash',
    });
    assert.deepEqual(answer, { ok: true, value: { copied: true, expiresAt: null } });
    const wire = JSON.stringify(answer);
    assert.ok(!wire.includes(SECRET) && !wire.includes(SESSION_TOKEN));
    assert.equal(workbench.clipboard.length, 1);
    assert.match(
      workbench.clipboard[0] ?? '',
      new RegExp(`export AWS_SECRET_ACCESS_KEY='${SECRET}'`),
    );
    assert.match(workbench.clipboard[0] ?? '', /export AWS_SESSION_TOKEN=/);
  } finally {
    await workbench.close();
  }
});
