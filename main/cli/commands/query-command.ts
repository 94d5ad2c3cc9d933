/**
 * `appsync-workbench query <url> …`: one GraphQL request through the same engine as the app.
 * Secrets come from profiles, OIDC sign-ins or environment variables — an option that would carry
 * one on the command line (visible in `ps` and shell history) does not exist.
 */
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { API_OPTIONS, authModeOf, connectToOf, headersOf, parseUrlArgs } from '../auth-options.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { DOCUMENT_OPTIONS, readDocument } from '../document-options.ts';
import { EXIT } from '../exit-codes.ts';

const OPTIONS = {
  ...API_OPTIONS,
  ...DOCUMENT_OPTIONS,
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  /** Answers yes to this run's questions: a mutation on production, signing for a non-AWS host. */
  yes: { type: 'boolean', short: 'y' },
} as const;

export async function queryCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, url } = parseUrlArgs(args, OPTIONS, 'query takes exactly one GraphQL URL.');
  const { query, variables } = await readDocument(
    values,
    'give the GraphQL document with --query or --query-file.',
  );
  const auth = authModeOf(values);
  const headers = headersOf(values);
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new UsageError('--timeout-ms is a positive number of milliseconds.');

  const [requests, { RunConsent }] = await Promise.all([
    cli.requests(),
    import('../../core/requests/run-consent.ts'),
  ]);
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
        ...connectToOf(values),
      },
      {
        signal: cli.io.signal,
        consent: new RunConsent({ assumeYes: values.yes ?? false }),
        ...(timeoutMs ? { timeoutMs } : {}),
      },
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
