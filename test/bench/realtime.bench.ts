/**
 * Real-time figures: a stream of RATE events a second for SECONDS seconds, published by
 * the sandbox and received by the core over a real WebSocket (IAM-signed start), checked for
 * order and loss, with delivery latency (publish → batch handed to the listener), batch counts
 * and the core process's event-loop delay. Printed numbers only; nothing is asserted on time.
 * Run: node_modules/.bin/node test/bench/realtime.bench.ts   (BENCH_RATE, BENCH_SECONDS to change)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MessageBatchDTO } from '../../shared/realtime.ts';
import { RealtimeService } from '../../main/core/realtime/realtime-service.ts';
import { startSandbox } from '../../main/sandbox/sandbox-server.ts';
import { StaticCredentialSource } from '../core/requests/support/static-credential-source.ts';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOTAL = RATE * SECONDS;

const sandbox = await startSandbox({
  realtime: { keepAliveIntervalMs: 1000, connectionTimeoutMs: 5000 },
});
const { user } = sandbox.demo;
const service = new RealtimeService({
  env: {},
  credentials: new StaticCredentialSource({
    bench: {
      credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
    },
  }),
  vault: { get: async () => null, put: async () => undefined, delete: async () => undefined },
});

const publishedAt = new Float64Array(TOTAL);
const latencies: number[] = [];
let received = 0;
let outOfOrder = 0;
let batches = 0;
let largestBatch = 0;
let finished = () => {};
const done = new Promise<void>((resolve) => (finished = resolve));

const handle = await service.subscribe(
  {
    graphqlUrl: sandbox.graphqlUrl,
    auth: { type: 'AWS_IAM', profile: 'bench', region: sandbox.demo.region },
    query: 'subscription { onCreateNote { id title } }',
  },
  {
    onBatch: (batch: MessageBatchDTO) => {
      batches += 1;
      largestBatch = Math.max(largestBatch, batch.messages.length);
      const now = performance.now();
      for (const message of batch.messages) {
        const id = Number(
          (message.payload as { data: { onCreateNote: { id: string } } }).data.onCreateNote.id,
        );
        if (id !== received) outOfOrder += 1;
        latencies.push(now - publishedAt[id]!);
        received += 1;
      }
      if (received >= TOTAL) finished();
    },
  },
);
await handle.ready;

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const started = performance.now();
// Publish on a 10 ms tick, RATE/100 events per tick, catching up if a tick ran late.
let sent = 0;
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(TOTAL, Math.round(((performance.now() - started) / 1000) * RATE));
    for (; sent < due; sent += 1) {
      publishedAt[sent] = performance.now();
      sandbox.realtime.publish('createNote', { id: String(sent), title: `event ${sent}` });
    }
    if (sent >= TOTAL) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
const elapsed = (performance.now() - started) / 1000;
loop.disable();
await handle.stop();
await sandbox.close();

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const state = handle.state();
console.log(
  `real-time stream: ${RATE}/s for ${SECONDS} s (${TOTAL} events) in ${elapsed.toFixed(2)} s`,
);
console.log(
  `  received ${received}/${TOTAL}, lost ${TOTAL - received}, out of order ${outOfOrder}, dropped ${state.droppedCount}`,
);
console.log(
  `  batches ${batches} (${(received / Math.max(1, batches)).toFixed(1)} events/batch, largest ${largestBatch})`,
);
console.log(
  `  latency publish→listener ms: p50 ${pct(50).toFixed(1)}, p95 ${pct(95).toFixed(1)}, p99 ${pct(99).toFixed(1)}, max ${pct(100).toFixed(1)}`,
);
console.log(
  `  event-loop delay ms (sandbox and core share this process): p99 ${(loop.percentile(99) / 1e6).toFixed(1)}, max ${(loop.max / 1e6).toFixed(1)}`,
);
