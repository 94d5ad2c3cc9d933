/**
 * A collection of 1,000 requests in 20 folders: time to open it (tree with every request
 * parsed) and to read one request. Prints numbers; never asserts.
 *   node_modules/.bin/node test/bench/collections.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CollectionStore, requestIdFor } from '../../main/core/collections/collection-store.ts';
import type { SecretVault } from '../../main/core/ports.ts';
import { noRequestTests } from '../../shared/request-tests.ts';

const vault: SecretVault = { get: async () => null, put: async () => {}, delete: async () => {} };
const folder = mkdtempSync(join(tmpdir(), 'awb-bench-collection-'));
try {
  const writer = await CollectionStore.open(folder, { vault, watch: false });
  for (let f = 0; f < 20; f++) {
    const dir = await writer.createFolder('', `Folder ${f}`);
    for (let r = 0; r < 50; r++) {
      await writer.save(
        requestIdFor(dir, `Request ${r}`),
        {
          name: `Request ${r}`,
          query: `query Op${r}($id: ID!) {\n  item(id: $id) { id name owner { id email } tags }\n}\n`,
          operationName: `Op${r}`,
          variables: { id: `{{itemId}}`, limit: 25 },
          headers: { 'x-tenant': '{{tenant}}' },
          endpointRef: null,
          url: '{{apiUrl}}',
          auth: { type: 'AWS_IAM', region: 'eu-west-1', service: 'appsync' },
          profile: null,
          ...noRequestTests(),
        },
        null,
      );
    }
  }
  writer.close();
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const store = await CollectionStore.open(folder, { vault, watch: i % 2 === 0 });
    samples.push(performance.now() - start);
    store.close();
  }
  samples.sort((a, b) => a - b);
  const store = await CollectionStore.open(folder, { vault, watch: false });
  const t = performance.now();
  for (let i = 0; i < 100; i++) await store.read(`Folder ${i % 20}/Request ${i % 50}`);
  const readMs = (performance.now() - t) / 100;
  console.log('collections bench, 1,000 requests in 20 folders');
  console.log(
    `  open (tree, every request parsed)  median ${samples[3]!.toFixed(1)} ms, worst ${samples[6]!.toFixed(1)} ms (budget < 500)`,
  );
  console.log(`  read one request                   ${readMs.toFixed(2)} ms`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
