/**
 * The desktop's SecretVault. With a keyring (Keychain, DPAPI, GNOME Keyring, KWallet) secrets are
 * sealed by it through Electron's safeStorage. Without one, and that includes Linux's
 * `basic_text`, which only pretends to encrypt, they go to a 0600 file vault and the user is told
 * once. Each start decides afresh: a keyring that appears takes every secret from the file; one
 * that disappears keeps what it sealed untouched (nothing is ever sealed by `basic_text`, nor
 * copied out in clear), and until it is back those secrets read as missing, saying why.
 */
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { VaultNoticeDTO } from '../../../shared/vault-notice.ts';
import type { SecretVault } from '../ports.ts';
import { FileVault } from './file-vault.ts';
import { keyringState, type KeyringState, type OsEncryption } from './os-encryption.ts';
import { CLEAR_TEXT, moveSecrets, openOrNull, type SecretCodec } from './secret-move.ts';
import { moveFailedNotice, NoticeDismissals, unencryptedNotice } from './vault-notice.ts';

interface Session {
  state: KeyringState;
  notice: VaultNoticeDTO | null;
}

export class KeyringVault implements SecretVault {
  /** Base64 of what safeStorage sealed; the place earlier versions used, kept as it was. */
  readonly #sealed: FileVault;
  /** The desktop's own file, not the CLI's: moving its secrets out must not take the CLI's. */
  readonly #clear: FileVault;
  readonly #codec: SecretCodec;
  readonly #dismissals: NoticeDismissals;
  readonly #os: OsEncryption;
  #session: Promise<Session> | null = null;

  constructor(dataDir: string, os: OsEncryption) {
    this.#os = os;
    this.#sealed = new FileVault(join(dataDir, 'safe-storage'));
    this.#clear = new FileVault(join(dataDir, 'desktop-unencrypted'));
    this.#dismissals = new NoticeDismissals(dataDir);
    this.#codec = {
      seal: (clear) => os.encryptString(clear).toString('base64'),
      open: (stored) => os.decryptString(Buffer.from(stored, 'base64')),
    };
  }

  get encryptedFile(): string {
    return this.#sealed.file;
  }

  get unencryptedFile(): string {
    return this.#clear.file;
  }

  async get(key: string): Promise<string | null> {
    const { state } = await this.#open();
    // The file holds only what has not moved into the keyring yet: while it has a key, it wins.
    const clear = await this.#clear.get(key);
    if (clear !== null) return clear;
    const stored = await this.#sealed.get(key);
    if (stored === null) return null;
    try {
      return this.#codec.open(stored);
    } catch (error) {
      throw new AppError(
        'SECRET_MISSING',
        state.keyring
          ? `The secret "${key}" in ${this.#sealed.file} could not be decrypted with this session's keyring (${(error as Error).message}). Enter it again to replace it.`
          : `The secret "${key}" was saved with a keyring this session does not have (${unavailable(state)}). Start the app in a session with that keyring, or enter the secret again to keep it unencrypted in ${this.#clear.file} meanwhile.`,
      );
    }
  }

  async put(key: string, value: string): Promise<void> {
    const { state } = await this.#open();
    if (!state.keyring) return this.#clear.put(key, value);
    await this.#sealed.put(key, this.#codec.seal(value));
    // An older copy still waiting in the file would win over this one, and move in over it.
    if ((await this.#clear.get(key)) !== null) await this.#clear.delete(key);
  }

  async delete(key: string): Promise<void> {
    await this.#open();
    await Promise.all([this.#sealed.delete(key), this.#clear.delete(key)]);
  }

  /** What the user has yet to be told about this session's vault, if anything. */
  async notice(): Promise<VaultNoticeDTO | null> {
    return this.#dismissals.pending((await this.#open()).notice);
  }

  async dismissNotice(): Promise<void> {
    const { notice } = await this.#open();
    if (notice) await this.#dismissals.dismiss(notice);
  }

  /** Decided once per start, after the app is ready (Linux's backend is 'unknown' before). */
  #open(): Promise<Session> {
    this.#session ??= this.#decide().catch((error: unknown) => {
      this.#session = null;
      throw error;
    });
    return this.#session;
  }

  async #decide(): Promise<Session> {
    const state = keyringState(this.#os);
    const sealed = { vault: this.#sealed, codec: this.#codec };
    const clear = { vault: this.#clear, codec: CLEAR_TEXT };
    if (state.keyring) {
      try {
        await moveSecrets(clear, sealed);
      } catch (error) {
        const waiting = Object.keys(await this.#clear.entries()).length;
        return {
          state,
          notice: moveFailedNotice(this.#clear.file, waiting, (error as Error).message),
        };
      }
      await this.#dismissals.forget();
      return { state, notice: null };
    }
    // Earlier versions sealed with basic_text's well-known key: that was never protection, so
    // those secrets join the file, and the keyring takes them properly when it comes. The rest
    // was sealed by a keyring and stays as it is. A failed rescue is tried again next start;
    // meanwhile get() still reads them.
    await moveSecrets(sealed, clear).catch(() => []);
    const stored = Object.values(await this.#sealed.entries());
    const locked = stored.filter((value) => openOrNull(this.#codec, value) === null).length;
    return { state, notice: unencryptedNotice(state.backend, this.#clear.file, locked) };
  }
}

function unavailable(state: KeyringState): string {
  return state.backend === null
    ? 'safeStorage unavailable'
    : `safeStorage backend ${state.backend}`;
}
