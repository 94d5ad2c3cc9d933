/**
 * `appsync-workbench query <url> …`: one GraphQL request through the same engine as the app.
 * Secrets come from profiles, OIDC sign-ins or environment variables — an option that would carry
 * one on the command line (visible in `ps` and shell history) does not exist.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { AUTH_OPTIONS, authModeOf, headersOf, refuseSecretArguments } from '../auth-options.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

const OPTIONS = {
  ...AUTH_OPTIONS,
  query: { type: 'string' },
  'query-file': { type: 'string' },
  variables: { type: 'string' },
  'variables-file': { type: 'string' },
  operation: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function queryCommand(args: string[], cli: CliContext): Promise<number> {
  refuseSecretArguments(args);
  const { values, positionals } = parseArgs({
    args,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length) throw new UsageError('query takes exactly one GraphQL URL.');
  const query = await oneOf(values.query, values['query-file'], '--query or --query-file');
  if (query === undefined)
    throw new UsageError('give the GraphQL document with --query or --query-file.');
  const variablesText = await oneOf(
    values.variables,
    values['variables-file'],
    '--variables or --variables-file',
  );
  const variables = variablesText === undefined ? undefined : parseVariables(variablesText);
  const auth = authModeOf(values);
  const headers = headersOf(values);
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new UsageError('--timeout-ms is a positive number of milliseconds.');

  const requests = await cli.requests();
  let result: RequestResultDTO;
  try {
    result = await requests.run(
      {
        url,
        auth,
        query,
        ...(variables ? { variables } : {}),
        ...(values.operation ? { operationName: values.operation } : {}),
        headers,
      },
      { signal: cli.io.signal, ...(timeoutMs ? { timeoutMs } : {}) },
    );
  } finally {
    await requests.transport.close();
  }
  if (values.json) {
    cli.out(
      JSON.stringify({
        status: result.status,
        durationMs: Math.round(result.timing.totalMs * 10) / 10,
        headers: result.headers,
        body: result.body,
      }),
    );
  } else {
    cli.out(result.bodyIsJson ? JSON.stringify(result.body, null, 2) : String(result.body));
  }
  if (result.diagnosis) {
    cli.err(
      `${result.status} ${result.diagnosis.code}: ${result.diagnosis.message} ${result.diagnosis.hint}`,
    );
    return EXIT.authRefused;
  }
  if (result.status === 401 || result.status === 403) return EXIT.authRefused;
  if (result.status >= 400 || result.errors.length) {
    const first = result.errors[0];
    cli.err(
      first
        ? `${first.errorType ?? 'GraphQL error'}: ${first.message}`
        : `HTTP ${result.status} ${result.statusText}`,
    );
    return EXIT.graphqlErrors;
  }
  return EXIT.ok;
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
