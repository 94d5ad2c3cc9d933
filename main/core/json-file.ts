/**
 * Reading one of the app's own JSON files (settings, tabs, endpoints, OIDC providers, the file
 * vault), the one way: a missing file is the empty value; a file that is not that JSON is moved
 * aside to `<file>.corrupt-<time>` (never overwritten, nothing lost) and said so through
 * `movedAside`; a file that cannot be read is an error naming it and what to check.
 */
import { readFile, rename } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';

export interface JsonFileOptions<T> {
  /** What the file is, for messages: "settings file", "secret vault". */
  what: string;
  /** Checks the parsed JSON and returns its value; throws when it is not of that shape. */
  parse(json: unknown): T;
  /** The value of a file that is not there (or was moved aside). */
  empty(): T;
  now?: () => number;
}

export interface JsonFileRead<T> {
  value: T;
  /** Where an unreadable file was moved, or null. */
  movedAside: string | null;
}

export async function readJsonFile<T>(
  file: string,
  options: JsonFileOptions<T>,
): Promise<JsonFileRead<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { value: options.empty(), movedAside: null };
    throw new AppError(
      'INTERNAL',
      `The ${options.what} ${file} could not be read (${code ?? 'error'}). Check its permissions.`,
    );
  }
  try {
    return { value: options.parse(JSON.parse(text)), movedAside: null };
  } catch {
    const aside = `${file}.corrupt-${(options.now ?? Date.now)()}`;
    await rename(file, aside);
    return { value: options.empty(), movedAside: aside };
  }
}
