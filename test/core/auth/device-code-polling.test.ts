import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  awaitDeviceApproval,
  pollInterval,
  type DevicePoll,
} from '../../../main/core/auth/device-code-polling.ts';
import type { DeviceCodePrompt } from '../../../main/core/ports.ts';
import { AppError } from '../../../shared/errors.ts';

/** A person and a provider on an injected clock: each wait moves the clock as far as it asks. */
function world(answers: Array<DevicePoll<string> | Error>, expiresInS = 600, intervalS?: number) {
  const clock = { t: 1_000_000, now: () => clock.t };
  const w = {
    waits: [] as number[],
    polls: 0,
    prompts: [] as Array<{ prompt: DeviceCodePrompt; signal: AbortSignal }>,
    opened: [] as string[],
    controller: new AbortController(),
    onWait: (_index: number) => undefined as void,
    beforePoll: () => undefined as void,
    run(openBrowser = false) {
      return awaitDeviceApproval({
        code: {
          userCode: 'ABCD-EFGH',
          verificationUri: 'https://idp.example/device',
          verificationUriComplete: null,
          expiresInS,
          intervalS,
        },
        purpose: 'test',
        prompter: {
          mfaCode: () => Promise.reject(new Error('no MFA here')),
          confirm: () => Promise.resolve(false),
          showDeviceCode: (prompt, signal) => void w.prompts.push({ prompt, signal }),
        },
        opener: { open: async (url: string) => void w.opened.push(url) },
        openBrowser,
        clock,
        signal: w.controller.signal,
        async wait(ms, signal) {
          w.onWait(w.waits.push(ms) - 1);
          if (signal?.aborted) throw signal.reason;
          clock.t += ms;
        },
        async poll() {
          w.beforePoll();
          const answer = answers[w.polls++] ?? { error: 'authorization_pending' };
          if (answer instanceof Error) throw answer;
          return answer;
        },
        endings: {
          expired: () => new AppError('TIMEOUT', 'expired'),
          denied: () => new AppError('UNAUTHORIZED', 'denied'),
          cancelled: () => new AppError('CANCELLED', 'cancelled'),
        },
      });
    },
  };
  return w;
}

describe('device-code polling (RFC 8628)', () => {
  test('polls at the interval, adds 5 s for each slow_down, and returns the token', async () => {
    const w = world(
      [
        { error: 'authorization_pending' },
        { error: 'slow_down' },
        { error: 'authorization_pending' },
        { error: 'slow_down' },
        { token: 'the-token' },
      ],
      600,
      2,
    );
    assert.equal(await w.run(true), 'the-token');
    assert.deepEqual(w.waits, [2000, 2000, 7000, 7000, 12000]);
    assert.deepEqual(w.opened, ['https://idp.example/device']);
    assert.equal(w.prompts[0]?.prompt.userCode, 'ABCD-EFGH');
    assert.ok(w.prompts[0]?.signal.aborted, 'the code is taken off the screen');
  });

  test('an interval outside its bounds is held to them; none means 5 s', () => {
    assert.equal(pollInterval(undefined), 5);
    assert.equal(pollInterval(0), 5);
    assert.equal(pollInterval(-3), 5);
    assert.equal(pollInterval(Number.NaN), 5);
    assert.equal(pollInterval(0.01), 1);
    assert.equal(pollInterval(86_400), 60);
    assert.equal(pollInterval(7), 7);
  });

  test('slow_down never pushes the interval past a minute', async () => {
    const w = world(
      Array.from({ length: 20 }, () => ({ error: 'slow_down' as const })),
      3600,
      50,
    );
    await assert.rejects(w.run(), /expired/);
    assert.ok(Math.max(...w.waits) <= 60_000, String(w.waits));
    assert.ok(w.waits.includes(60_000));
  });

  test('expiry stops the polling, and the last wait ends when the code does', async () => {
    const w = world([], 12, 5);
    await assert.rejects(w.run(), (e: AppError) => e.code === 'TIMEOUT');
    assert.deepEqual(w.waits, [5000, 5000, 2000]);
    assert.equal(w.polls, 2, 'no poll with an expired code');
    assert.ok(w.prompts[0]?.signal.aborted);

    const told = world([{ error: 'expired_token' }]);
    await assert.rejects(told.run(), (e: AppError) => e.code === 'TIMEOUT');
    assert.equal(told.polls, 1);
  });

  test('access_denied ends it with the flow’s words; another failure is the poll’s own', async () => {
    await assert.rejects(world([{ error: 'access_denied' }]).run(), /denied/);
    await assert.rejects(world([new Error('network down')]).run(), /network down/);
  });

  test('cancelling stops the polling, during a wait or a poll', async () => {
    const w = world([]);
    w.onWait = (index) => {
      if (index === 2) w.controller.abort();
    };
    await assert.rejects(w.run(), (e: AppError) => e.code === 'CANCELLED');
    assert.equal(w.polls, 2);
    assert.ok(w.prompts[0]?.signal.aborted);

    // The SDK rejects an aborted call with its own error: still a cancel.
    const inPoll = world([new Error('Request aborted')]);
    inPoll.beforePoll = () => inPoll.controller.abort();
    await assert.rejects(inPoll.run(), (e: AppError) => e.code === 'CANCELLED');
  });
});
