/**
 * Where an export may write. Its files go where the user points — outside the app's own
 * places, beside their other files — so an existing file is replaced only when it is a
 * previous export of the same kind, never through a link, and only under a `.json` name.
 */
import { lstat, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

export type ExportKind = 'collection' | 'environment';

/** What marks a file as a Postman export of each kind (as Postman itself writes them). */
const IS_EXPORT: Record<ExportKind, (json: Record<string, unknown>) => boolean> = {
  collection: (json) =>
    typeof json.info === 'object' &&
    json.info !== null &&
    /\/collection\/v2\.[01]\.0\/collection\.json$/.test(
      String((json.info as Record<string, unknown>).schema),
    ),
  environment: (json) => json._postman_variable_scope === 'environment',
};

const LABEL: Record<ExportKind, string> = {
  collection: 'a Postman export',
  environment: 'a Postman environment export',
};

/** A previous export is a small JSON file; anything bigger is somebody's data. */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** Throws unless `file` is a `.json` name the export may take. */
export function assertExportName(file: string): void {
  if (extname(file).toLowerCase() !== '.json') {
    throw new AppError(
      'INVALID_INPUT',
      `${file} does not end in .json. Postman imports .json files: name the export like orders.postman_collection.json.`,
      { file },
    );
  }
}

/** Throws COLLECTION_CONFLICT unless `file` is absent or a previous export of `kind`. */
export async function assertReplaceable(file: string, kind: ExportKind): Promise<void> {
  const info = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info === null) return;
  const refuse = (why: string) =>
    new AppError(
      'COLLECTION_CONFLICT',
      `${file} ${why}; not overwritten. Choose another file name, or move that file away first.`,
      { file },
    );
  if (info.isSymbolicLink()) throw refuse('is a link');
  const notAnExport = `already exists and is not ${LABEL[kind]}`;
  if (!info.isFile() || info.size > MAX_EXPORT_BYTES) throw refuse(notAnExport);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    json = null;
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    !IS_EXPORT[kind](json as Record<string, unknown>)
  )
    throw refuse(notAnExport);
}
