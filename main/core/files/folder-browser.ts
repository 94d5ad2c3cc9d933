/**
 * The web host's folder browser: the sub-folders of a folder under the user's home, so a path
 * can be picked without typing it. Home-rooted on purpose: the window may only look around the
 * user's own files, a path is resolved (links included) before it is checked, and only names
 * are read — never a file's contents. Dot-folders stay hidden unless asked for.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { FolderEntryDTO, FolderListingDTO, PickKind } from '../../../shared/files.ts';

/** At most this many entries in one listing (a folder with more says it is truncated). */
const MAX_ENTRIES = 2000;

interface ListOptions {
  /** `file`: `.json` files are listed too (Postman, Insomnia exports). */
  kind?: PickKind;
  showHidden?: boolean;
}

export async function listFolder(
  homeDir: string,
  path: string | null,
  options: ListOptions = {},
): Promise<FolderListingDTO> {
  const home = await resolveExisting(homeDir, 'Your home folder');
  const outside = () =>
    new AppError(
      'INVALID_INPUT',
      `${path} is outside your home folder (${home}): only folders under it can be browsed. Type the path instead.`,
      { path },
    );
  // Checked as written before the disk is asked, so a path outside home is refused the same way
  // whether it exists or not (the page learns nothing about the rest of the machine); checked
  // again once links are resolved.
  if (path !== null && !isInside(home, resolve(path)) && !isInside(resolve(homeDir), resolve(path)))
    throw outside();
  const folder = path === null ? home : await resolveExisting(path, path);
  if (!isInside(home, folder)) throw outside();
  if (!(await stat(folder)).isDirectory()) {
    throw new AppError('INVALID_INPUT', `${path} is a file, not a folder.`, { path });
  }
  const dirents = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new AppError('NOT_FOUND', `Cannot list ${folder}: ${(error as Error).message}.`, {
      path: folder,
    });
  });
  const visible = dirents
    .filter((d) => options.showHidden || !d.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const folders: FolderEntryDTO[] = [];
  const files: FolderEntryDTO[] = [];
  let truncated = false;
  for (const dirent of visible) {
    if (folders.length + files.length >= MAX_ENTRIES) {
      truncated = true;
      break;
    }
    const kind = await entryKind(home, folder, dirent);
    const entry = { name: dirent.name, path: join(folder, dirent.name) };
    if (kind === 'folder') folders.push(entry);
    else if (kind === 'file' && options.kind === 'file' && /\.json$/i.test(dirent.name)) {
      files.push(entry);
    }
  }
  return {
    path: folder,
    home,
    parent: folder === home ? null : dirname(folder),
    crumbs: crumbsOf(home, folder),
    folders,
    files,
    truncated,
  };
}

async function resolveExisting(path: string, what: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    throw new AppError('NOT_FOUND', `${what} does not exist (${path}).`, { path });
  }
}

/**
 * A link counts as what it leads to, and only if it leads somewhere under home (so does an
 * entry whose type the file system did not say).
 */
async function entryKind(
  home: string,
  folder: string,
  dirent: Dirent,
): Promise<'folder' | 'file' | null> {
  if (dirent.isDirectory()) return 'folder';
  if (dirent.isFile()) return 'file';
  try {
    const target = await realpath(join(folder, dirent.name));
    if (!isInside(home, target)) return null;
    const info = await stat(target);
    return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

function isInside(home: string, path: string): boolean {
  const rel = relative(home, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function crumbsOf(home: string, folder: string): FolderEntryDTO[] {
  const crumbs: FolderEntryDTO[] = [{ name: '~', path: home }];
  let path = home;
  for (const part of relative(home, folder).split(sep).filter(Boolean)) {
    path = join(path, part);
    crumbs.push({ name: part, path });
  }
  return crumbs;
}
