/**
 * The edge of a collection. A collection is often someone else's folder, cloned from their
 * repository, and a link in it may lead anywhere (`Q.graphql -> ~/.aws/credentials`): every
 * file the app reads or writes in a collection goes through here, and is refused when the
 * place it really is — every link followed, `..` inside a link included — is outside the
 * collection folder. A link that stays inside is followed. Paths are relative to the folder,
 * `/`-separated (`Admin/Cancel order.graphql`).
 */
import { constants } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../atomic-file.ts';

type Access = 'read' | 'written';

/** The final link of a path is refused too, should it be swapped in after the check. */
const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

function linkOutside(file: string, access: Access): AppError {
  return new AppError(
    'COLLECTION_INVALID',
    `${file} is a link to outside the collection; not ${access}. A collection only uses its own files: copy the file into the folder instead of linking to it.`,
    { file },
  );
}

const isMissing = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Whether `path` is `root` or inside it (both real paths). */
function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * Where `file` really is: each link on the way (and the last one too, with `followLast`)
 * resolved and checked. A part that does not exist yet ends the walk: the rest would be
 * created inside the last real folder. Throws COLLECTION_INVALID for a link leading outside.
 */
async function locate(
  root: string,
  file: string,
  access: Access,
  followLast: boolean,
): Promise<{ path: string; exists: boolean }> {
  // Callers pass ids the contract already checked; the edge holds on its own all the same.
  if (file.split(/[\\/]/).some((segment) => segment === '..') || isAbsolute(file)) {
    throw new AppError('COLLECTION_INVALID', `${file} is not a path inside the collection.`, {
      file,
    });
  }
  const rootReal = await realpath(root);
  if (followLast) {
    // The common case in one call; the walk below names the link that leads out.
    const real = await realpath(join(rootReal, file)).catch(() => null);
    if (real !== null && isWithin(rootReal, real)) return { path: real, exists: true };
  }
  const segments = file.split('/').filter((s) => s.length > 0);
  let current = rootReal;
  for (let i = 0; i < segments.length; i++) {
    const next = join(current, segments[i]!);
    const rest = segments.slice(i + 1);
    const info = await lstat(next).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (info === null) return { path: join(next, ...rest), exists: false };
    if (!info.isSymbolicLink() || (rest.length === 0 && !followLast)) {
      current = next;
      continue;
    }
    const where = segments.slice(0, i + 1).join('/');
    const real = await realpath(next).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    // A link to nothing: reading finds nothing; writing replaces the link itself.
    if (real === null) {
      if (rest.length === 0) return { path: next, exists: false };
      throw new AppError(
        'COLLECTION_INVALID',
        `${where} is a link to a place that does not exist; not ${access}.`,
        { file: where },
      );
    }
    if (!isWithin(rootReal, real)) throw linkOutside(where, access);
    current = real;
  }
  return { path: current, exists: true };
}

/** The text of a file in the collection; null when there is none. */
export async function readCollectionFile(
  root: string,
  file: string,
  access: Access = 'read',
): Promise<string | null> {
  const found = await locate(root, file, access, true);
  if (!found.exists) return null;
  try {
    return await readFile(found.path, { encoding: 'utf8', flag: NO_FOLLOW });
  } catch (error) {
    if (isMissing(error)) return null;
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw linkOutside(file, access);
    throw error;
  }
}

/** Writes a file of the collection atomically; through a link only when it stays inside. */
export async function writeCollectionFile(root: string, file: string, text: string): Promise<void> {
  const found = await locate(root, file, 'written', true);
  await writeFileAtomic(found.path, text, 0o644);
}

/**
 * The absolute path of an entry to create, move or delete: the folders on the way checked,
 * the entry itself not followed (moving or deleting a link moves or deletes the link).
 */
export async function collectionEntry(root: string, file: string): Promise<string> {
  return (await locate(root, file, 'written', false)).path;
}

/**
 * What a link found while scanning the folder is: its real path and whether it is a folder;
 * null when it leads nowhere. Throws COLLECTION_INVALID naming `file` when it leads outside.
 */
export async function followLink(
  root: string,
  file: string,
): Promise<{ path: string; folder: boolean } | null> {
  const found = await locate(root, file, 'read', true);
  if (!found.exists) return null;
  const info = await stat(found.path);
  return { path: found.path, folder: info.isDirectory() };
}
