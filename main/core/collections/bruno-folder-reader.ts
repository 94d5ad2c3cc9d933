/**
 * Reads a Bruno collection folder for import. The folder is someone else's data: every file is
 * read through the collection boundary (a link leading outside the folder is reported and not
 * read), sizes and counts are capped so a huge or endless folder cannot exhaust memory, and a
 * folder linked back into itself is read once. Only the files Bruno keeps requests, folders and
 * environments in are read (`.bru`, or `.yml`/`.yaml` for the OpenCollection format).
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { followLink, readCollectionFile } from './collection-boundary.ts';

export const BRUNO_LIMITS = {
  /** One request file; Bruno's own files are a few KB. */
  fileBytes: 1024 * 1024,
  totalBytes: 32 * 1024 * 1024,
  files: 5000,
  depth: 16,
};

export interface BrunoSourceFile {
  /** Path inside the collection, `/`-separated. */
  path: string;
  text: string;
}

export interface BrunoSourceFolder {
  /** Path inside the collection (`''`: the collection itself). */
  path: string;
  /** The folder's name on disk. */
  name: string;
  files: BrunoSourceFile[];
  folders: BrunoSourceFolder[];
}

export interface BrunoSource {
  format: 'bru' | 'yaml';
  root: BrunoSourceFolder;
  /** Files not read, and why (a link outside, too large). */
  problems: { where: string; what: string; reason: string }[];
}

const SKIPPED = new Set(['node_modules']);

function tooBig(what: string, limits: typeof BRUNO_LIMITS): AppError {
  return new AppError(
    'COLLECTION_INVALID',
    `This Bruno collection has ${what}; the import reads at most ${limits.files} files and ${limits.totalBytes / 1024 / 1024} MB.`,
  );
}

async function isFile(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null))?.isFile() === true;
}

/** Tells the two formats apart by their collection file. */
async function formatOf(folder: string): Promise<BrunoSource['format']> {
  if (await isFile(join(folder, 'opencollection.yml'))) return 'yaml';
  if (await isFile(join(folder, 'bruno.json'))) return 'bru';
  throw new AppError(
    'COLLECTION_INVALID',
    `${folder} is not a Bruno collection: it has neither bruno.json nor opencollection.yml. Choose the collection's own folder.`,
    { folder },
  );
}

export async function readBrunoFolder(folder: string, limits = BRUNO_LIMITS): Promise<BrunoSource> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AppError('NOT_FOUND', `Cannot read the folder ${folder}. Check the path.`, {
      folder,
    });
  }
  const format = await formatOf(folder);
  const wanted =
    format === 'bru'
      ? (name: string) => name.endsWith('.bru') || name === 'bruno.json'
      : (name: string) => /\.ya?ml$/.test(name);
  const problems: BrunoSource['problems'] = [];
  const seen = new Set<string>();
  let files = 0;
  let bytes = 0;

  const readOne = async (path: string, size: number): Promise<BrunoSourceFile | null> => {
    if (++files > limits.files) throw tooBig(`more than ${limits.files} files`, limits);
    if (size > limits.fileBytes) {
      problems.push({
        where: path,
        what: 'file',
        reason: `larger than ${limits.fileBytes / 1024} KB; not read`,
      });
      return null;
    }
    bytes += size;
    if (bytes > limits.totalBytes) throw tooBig('more data than that', limits);
    const text = await readCollectionFile(folder, path);
    return text === null ? null : { path, text };
  };

  const walk = async (path: string, real: string, depth: number): Promise<BrunoSourceFolder> => {
    seen.add(real);
    const out: BrunoSourceFolder = {
      path,
      name: path.split('/').pop() ?? '',
      files: [],
      folders: [],
    };
    const entries: Dirent[] = await readdir(real, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const rel = path ? `${path}/${entry.name}` : entry.name;
      let target = join(real, entry.name);
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          const link = await followLink(folder, rel);
          if (link === null) continue;
          target = link.path;
          isFolder = link.folder;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push({ where: rel, what: 'link', reason: error.message });
          continue;
        }
      } else if (!isFolder && !entry.isFile()) continue;
      if (isFolder) {
        const targetReal = await realpath(target);
        if (seen.has(targetReal)) continue;
        if (depth >= limits.depth) {
          problems.push({
            where: rel,
            what: 'folder',
            reason: `nested deeper than ${limits.depth} folders; not read`,
          });
          continue;
        }
        out.folders.push(await walk(rel, targetReal, depth + 1));
      } else if (wanted(entry.name)) {
        const file = await readOne(rel, (await stat(target)).size);
        if (file) out.files.push(file);
      }
    }
    return out;
  };

  return { format, root: await walk('', await realpath(folder), 0), problems };
}
