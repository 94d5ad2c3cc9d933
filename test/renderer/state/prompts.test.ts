import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PromptsState } from '../../../renderer/src/lib/state/prompts.svelte.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

// Assuming the role needs an MFA code: main asks the person through a prompt.
const CONFIG = `[profile base]
region = eu-west-1

[profile with-mfa]
role_arn = arn:aws:iam::123456789012:role/admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1
`;
const CREDENTIALS = `[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

describe('PromptsState', () => {
  let h: StoreHarness;

  before(async () => {
    h = await userWorkbench({ config: CONFIG, credentials: CREDENTIALS });
  });
  after(() => h.close());

  test("main's question shows, and cancelling it ends the work that asked", async () => {
    const prompts = new PromptsState(h.api);
    const stop = prompts.follow();
    try {
      const identity = h.api.credentials.identity({ profile: 'with-mfa' });
      await h.until(() => prompts.current !== null, 'the MFA prompt');
      assert.equal(prompts.current?.kind, 'mfa');
      await prompts.cancel(prompts.current!.id);
      await assert.rejects(identity);
      await h.until(() => prompts.queue.length === 0, 'the prompt to close');
      assert.equal(prompts.error, null);
    } finally {
      stop();
    }
  });

  test('a window opened after the question was asked still shows it, once', async () => {
    const early = new PromptsState(h.api);
    const stopEarly = early.follow();
    const identity = h.api.credentials.identity({ profile: 'with-mfa' });
    await h.until(() => early.current !== null, 'the MFA prompt');
    const late = new PromptsState(h.api);
    const stopLate = late.follow();
    try {
      await h.until(() => late.queue.length > 0, 'the open prompt to be listed');
      assert.deepEqual(
        late.queue.map((p) => p.id),
        [early.current!.id],
      );
      await late.cancel(late.current!.id);
      await assert.rejects(identity);
    } finally {
      stopEarly();
      stopLate();
    }
  });

  test('an answer main cannot take is said', async () => {
    const prompts = new PromptsState(h.api);
    await prompts.answerMfa('no-such-prompt', '123456');
    assert.match(prompts.error ?? '', /.+/);
    await prompts.answerConfirm('no-such-prompt', true);
    assert.notEqual(prompts.error, null);
  });
});
