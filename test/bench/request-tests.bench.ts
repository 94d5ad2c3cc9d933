/**
 * What a request's checks cost on top of its run, against the sandbox's AppSync: the same
 * saved request run plain, with five assertions, and with a post script (QuickJS warm), each
 * many times, interleaved so the machine's noise falls on all three alike. Prints the median
 * per run, the overhead over the plain run in ms and as a ratio (target: under 2 ms each), and
 * the checks alone without the network. Never asserts.
 *   node_modules/.bin/node test/bench/request-tests.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { CollectionStore } from '../../main/core/collections/collection-store.ts';
import { runSavedRequest } from '../../main/core/collections/saved-request-runner.ts';
import { RequestService } from '../../main/core/requests/request-service.ts';
import { checkAnswer, newRunState, runPreScript } from '../../main/core/tests/request-checks.ts';
import { quickJs } from '../../main/core/tests/quickjs-sandbox.ts';
import { startSandbox } from '../../main/sandbox/sandbox-server.ts';
import type { AssertionDTO } from '../../shared/request-tests.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { MemoryVault } from '../core/collections/memory-vault.ts';
import { apiKeyDraft } from '../core/tests/api-key-draft.ts';

const RUNS = 150;
const sandbox = await startSandbox();
const dataDir = await makeTempDir('bench-tests');
const vault = new MemoryVault();
const requests = new RequestService({
  environment: { env: {}, homeDir: dataDir, dataDir },
  credentials: {
    resolve: async () => Promise.reject(new Error('no IAM here')),
    region: async () => null,
  },
  vault,
});
const folder = await makeTempDir('bench-tests-collection');
const store = await CollectionStore.open(folder, { vault, watch: false });
await store.setVariable(null, 'apiUrl', sandbox.graphqlUrl, false);
await store.setVariable(null, 'apiKey', sandbox.apiKey, true);
const query = '{ listNotes(limit: 5) { items { id title tags } } }';
const assertions: AssertionDTO[] = [
  { enabled: true, path: 'status', operator: 'eq', value: '200' },
  { enabled: true, path: 'data.listNotes.items', operator: 'length', value: '5' },
  { enabled: true, path: 'data.listNotes.items[0].id', operator: 'exists', value: null },
  { enabled: true, path: 'data.listNotes.items[0].title', operator: 'type', value: 'string' },
  { enabled: true, path: 'headers.content-type', operator: 'matches', value: '^application/json' },
];
const post = `test('five notes', () => expect(response.data.listNotes.items).toHaveLength(5));
vars.set('firstId', response.data.listNotes.items[0].id);`;
await store.save('plain', apiKeyDraft('plain', query), null);
await store.save('assertions', apiKeyDraft('assertions', query, { assertions }), null);
await store.save('script', apiKeyDraft('script', query, { scripts: { pre: null, post } }), null);

await quickJs(); // warm: the module compiles once per process
const samples: Record<string, number[]> = { plain: [], assertions: [], script: [] };
for (let i = 0; i < RUNS + 10; i++) {
  for (const id of ['plain', 'assertions', 'script']) {
    const start = performance.now();
    const result = await runSavedRequest(store, id, { environment: null }, requests, vault);
    if (result.status !== 200 || result.tests?.passed === false) throw new Error(`${id} failed`);
    if (i >= 10) samples[id]!.push(performance.now() - start);
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// The checks alone, on one real answer: what they add, without the network's noise.
const answer = await runSavedRequest(store, 'plain', { environment: null }, requests, vault);
const environment = await store.environment(null);
const context = {
  id: 'bench',
  environment,
  state: newRunState(),
  aws: { region: null, account: null },
};
const request = apiKeyDraft('x', query, { assertions, scripts: { pre: null, post } });
const alone = (what: 'assertions' | 'script') => {
  const draft =
    what === 'assertions'
      ? { ...request, scripts: { pre: null, post: null } }
      : { ...request, assertions: [] };
  return async () => {
    const pre = await runPreScript(draft, context);
    await checkAnswer(draft, answer, pre, context, []);
  };
};
const time = async (fn: () => Promise<void>) => {
  const values: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    values.push(performance.now() - start);
  }
  return median(values);
};
const assertionsAlone = await time(alone('assertions'));
const scriptAlone = await time(alone('script'));

const base = median(samples.plain!);
console.log(`request-tests bench: ${RUNS} runs each against the sandbox, medians`);
console.log(`  plain run                       ${base.toFixed(2)} ms`);
for (const id of ['assertions', 'script'] as const) {
  const value = median(samples[id]!);
  const name = id === 'assertions' ? 'with 5 assertions' : 'with a post script';
  console.log(
    `  ${name.padEnd(32)}${value.toFixed(2)} ms  overhead ${(value - base).toFixed(2)} ms, ratio ${(value / base).toFixed(2)} (target < 2 ms)`,
  );
}
console.log(`  5 assertions alone (no network) ${assertionsAlone.toFixed(3)} ms`);
console.log(`  post script alone (no network)  ${scriptAlone.toFixed(3)} ms`);
store.close();
await requests.transport.close();
await sandbox.close();
