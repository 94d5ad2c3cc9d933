/**
 * The desktop's SecretVault: Electron's safeStorage handed to the core's KeyringVault, which
 * decides whether this session has a real keyring and moves secrets accordingly. Built after
 * the app is ready: before that, Linux reports its password store as 'unknown'. safeStorage is
 * passed in, not imported, so this file runs under plain Node in the tests.
 */
import type { SafeStorage } from 'electron';
import type { OsEncryption } from '../core/vault/os-encryption.ts';
import { KeyringVault } from '../core/vault/keyring-vault.ts';

export type ShellSafeStorage = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

/** safeStorage as the core sees it: the password store question exists only on Linux. */
export function osEncryption(
  safeStorage: ShellSafeStorage,
  platform: NodeJS.Platform,
): OsEncryption {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
    ...(platform === 'linux' && {
      getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend(),
    }),
  };
}

export function createSafeStorageVault(
  dataDir: string,
  safeStorage: ShellSafeStorage,
  platform: NodeJS.Platform = process.platform,
): KeyringVault {
  return new KeyringVault(dataDir, osEncryption(safeStorage, platform));
}
