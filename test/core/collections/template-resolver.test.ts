import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { resolveTemplate } from '../../../main/core/collections/template-resolver.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

describe('environments and {{variables}}', () => {
  test('variables resolve in URL, headers, auth and GraphQL variables; secrets come from the vault', async () => {
    const folder = await makeTempDir('env');
    const vault = new MemoryVault();
    const store = await CollectionStore.open(folder, { vault, watch: false });
    await store.setVariable(null, 'tenant', 'acme', false);
    await store.setVariable('dev', 'apiUrl', 'http://127.0.0.1:4000/graphql', false);
    await store.setVariable('dev', 'apiKey', 'da2-devkeyvalue000000000000000', true);
    await store.setVariable('prod', 'apiUrl', 'https://prod.example.com/graphql', false);
    const file = await readFile(join(folder, 'collection.json'), 'utf8');
    assert.equal(file.includes('da2-devkeyvalue'), false, 'the secret is not in the file');
    const request = {
      name: 'Get order',
      query: 'query ($id: ID!) { order(id: $id) { id } }',
      operationName: null,
      variables: { id: '{{tenant}}-1', nested: ['{{ tenant }}'], n: 3 },
      headers: { 'x-tenant': '{{tenant}}' },
      endpointRef: null,
      url: '{{apiUrl}}',
      auth: { type: 'API_KEY' as const, value: '{{apiKey}}' },
      profile: null,
      ...noRequestTests(),
    };
    const dev = await resolveTemplate(request, await store.environment('dev'), vault);
    assert.equal(dev.url, 'http://127.0.0.1:4000/graphql');
    assert.deepEqual(dev.variables, { id: 'acme-1', nested: ['acme'], n: 3 });
    assert.deepEqual(dev.headers, { 'x-tenant': 'acme' });
    assert.deepEqual(dev.auth, { type: 'API_KEY', value: 'da2-devkeyvalue000000000000000' });
    await assert.rejects(resolveTemplate(request, await store.environment('prod'), vault), {
      code: 'COLLECTION_INVALID',
      message: /\{\{apiKey\}\}.*environment "prod"/,
    });
    await assert.rejects(
      resolveTemplate(request, await store.environment('dev'), new MemoryVault()),
      {
        code: 'SECRET_MISSING',
      },
    );
    await assert.rejects(store.environment('staging'), {
      code: 'NOT_FOUND',
      message: /has: dev, prod/,
    });
    await store.removeVariable('dev', 'apiKey');
    assert.equal(vault.entries.size, 0, 'removing a secret variable removes it from the vault');
    store.close();
  });
});
