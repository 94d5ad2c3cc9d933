import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { AppError } from '../../../shared/errors.ts';
import { addTestProvider, makeOidcHarness, whoamiWith, type OidcHarness } from './oidc-harness.ts';

describe('OIDC sign-in with a device code (RFC 8628)', () => {
  let h: OidcHarness;
  let sandbox: Sandbox;

  before(async () => {
    h = await makeOidcHarness({ slowDownPolls: 1 });
    sandbox = await startSandbox({
      jwt: { openid: { issuer: h.op.issuer, clientId: h.op.clientId } },
    });
    await addTestProvider(h);
  });
  after(async () => {
    await sandbox?.close();
    await h?.close();
  });

  test('shows the code, honours slow_down, and signs in once the person approves', async () => {
    // The person approves on another device after the app has polled twice.
    h.onWait = async (index) => {
      if (index === 2) await h.op.approveDevice(h.prompts[0]?.userCode ?? '');
    };
    const identity = await h.service.login('local', { flow: 'device' });
    assert.equal(identity.subject, 'alice');

    const prompt = h.prompts[0];
    assert.ok(prompt);
    assert.match(prompt.userCode ?? '', /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(prompt.verificationUri, `${h.op.issuer}/device`);
    assert.match(prompt.purpose, /"local"/);
    assert.deepEqual(h.opened, [], 'the browser is elsewhere: nothing opened here');
    // 5 s by default; 5 s more after the provider said slow_down (first poll).
    assert.deepEqual(h.waits, [5000, 10000, 10000]);
    assert.equal(h.op.devicePolls, 3);

    const answer = await whoamiWith(sandbox.graphqlUrl, await h.service.tokenFor('local'));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.data?.whoami?.sub, 'alice');
    assert.equal((await h.service.identity('local'))?.refreshable, true);
  });

  test('cancelling stops the polling', async () => {
    const controller = new AbortController();
    h.onWait = async (index) => {
      if (index >= 1) controller.abort();
    };
    h.waits.length = 0;
    await assert.rejects(
      h.service.login('local', { flow: 'device', signal: controller.signal }),
      (error: AppError) => error.code === 'CANCELLED',
    );
  });
});
