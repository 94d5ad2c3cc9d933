/**
 * The desktop's SecretVault: values encrypted with Electron's safeStorage (Keychain, DPAPI,
 * libsecret/kwallet) before they reach the disk. Where the OS offers no encryption (a Linux
 * session without a keyring), it falls back to the CLI's 0600 file vault and says so once.
 */
import { safeStorage } from 'electron';
import { join } from 'node:path';
import type { SecretVault } from '../core/ports.ts';
import { FileVault } from '../core/vault/file-vault.ts';

export class SafeStorageVault implements SecretVault {
  readonly #encrypted: FileVault;
  readonly #plain: FileVault;
  #warned = false;

  constructor(dataDir: string) {
    this.#encrypted = new FileVault(join(dataDir, 'safe-storage'));
    this.#plain = new FileVault(dataDir);
  }

  #available(): boolean {
    const available = safeStorage.isEncryptionAvailable();
    if (!available && !this.#warned) {
      this.#warned = true;
      console.warn('safeStorage is unavailable: secrets are kept in the 0600 file vault instead.');
    }
    return available;
  }

  async get(key: string): Promise<string | null> {
    if (!this.#available()) return this.#plain.get(key);
    const stored = await this.#encrypted.get(key);
    return stored === null ? null : safeStorage.decryptString(Buffer.from(stored, 'base64'));
  }

  async put(key: string, value: string): Promise<void> {
    if (!this.#available()) return this.#plain.put(key, value);
    await this.#encrypted.put(key, safeStorage.encryptString(value).toString('base64'));
  }

  async delete(key: string): Promise<void> {
    await Promise.all([this.#encrypted.delete(key), this.#plain.delete(key)]);
  }
}
