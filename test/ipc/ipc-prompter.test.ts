import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IpcPrompter } from '../../main/ipc/ipc-prompter.ts';
import { OperationRegistry } from '../../main/ipc/operations.ts';
import { AppError } from '../../shared/errors.ts';
import type { PromptDTO } from '../../shared/prompts.ts';

function channel() {
  const requested: PromptDTO[] = [];
  const closed: string[] = [];
  return {
    requested,
    closed,
    emitRequested: (p: PromptDTO) => requested.push(p),
    emitClosed: (id: string) => closed.push(id),
  };
}

const MFA = {
  profile: 'ops-admin',
  roleArn: 'arn:aws:iam::1:role/Admin',
  serial: 'arn:aws:iam::1:mfa/alice',
};
const isCancelled = (error: unknown) =>
  error instanceof AppError && error.code === 'PROMPT_CANCELLED';

describe('prompts over IPC', () => {
  test('an MFA question names profile, role and device, and takes the answer', async () => {
    const events = channel();
    const prompter = new IpcPrompter(events);
    const answer = prompter.mfaCode(MFA);
    const [asked] = events.requested;
    assert.ok(asked?.kind === 'mfa');
    assert.deepEqual(prompter.open(), [asked]);
    prompter.respond(asked.id, { kind: 'mfa', code: '123456' });
    assert.equal(await answer, '123456');
    assert.deepEqual(events.closed, [asked.id]);
    assert.deepEqual(prompter.open(), []);
  });

  test('cancel rejects with PROMPT_CANCELLED; a second answer finds nothing', async () => {
    const events = channel();
    const prompter = new IpcPrompter(events);
    const answer = prompter.mfaCode(MFA);
    const id = events.requested[0]?.id ?? '';
    prompter.cancel(id);
    await assert.rejects(answer, isCancelled);
    assert.throws(() => prompter.respond(id, { kind: 'mfa', code: '123456' }), /no longer open/);
  });

  test('aborting the work withdraws the question; nobody answering times out', async () => {
    const events = channel();
    const prompter = new IpcPrompter(events, 30);
    const controller = new AbortController();
    const withdrawn = prompter.mfaCode(MFA, controller.signal);
    controller.abort();
    await assert.rejects(withdrawn, isCancelled);
    await assert.rejects(prompter.confirm('Run a mutation on production?'), isCancelled);
    assert.equal(events.closed.length, 2);
  });

  test('an answer of the wrong kind is refused and the question stays open', async () => {
    const events = channel();
    const prompter = new IpcPrompter(events);
    const answer = prompter.confirm('Sure?');
    const id = events.requested[0]?.id ?? '';
    assert.throws(() => prompter.respond(id, { kind: 'mfa', code: '123456' }), /asks for confirm/);
    prompter.respond(id, { kind: 'confirm', accepted: true });
    assert.equal(await answer, true);
  });
});

describe('operations', () => {
  test('a running operation can be cancelled by its id', async () => {
    const operations = new OperationRegistry();
    const running = operations.run(
      'op-1',
      (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    );
    assert.equal(operations.cancel('op-1'), true);
    await assert.rejects(running, (e: unknown) => e instanceof AppError && e.code === 'CANCELLED');
    assert.equal(operations.cancel('op-1'), false, 'finished operations are forgotten');
  });
});
