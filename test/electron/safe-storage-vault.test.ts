import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  createSafeStorageVault,
  type ShellSafeStorage,
} from '../../main/electron/safe-storage-vault.ts';
import { makeTempDir } from '../support/web-host-process.ts';

/** safeStorage as Chromium reports it on a Linux session without a keyring. */
function basicTextSafeStorage(): ShellSafeStorage & { sealed: number } {
  return {
    sealed: 0,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString(plainText) {
      this.sealed += 1;
      return Buffer.from(`v10${plainText}`);
    },
    decryptString: (encrypted) => encrypted.subarray(3).toString(),
  };
}

test('on Linux the shell asks which password store safeStorage picked', async () => {
  const safeStorage = basicTextSafeStorage();
  const vault = createSafeStorageVault(await makeTempDir('shell'), safeStorage, 'linux');
  await vault.put('k', 'v');
  assert.equal(safeStorage.sealed, 0, 'basic_text is not a keyring');
  assert.equal(
    await readFile(vault.unencryptedFile, 'utf8'),
    '{"version":1,"secrets":{"k":"v"}}\n',
  );
  assert.equal((await vault.notice())?.kind, 'unencrypted');
});

test('elsewhere the password store is not asked: safeStorage availability decides', async () => {
  const safeStorage = {
    ...basicTextSafeStorage(),
    getSelectedStorageBackend: () => assert.fail('a Linux-only call'),
  };
  const vault = createSafeStorageVault(await makeTempDir('shell'), safeStorage, 'darwin');
  await vault.put('k', 'v');
  assert.equal(safeStorage.sealed, 1);
  assert.equal(await vault.notice(), null);
});
