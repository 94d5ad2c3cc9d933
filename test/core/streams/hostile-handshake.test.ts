/**
 * A hostile or broken endpoint's handshake frames: an `errors` that is not a list, or holds
 * null, a string or a huge message, is read as what it can be (never a TypeError inside the
 * socket's message listener); an announced keep-alive timeout of 0, a string or past Node's
 * timer limit becomes a bounded one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readServerMessage, realtimeWire } from '../../../main/core/realtime/realtime-protocol.ts';
import { isExpiredToken, isRetryable } from '../../../main/core/streams/appsync-refusals.ts';
import { keepAliveTimeout } from '../../../main/core/streams/stream-socket.ts';

const refusedBy = (payload: unknown) => {
  const frame = readServerMessage(JSON.stringify({ type: 'connection_error', payload }));
  const answer = frame ? realtimeWire.handshake(frame) : null;
  assert.ok(answer && 'refused' in answer);
  return answer.refused;
};

test('connection_error errors are read as a bounded list of plain entries', () => {
  for (const errors of ['boom', 42, { errorType: 'X' }, null]) {
    assert.deepEqual(refusedBy({ errors }), [], JSON.stringify(errors));
  }
  const refused = refusedBy({
    errors: [null, 'x', [1], { errorType: 'UnauthorizedException', message: 'm'.repeat(10_000) }],
  });
  assert.equal(refused.length, 1);
  assert.equal(refused[0]!.errorType, 'UnauthorizedException');
  assert.equal(refused[0]!.message!.length, 2000);
  assert.equal(refusedBy({ errors: Array.from({ length: 500 }, () => ({})) }).length, 20);
  // What the socket then asks of them does not throw.
  assert.doesNotThrow(() => [isRetryable(refused), isExpiredToken(refused)]);
});

test('an announced keep-alive timeout is bounded', () => {
  assert.equal(keepAliveTimeout(5_000), 5_000);
  assert.equal(keepAliveTimeout(0), 100);
  assert.equal(keepAliveTimeout(-1), 100);
  assert.equal(keepAliveTimeout(1e12), 3_600_000);
  for (const hostile of ['300000', null, undefined, Number.NaN, Infinity, {}]) {
    assert.equal(keepAliveTimeout(hostile), 300_000, String(hostile));
  }
});
