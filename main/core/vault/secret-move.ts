/**
 * Moves secrets from one file vault to another so that no step can lose one: every secret is
 * converted first (a keyring that fails on the third aborts before anything is written), the
 * target takes them all in one atomic write, they are read back and checked, and only then does
 * the source let go. A crash in between leaves a copy in both, and the next move repeats itself.
 */
import type { FileVault } from './file-vault.ts';

/** How a vault turns a secret into what it stores, and back. */
export interface SecretCodec {
  seal(clear: string): string;
  /** Throws when this session cannot read what is stored (another keyring sealed it). */
  open(stored: string): string;
}

export const CLEAR_TEXT: SecretCodec = { seal: (clear) => clear, open: (stored) => stored };

export interface VaultSide {
  vault: FileVault;
  codec: SecretCodec;
}

/** Returns the keys moved. Secrets the source cannot open stay where they are. */
export async function moveSecrets(from: VaultSide, to: VaultSide): Promise<string[]> {
  const clear = new Map<string, string>();
  for (const [key, stored] of Object.entries(await from.vault.entries())) {
    const value = openOrNull(from.codec, stored);
    if (value !== null) clear.set(key, value);
  }
  if (clear.size === 0) return [];
  const sealed: Record<string, string> = Object.create(null);
  for (const [key, value] of clear) sealed[key] = to.codec.seal(value);
  await to.vault.putMany(sealed);
  const written = await to.vault.entries();
  for (const [key, value] of clear) {
    const stored = written[key];
    if (stored === undefined || openOrNull(to.codec, stored) !== value) {
      throw new Error(`${to.vault.file} did not give back the secret "${key}" it was given`);
    }
  }
  const keys = [...clear.keys()];
  await from.vault.deleteMany(keys);
  return keys;
}

export function openOrNull(codec: SecretCodec, stored: string): string | null {
  try {
    return codec.open(stored);
  } catch {
    return null;
  }
}
