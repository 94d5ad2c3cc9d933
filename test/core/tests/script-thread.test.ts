/**
 * A script that spends its time inside one built-in call (QuickJS's interrupt never gets a
 * turn) is stopped by terminating its worker thread: the host's event loop keeps running, the
 * error names the script and the limit, and the next script runs on a fresh worker.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import type { ScriptInput } from '../../../main/core/tests/script-prelude.ts';
import { runScript } from '../../../main/core/tests/script-runner.ts';

const input: ScriptInput = {
  phase: 'post',
  request: { query: '{ a }', operationName: null, variables: {}, headers: {} },
  response: null,
  vars: {},
  env: {},
  secretNames: [],
  aws: { region: null, account: null },
};

test('a script busy in one huge built-in call is stopped at the time limit; the host stays responsive', async () => {
  await runScript('1', input, 'warm-up');
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  let fired = false;
  setTimeout(() => (fired = true), 100);
  const start = performance.now();
  // In process this ran ~35 s (each fill runs to its end before the interrupt is asked).
  const outcome = await runScript(
    'for (;;) { new Array(1e6).fill(0) }',
    input,
    'post script of Filler',
  );
  const elapsed = performance.now() - start;
  clearInterval(timer);
  assert.equal(
    outcome.error,
    'post script of Filler stopped: it ran longer than 1000 ms (the time limit for a script).',
  );
  assert.ok(fired, 'a host timer fired while the script ran');
  assert.ok(ticks > 0, 'the host event loop kept turning');
  assert.ok(elapsed < 15_000, `stopped well before the memory-limit path (${elapsed} ms)`);

  const next = await runScript(`vars.set('after', 1); test('ok', () => {});`, input, 'next');
  assert.equal(next.error, null);
  assert.deepEqual(next.vars, { after: 1 });
  assert.deepEqual(
    next.tests.map((t) => [t.name, t.passed]),
    [['ok', true]],
  );
});
