/**
 * What the desktop vault tells the user about where secrets live, and whether they have read it.
 * The dismissal is remembered in `vault-notice.json` so a notice is said once, not at every
 * start; it is forgotten once a keyring holds every secret, so a later fall back is news again.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VaultNoticeDTO } from '../../../shared/vault-notice.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { LinuxStorageBackend } from './os-encryption.ts';

function secrets(count: number): string {
  return count === 1 ? '1 secret' : `${count} secrets`;
}

export function unencryptedNotice(
  backend: LinuxStorageBackend | null,
  file: string,
  locked: number,
): VaultNoticeDTO {
  const why =
    backend === null
      ? "the system's encryption (Electron safeStorage) is unavailable"
      : `Electron's safeStorage found no keyring in this session (backend: ${backend})`;
  const lockedNote = locked
    ? ` ${secrets(locked)} saved with a keyring cannot be read until it is back; enter them again to use them meanwhile.`
    : '';
  return {
    kind: 'unencrypted',
    message:
      `Secrets are not encrypted: ${why}. They are kept in ${file}, readable only by your user ` +
      `account, and move into the keyring at the first start that has one (GNOME Keyring, KWallet).` +
      lockedNote,
  };
}

export function moveFailedNotice(file: string, count: number, reason: string): VaultNoticeDTO {
  return {
    kind: 'move-failed',
    message:
      `A keyring is available, but moving ${secrets(count)} into it failed (${reason}). They stay ` +
      `unencrypted in ${file}, readable only by your user account; the move is tried again at the next start.`,
  };
}

export class NoticeDismissals {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'vault-notice.json');
  }

  /** The notice, unless the user has dismissed one of its kind. */
  async pending(notice: VaultNoticeDTO | null): Promise<VaultNoticeDTO | null> {
    return notice && (await this.#dismissed()) === notice.kind ? null : notice;
  }

  async dismiss(notice: VaultNoticeDTO): Promise<void> {
    await writeFileAtomic(this.#file, JSON.stringify({ dismissed: notice.kind }) + '\n');
  }

  async forget(): Promise<void> {
    await rm(this.#file, { force: true });
  }

  async #dismissed(): Promise<unknown> {
    try {
      return (JSON.parse(await readFile(this.#file, 'utf8')) as { dismissed?: unknown }).dismissed;
    } catch {
      return null;
    }
  }
}

/** A vault with something to tell the user (the desktop's); hosts without one say nothing. */
export interface VaultNoticeSource {
  notice(): Promise<VaultNoticeDTO | null>;
  dismissNotice(): Promise<void>;
}
