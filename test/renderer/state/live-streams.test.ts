import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  KEPT_MESSAGES,
  LiveSubscription,
  StreamRegistry,
} from '../../../renderer/src/lib/state/live-streams.svelte.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from '../../../shared/realtime.ts';

const T0 = 1_700_000_000_000;

function state(overrides: Partial<SubscriptionStateDTO> = {}): SubscriptionStateDTO {
  return {
    id: 'sub-1',
    status: 'active',
    realtimeUrl: 'ws://127.0.0.1/graphql/realtime',
    authMode: 'API_KEY',
    operationName: null,
    messageCount: 0,
    droppedCount: 0,
    reconnectAttempt: 0,
    error: null,
    at: T0,
    ...overrides,
  };
}

let seq = 0;
function batch(count: number, overrides: Partial<MessageBatchDTO> = {}): MessageBatchDTO {
  const messages = Array.from({ length: count }, () => {
    seq += 1;
    return { seq, receivedAt: T0, payload: { data: { n: seq } } };
  });
  return {
    subscriptionId: 'sub-1',
    messages,
    droppedSinceLastBatch: 0,
    totalReceived: seq,
    totalDropped: 0,
    ...overrides,
  };
}

describe('LiveSubscription', () => {
  afterEach(() => {
    seq = 0;
  });

  test('shows messages newest first, with a one-line preview of their data', () => {
    const stream = new LiveSubscription('tab-1', state());
    stream.receive(batch(2), T0);
    stream.receive(
      {
        ...batch(0),
        messages: [{ seq: 3, receivedAt: T0, payload: { data: null, errors: [{}] } }],
      },
      T0,
    );
    assert.deepEqual(
      stream.messages.map((m) => m.seq),
      [3, 2, 1],
    );
    assert.equal(stream.messages[1]?.preview, '{"n":2}');
    assert.equal(stream.messages[0]?.hasErrors, true);
    assert.equal(stream.messages[1]?.hasErrors, false);
  });

  test('keeps at most KEPT_MESSAGES; what is pushed out or dropped in main is counted', () => {
    const stream = new LiveSubscription('tab-1', state());
    stream.receive(batch(KEPT_MESSAGES - 1), T0);
    stream.receive(batch(5, { droppedSinceLastBatch: 3 }), T0);
    assert.equal(stream.messages.length, KEPT_MESSAGES);
    assert.equal(stream.messages[0]?.seq, KEPT_MESSAGES + 4);
    assert.equal(stream.dropped, 4 + 3);
    assert.equal(stream.received, KEPT_MESSAGES + 4);
  });

  test('pausing freezes the view; resuming catches up with what arrived meanwhile', () => {
    const stream = new LiveSubscription('tab-1', state());
    stream.receive(batch(1), T0);
    stream.togglePause();
    stream.receive(batch(2), T0);
    assert.deepEqual(
      stream.messages.map((m) => m.seq),
      [1],
    );
    assert.equal(stream.received, 3, 'the count keeps going');
    stream.togglePause();
    assert.deepEqual(
      stream.messages.map((m) => m.seq),
      [3, 2, 1],
    );
    stream.clear();
    assert.deepEqual(stream.messages, []);
    assert.equal(stream.received, 3);
  });

  test('the rate is messages per second over the last seconds, and 0 once ended', () => {
    const stream = new LiveSubscription('tab-1', state());
    stream.measure(T0);
    stream.receive(batch(10), T0 + 2000);
    assert.equal(stream.rate, 5);
    stream.measure(T0 + 12_000);
    stream.measure(T0 + 20_000);
    assert.equal(stream.rate, 0, 'falls when the stream goes quiet');
    stream.receive(batch(4), T0 + 21_000);
    assert.ok(stream.rate > 0);
    stream.update(state({ status: 'stopped', messageCount: 14 }), T0 + 21_500);
    assert.equal(stream.live, false);
    assert.equal(stream.rate, 0);
  });
});

describe('StreamRegistry', () => {
  afterEach(() => {
    seq = 0;
  });

  test('events that arrive before the start answered are applied when it is tracked', () => {
    const registry = new StreamRegistry();
    registry.batch(batch(2));
    registry.state(state({ status: 'stopped', at: T0 + 10 }));
    const stream = registry.track('tab-1', state({ status: 'connecting' }));
    assert.equal(stream.messages.length, 2);
    assert.equal(stream.state.status, 'stopped', 'the later state wins');
    assert.equal(registry.has('sub-1'), true);
  });

  test('a held state older than the start answer does not replace it', () => {
    const registry = new StreamRegistry();
    registry.state(state({ status: 'connecting', at: T0 - 10 }));
    const stream = registry.track('tab-1', state({ status: 'active', at: T0 }));
    assert.equal(stream.state.status, 'active');
    stream.update(state({ status: 'stopped' }), T0);
  });

  test('events route to their own stream; a forgotten one gets none', () => {
    const registry = new StreamRegistry();
    const stream = registry.track('tab-1', state());
    registry.batch(batch(1));
    assert.equal(stream.messages.length, 1);
    registry.forget('sub-1');
    registry.batch(batch(1));
    assert.equal(stream.messages.length, 1);
    stream.update(state({ status: 'stopped' }), T0);
  });
});
