import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { OidcProviderStore } from '../../../main/core/oidc/provider-store.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import type { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

async function makeStore() {
  const dir = await makeTempDir('oidc-store');
  const vault = new FileVault(dir);
  return { dir, vault, store: new OidcProviderStore(dir, vault) };
}

const COGNITO = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';

describe('OIDC provider store', () => {
  test('keeps providers in a readable file and the client secret only in the vault', async () => {
    const { dir, vault, store } = await makeStore();
    const dto = await store.add({
      name: 'corp',
      issuer: COGNITO,
      clientId: '1example23456789',
      clientSecret: 'very-secret-value',
      scopes: ['email', 'profile'],
      authorizationParams: { audience: 'https://api.example' },
    });
    assert.deepEqual(dto, {
      name: 'corp',
      issuer: COGNITO,
      clientId: '1example23456789',
      hasClientSecret: true,
      scopes: ['openid', 'email', 'profile'],
      authorizationParams: { audience: 'https://api.example' },
      tokenUse: 'id',
      redirectUri: null,
    });
    const text = await readFile(`${dir}/oidc-providers.json`, 'utf8');
    assert.ok(!text.includes('very-secret-value'), 'the secret is not in the providers file');
    assert.equal(JSON.parse(text).providers[0].clientSecretRef, 'oidc:corp:client-secret');
    assert.equal(await vault.get('oidc:corp:client-secret'), 'very-secret-value');
    assert.ok(!JSON.stringify(await store.list()).includes('very-secret-value'));

    const again = new OidcProviderStore(dir, vault);
    const stored = await again.get('corp');
    assert.equal(await again.clientSecret(stored), 'very-secret-value');
    assert.deepEqual((await readdir(dir)).sort(), ['oidc-providers.json', 'vault']);
  });

  test('remove forgets the provider and its secret; unknown names are NOT_FOUND', async () => {
    const { vault, store } = await makeStore();
    await store.add({ name: 'a', issuer: COGNITO, clientId: 'c', clientSecret: 's' });
    await store.add({ name: 'b', issuer: COGNITO, clientId: 'c', tokenUse: 'access' });
    await store.remove('a');
    assert.deepEqual(
      (await store.list()).map((p) => [p.name, p.tokenUse, p.hasClientSecret]),
      [['b', 'access', false]],
    );
    assert.equal(await vault.get('oidc:a:client-secret'), null);
    await assert.rejects(store.get('a'), (e: AppError) => e.code === 'NOT_FOUND');
    await assert.rejects(store.remove('a'), (e: AppError) => e.code === 'NOT_FOUND');
  });

  test('refuses what would not work or would weaken the sign-in', async () => {
    const { store } = await makeStore();
    const refused = async (input: Parameters<OidcProviderStore['add']>[0], why: RegExp) =>
      assert.rejects(store.add(input), (e: AppError) => {
        assert.equal(e.code, 'INVALID_INPUT');
        assert.match(e.message, why);
        return true;
      });
    await refused({ name: 'x', issuer: 'http://idp.example.com', clientId: 'c' }, /must use https/);
    await refused({ name: 'bad name', issuer: COGNITO, clientId: 'c' }, /name/);
    await refused(
      { name: 'x', issuer: COGNITO, clientId: 'c', authorizationParams: { state: 'fixed' } },
      /"state" is set by the sign-in itself/,
    );
    await refused(
      { name: 'x', issuer: COGNITO, clientId: 'c', redirectUri: 'https://app.example/cb' },
      /loopback address with a port/,
    );
    await store.add({ name: 'x', issuer: 'http://127.0.0.1:9999', clientId: 'c' });
    await refused({ name: 'x', issuer: COGNITO, clientId: 'c' }, /already exists/);
    const replaced = await store.add(
      { name: 'x', issuer: COGNITO, clientId: 'd' },
      { replace: true },
    );
    assert.equal(replaced.clientId, 'd');
  });

  test('a corrupt file is moved aside, never lost', async () => {
    const { dir, store } = await makeStore();
    await writeFile(`${dir}/oidc-providers.json`, '{"version":1,"provid');
    assert.deepEqual(await store.list(), []);
    assert.ok(store.recovered);
    assert.equal(await readFile(store.recovered, 'utf8'), '{"version":1,"provid');
  });
});
