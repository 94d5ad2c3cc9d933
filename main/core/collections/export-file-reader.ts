/**
 * What an import reads: an export file from Postman or Insomnia, told apart by their markers,
 * or a Bruno collection, which is a folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.ts';
import { jsonSyntaxProblem } from './collection-files.ts';
import { importBruno } from './bruno-import.ts';
import type { ImportedCollection } from './collection-import.ts';
import { importInsomnia } from './insomnia-import.ts';
import { importPostman } from './postman-import.ts';

/** Reads an export file (Postman, Insomnia) or a Bruno collection folder. */
export async function readExport(
  file: string,
  environmentFiles: string[],
): Promise<ImportedCollection> {
  if ((await stat(file).catch(() => null))?.isDirectory()) return importBruno(file);
  const json = await readJson(file);
  const root = (json ?? {}) as Record<string, unknown>;
  if (root._type === 'export') return importInsomnia(json);
  if (root.info && typeof root.info === 'object') {
    return importPostman(json, await Promise.all(environmentFiles.map(readJson)));
  }
  throw new AppError(
    'COLLECTION_INVALID',
    `${file} is neither a Postman Collection v2.1 export nor an Insomnia v4 export. Export it again from Postman (Collection v2.1) or Insomnia (Insomnia v4 JSON).`,
    { file },
  );
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'NOT_FOUND',
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
      { file },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${file} is ${jsonSyntaxProblem(error)}. Export it again from Postman or Insomnia.`,
      { file },
    );
  }
}
