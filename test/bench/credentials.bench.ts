/**
 * Credentials engine figures, printed, never asserted as timings:
 * - what a cached profile adds to a request: `resolve()` on a warm 3-hop chain vs a no-op
 *   async baseline measured in the same run (target: well under 1 ms);
 * - what a cold 3-hop chain costs in STS calls (target: exactly 3 — two AssumeRole and one
 *   GetCallerIdentity), counted by the local STS.
 * Run: node test/bench/credentials.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { CredentialsService } from '../../main/core/credentials/credentials-service.ts';
import {
  ScriptedPrompter,
  awsHome,
  peerEnv,
  startPeers,
  stsCalls,
} from '../core/credentials/credential-fixtures.ts';

const ROUNDS = 200_000;

async function timePerCall(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10_000; i++) await call(); // warm-up
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await call();
  return (performance.now() - start) / ROUNDS;
}

const peers = await startPeers();
try {
  const home = await awsHome(peers);
  const credentials = new CredentialsService({
    environment: home.environment(peerEnv(peers)),
    prompter: new ScriptedPrompter(),
  });

  const before = peers.calls.length;
  const coldStart = performance.now();
  const who = await credentials.identity('ops-admin');
  const coldMs = performance.now() - coldStart;
  const cold = stsCalls({ ...peers, calls: peers.calls.slice(before) });

  const noop = () => Promise.resolve(null);
  const baseline = await timePerCall(noop);
  const cached = await timePerCall(() => credentials.resolve('ops-admin'));
  const warm = stsCalls({ ...peers, calls: peers.calls.slice(before) }).length - cold.length;

  console.log(`cold 3-hop chain (ops-admin → ops-base → keys) as ${who.arn}`);
  console.log(
    `  STS calls: ${cold.length} (${cold.map((c) => c.action).join(', ')}) in ${coldMs.toFixed(1)} ms`,
  );
  console.log(`cached resolve over ${ROUNDS.toLocaleString()} calls (${warm} more STS calls)`);
  console.log(`  no-op async baseline: ${(baseline * 1000).toFixed(3)} µs/call`);
  console.log(`  cached resolve:       ${(cached * 1000).toFixed(3)} µs/call`);
  console.log(
    `  overhead: ${((cached - baseline) * 1000).toFixed(3)} µs (${(cached / baseline).toFixed(2)}× baseline; target < 1000 µs)`,
  );
} finally {
  await peers.close();
}
