import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedFlights } from '../../../main/core/credentials/shared-flight.ts';
import type { AppError } from '../../../shared/errors.ts';

const cancelled = (e: AppError) =>
  e.code === 'CANCELLED' && /Resolving p was cancelled/.test(e.message);

/** Work that finishes when the test says so, and records whether it was aborted. */
function gate() {
  const state = { starts: 0, aborted: false, finish: (_value: string) => {} };
  const work = (signal: AbortSignal) => {
    state.starts++;
    // Flights start on the next tick: the signal may be aborted already.
    state.aborted = signal.aborted;
    signal.addEventListener('abort', () => (state.aborted = true));
    return new Promise<string>((resolve) => (state.finish = resolve));
  };
  return { state, work };
}

test('callers of one key share one flight; one leaving does not stop it for the others', async () => {
  const flights = new SharedFlights<string>();
  const { state, work } = gate();
  const leaving = new AbortController();
  const first = flights.run('p', work, leaving.signal, 'Resolving p');
  const second = flights.run('p', work, undefined, 'Resolving p');
  leaving.abort();
  await assert.rejects(first, cancelled);
  await new Promise(setImmediate);
  state.finish('credentials');
  assert.equal(await second, 'credentials');
  assert.equal(state.starts, 1);
  assert.equal(state.aborted, false, 'someone still waited for it');
});

test('when every caller has gone the work is aborted, and the next caller starts afresh', async () => {
  const flights = new SharedFlights<string>();
  const { state, work } = gate();
  const a = new AbortController();
  const b = new AbortController();
  const first = flights.run('p', work, a.signal, 'Resolving p');
  const second = flights.run('p', work, b.signal, 'Resolving p');
  a.abort();
  b.abort();
  await assert.rejects(first, cancelled);
  await assert.rejects(second, cancelled);
  assert.equal(state.aborted, true);
  const again = flights.run('p', work, undefined, 'Resolving p');
  await new Promise(setImmediate); // the new flight starts on the next tick
  state.finish('fresh');
  assert.equal(await again, 'fresh');
  assert.equal(state.starts, 2);
});

test('an already-cancelled caller is refused without starting anything', async () => {
  const flights = new SharedFlights<string>();
  const { state, work } = gate();
  await assert.rejects(flights.run('p', work, AbortSignal.abort(), 'Resolving p'), cancelled);
  assert.equal(state.starts, 0);
});
