import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { regionFromUrl } from '../../../shared/endpoint-url.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

const APPSYNC = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';

async function makeStore() {
  const dir = await makeTempDir('endpoints');
  const vault = new FileVault(dir);
  return { dir, vault, store: new EndpointStore(dir, vault) };
}

describe('endpoint store', () => {
  test('create, list, update, duplicate, delete — persisted as JSON', async () => {
    const { dir, vault, store } = await makeStore();
    const created = await store.create({
      name: 'Orders prod',
      url: APPSYNC,
      authModes: [
        { type: 'AWS_IAM', profile: null },
        { type: 'API_KEY', source: { from: 'vault', secretRef: 'anything' } },
      ],
      headers: { 'x-team': 'ops' },
    });
    assert.deepEqual(created.authModes[0], { type: 'AWS_IAM', profile: null, service: 'appsync' });
    await store.setSecret(created.id, 'API_KEY', 'da2-secretvalue0000000001');
    const reopened = new EndpointStore(dir, vault);
    assert.equal((await reopened.list()).length, 1);
    const updated = await reopened.update(created.id, { name: 'Orders (prod)' });
    assert.equal(updated.name, 'Orders (prod)');
    assert.equal(updated.headers['x-team'], 'ops');

    const copy = await reopened.duplicate(created.id);
    assert.equal(copy.name, 'Orders (prod) (copy)');
    const copyKey = copy.authModes[1];
    assert.ok(copyKey?.type === 'API_KEY' && copyKey.source.from === 'vault');
    assert.equal(await vault.get(copyKey.source.secretRef), 'da2-secretvalue0000000001');

    await reopened.delete(created.id);
    assert.deepEqual(
      (await reopened.list()).map((e) => e.id),
      [copy.id],
    );
    assert.equal(await vault.get(`endpoint:${created.id}:API_KEY`), null, 'its secret is gone too');
    const file = await readFile(reopened.file, 'utf8');
    assert.ok(!file.includes('da2-secretvalue'), 'the secret never reaches the endpoints file');
  });

  test("a vault reference always points at the endpoint's own entry", async () => {
    const { store } = await makeStore();
    const e = await store.create({
      name: 'x',
      url: APPSYNC,
      authModes: [
        { type: 'OPENID_CONNECT', source: { from: 'vault', secretRef: 'oidc:corp:refresh-token' } },
      ],
    });
    assert.deepEqual(e.authModes[0], {
      type: 'OPENID_CONNECT',
      source: { from: 'vault', secretRef: `endpoint:${e.id}:OPENID_CONNECT` },
    });
  });

  test('invalid endpoints are refused with a clear message', async () => {
    const { store } = await makeStore();
    await assert.rejects(
      store.create({ name: 'x', url: 'ftp://x', authModes: [{ type: 'AWS_IAM', profile: null }] }),
      {
        code: 'INVALID_INPUT',
        message: /url/,
      },
    );
    await assert.rejects(
      store.create({
        name: 'x',
        url: 'https://api.example.com/graphql',
        authModes: [{ type: 'AWS_IAM', profile: 'p' }],
      }),
      { code: 'INVALID_INPUT', message: /region cannot be read from api\.example\.com/ },
    );
    await assert.rejects(store.get('missing'), { code: 'ENDPOINT_NOT_FOUND' });
    await assert.rejects(store.setSecret('missing', 'API_KEY', 'v'), {
      code: 'ENDPOINT_NOT_FOUND',
    });
    const ok = await store.create({
      name: 'custom',
      url: 'https://api.example.com/graphql',
      authModes: [{ type: 'AWS_IAM', profile: 'p', region: 'us-west-2', service: 'execute-api' }],
    });
    await assert.rejects(store.setSecret(ok.id, 'API_KEY', 'v'), { code: 'INVALID_INPUT' });
  });

  test('a corrupt file is moved aside, never lost', async () => {
    const { dir, vault } = await makeStore();
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/endpoints.json`, '{"version":1,"endpoints":[{"id":');
    const store = new EndpointStore(dir, vault);
    assert.deepEqual(await store.list(), []);
    assert.ok(store.recovered);
    assert.equal(await readFile(store.recovered, 'utf8'), '{"version":1,"endpoints":[{"id":');
  });

  test('regions are read from AWS hostnames only', () => {
    assert.equal(regionFromUrl(APPSYNC), 'eu-west-1');
    assert.equal(
      regionFromUrl('https://x1.execute-api.ap-southeast-2.amazonaws.com/prod'),
      'ap-southeast-2',
    );
    assert.equal(regionFromUrl('https://api.example.com/graphql'), null);
    assert.equal(regionFromUrl('http://127.0.0.1:4000/graphql'), null);
  });
});
