/**
 * What the desktop shell knows about the OS's encryption: Electron's `safeStorage`, narrowed to
 * the calls the desktop vault makes, so the decision and the migration run (and are tested) in
 * plain Node. On Linux `isEncryptionAvailable()` is true even for `basic_text`, where Chromium
 * seals with a key every copy of it knows: that backend protects nothing, so it counts as none.
 */
export type LinuxStorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export interface OsEncryption {
  isEncryptionAvailable(): boolean;
  /** Linux only: the password store safeStorage picked. Absent on macOS and Windows. */
  getSelectedStorageBackend?(): LinuxStorageBackend;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface KeyringState {
  keyring: boolean;
  /** null on macOS and Windows. */
  backend: LinuxStorageBackend | null;
}

/** Whether secrets can be sealed by a real keyring in this session, and which backend says so. */
export function keyringState(os: OsEncryption): KeyringState {
  const backend = os.getSelectedStorageBackend?.() ?? null;
  if (!os.isEncryptionAvailable()) return { keyring: false, backend };
  // 'unknown' means asked before the app was ready: no keyring can be vouched for yet.
  return { keyring: backend !== 'basic_text' && backend !== 'unknown', backend };
}
