/**
 * Stands in for the OS keyring behind Electron's safeStorage, which cannot run here. It follows
 * Chromium's rule on Linux: `basic_text` seals with a key every copy of Chromium knows ("v10"),
 * a keyring seals with its own key ("v11"); a session always opens v10 and opens v11 only with
 * the keyring that sealed it. The sealing is real AES-GCM, so a test can look for clear text.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { LinuxStorageBackend, OsEncryption } from '../../../main/core/vault/os-encryption.ts';

const V10 = 'v10';
const V11 = 'v11';

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export interface FakeSession {
  /** The Linux password store; null on macOS and Windows, which have no such choice. */
  backend: LinuxStorageBackend | null;
  /** Which keyring the session unlocks (its key), when the backend is a keyring. */
  keyring?: string;
  /** Whether safeStorage says encryption is available (macOS and Windows). */
  available?: boolean;
  /** The n-th encryption (1-based) throws, as a keyring that locks or drops off D-Bus would. */
  failOnEncryption?: number;
  /** Every decryption fails: a keyring that seals but cannot open what it sealed. */
  failDecryption?: boolean;
}

export class FakeOsEncryption implements OsEncryption {
  encryptions = 0;
  readonly #session: FakeSession;

  constructor(session: FakeSession) {
    this.#session = session;
    if (session.backend !== null) {
      this.getSelectedStorageBackend = () => session.backend ?? 'unknown';
    }
  }

  getSelectedStorageBackend?: () => LinuxStorageBackend;

  isEncryptionAvailable(): boolean {
    // Chromium on Linux reports basic_text as available: the very dishonesty the vault corrects.
    return this.#session.available ?? true;
  }

  encryptString(plainText: string): Buffer {
    this.encryptions += 1;
    if (this.encryptions === this.#session.failOnEncryption) {
      throw new Error('Error while encrypting the text provided to encryptString.');
    }
    const version = this.#usesKeyring() ? V11 : V10;
    const key = keyOf(version === V11 ? `keyring:${this.#session.keyring ?? 'login'}` : 'peanuts');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from(version), iv, cipher.getAuthTag(), sealed]);
  }

  decryptString(encrypted: Buffer): string {
    const version = encrypted.subarray(0, 3).toString();
    if (this.#session.failDecryption || (version === V11 && !this.#usesKeyring())) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    const key = keyOf(version === V11 ? `keyring:${this.#session.keyring ?? 'login'}` : 'peanuts');
    const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
    decipher.setAuthTag(encrypted.subarray(15, 31));
    try {
      return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString();
    } catch {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
  }

  #usesKeyring(): boolean {
    const { backend } = this.#session;
    if (backend === null) return this.isEncryptionAvailable();
    return backend !== 'basic_text' && backend !== 'unknown';
  }
}
