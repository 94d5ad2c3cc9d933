/**
 * Batching and the bounded buffer: a listener that falls behind loses the oldest messages, not
 * memory, and is told how many; a fast listener gets everything in order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MessageBatchDTO } from '../../../shared/realtime.ts';
import { MessageBatcher } from '../../../main/core/streams/message-batcher.ts';

test('a busy listener loses the oldest messages, counted, and keeps the newest in order', async () => {
  const batches: MessageBatchDTO[] = [];
  let release = () => {};
  const firstTaken = new Promise<void>((resolve) => {
    release = resolve;
  });
  let calls = 0;
  const batcher = new MessageBatcher(
    'sub-1',
    async (batch) => {
      batches.push(batch);
      calls += 1;
      if (calls === 1) await firstTaken; // the renderer is busy with the first batch
    },
    { intervalMs: 5, maxBatch: 10, capacity: 20 },
  );
  for (let i = 1; i <= 10; i += 1) batcher.push(i, 0); // fills one batch: delivered at once
  for (let i = 11; i <= 60; i += 1) batcher.push(i, 0); // 50 more while the listener is busy
  release();
  await batcher.flush();

  const seqs = batches.flatMap((b) => b.messages.map((m) => m.seq));
  assert.deepEqual(seqs.slice(0, 10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(
    seqs.slice(10),
    Array.from({ length: 20 }, (_, i) => 41 + i),
  );
  assert.equal(batches[1]!.droppedSinceLastBatch, 30);
  assert.equal(batcher.dropped, 30);
  assert.equal(batcher.received, 60);
  assert.ok(batches.every((b) => b.messages.length <= 10));
  assert.deepEqual(batches.at(-1)!.messages.at(-1)!.payload, 60);
});

test('a quiet stream is delivered after the interval, not held back for a full batch', async () => {
  const batches: MessageBatchDTO[] = [];
  const batcher = new MessageBatcher('sub-2', (batch) => void batches.push(batch), {
    intervalMs: 5,
  });
  batcher.push({ n: 1 }, 1);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(batches.length, 1);
  assert.deepEqual(batches[0]!.messages, [{ seq: 1, receivedAt: 1, payload: { n: 1 } }]);
  await batcher.close();
});
