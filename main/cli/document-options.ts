/**
 * The GraphQL document and its variables, as `query` and `subscribe` take them: inline or from
 * a file, never both.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './cli-context.ts';

export const DOCUMENT_OPTIONS = {
  query: { type: 'string' },
  'query-file': { type: 'string' },
  variables: { type: 'string' },
  'variables-file': { type: 'string' },
  operation: { type: 'string' },
} as const;

type DocumentValues = {
  [K in keyof typeof DOCUMENT_OPTIONS]?: string | undefined;
};

/** The document (or a usage error saying `missing`) and its variables, if any were given. */
export async function readDocument(
  values: DocumentValues,
  missing: string,
): Promise<{ query: string; variables?: Record<string, unknown> }> {
  const query = await oneOf(values.query, values['query-file'], '--query or --query-file');
  if (query === undefined) throw new UsageError(missing);
  const variables = await oneOf(
    values.variables,
    values['variables-file'],
    '--variables or --variables-file',
  );
  return variables === undefined ? { query } : { query, variables: parseVariables(variables) };
}

export async function oneOf(
  inline: string | undefined,
  file: string | undefined,
  names: string,
): Promise<string | undefined> {
  if (inline !== undefined && file !== undefined) throw new UsageError(`use only one of ${names}.`);
  if (file === undefined) return inline;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
}

export function parseVariables(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the variables are not valid JSON: ${(error as Error).message}.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError('the variables must be a JSON object, like {"id": "1"}.');
  }
  return value as Record<string, unknown>;
}
