/** Saves one large request over and over, printing a line per save, until it is killed. */
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { MemoryVault } from './memory-vault.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';

const store = await CollectionStore.open(process.argv[2]!, {
  vault: new MemoryVault(),
  watch: false,
});
let version: string | null = null;
for (let i = 0; ; i++) {
  const body = `  field${i}\n`.repeat(20_000);
  const saved = await store.save(
    'Big',
    {
      name: 'Big',
      query: `query Big${i} {\n${body}}\n`,
      operationName: `Big${i}`,
      variables: { blob: String(i % 10).repeat(200_000) },
      headers: {},
      endpointRef: null,
      url: null,
      auth: null,
      profile: null,
      ...noRequestTests(),
    },
    version,
  );
  version = saved.version;
  process.stdout.write(`${i}\n`);
}
