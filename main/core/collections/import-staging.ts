/**
 * An import lands all at once. It is written into a hidden staging folder beside its target,
 * then renamed into place; if anything fails on the way, the staging folder and the secrets
 * it put in the vault are removed, so a failed import leaves no half-written collection.
 * The target is new, empty, or holds only dot files (a fresh `git clone` of an empty
 * repository): an import never mixes with files already there.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { SecretVault } from '../ports.ts';

/** The target's entries (all dot files), or null when it does not exist yet. */
async function targetEntries(folder: string): Promise<string[] | null> {
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info === null) return null;
  const entries = info.isDirectory() ? await readdir(folder) : null;
  if (entries === null || entries.some((name) => !name.startsWith('.'))) {
    throw new AppError(
      'COLLECTION_CONFLICT',
      `${folder} is not empty. Import into a new or empty folder: an import never mixes with files already there.`,
      { folder },
    );
  }
  return entries;
}

/** Moves the staged collection into `folder`: one rename, or one per entry beside dot files. */
async function moveIntoPlace(staging: string, folder: string, existing: string[] | null) {
  if (existing === null) {
    await rename(staging, folder);
    return;
  }
  const moved: string[] = [];
  try {
    for (const name of await readdir(staging)) {
      await rename(join(staging, name), join(folder, name));
      moved.push(name);
    }
  } catch (error) {
    for (const name of moved) await rename(join(folder, name), join(staging, name));
    throw error;
  }
  await rm(staging, { recursive: true, force: true });
}

/**
 * Runs `write` against a staging folder and a vault that remembers what it stored, then
 * moves the result to `folder`; on failure, undoes both.
 */
export async function importAtomically<T>(
  folder: string,
  vault: SecretVault,
  write: (staging: string, vault: SecretVault) => Promise<T>,
): Promise<T> {
  const existing = await targetEntries(folder);
  const staging = join(
    dirname(folder),
    `.${basename(folder)}.import-${randomBytes(6).toString('hex')}`,
  );
  await mkdir(staging, { recursive: true });
  const stored: string[] = [];
  const recording: SecretVault = {
    get: (key) => vault.get(key),
    put: async (key, value) => {
      await vault.put(key, value);
      stored.push(key);
    },
    delete: (key) => vault.delete(key),
  };
  try {
    const result = await write(staging, recording);
    await moveIntoPlace(staging, folder, existing);
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    for (const key of stored) await vault.delete(key).catch(() => undefined);
    throw error;
  }
}
