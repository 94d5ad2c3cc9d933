/**
 * `appsync-workbench subscribe <url> [auth options] --query-file F [--count N] [--timeout S] [--json]`:
 * runs one subscription over AppSync's real-time protocol and prints each event as it arrives,
 * one per line (`--json`: a JSON object per line with the time and the payload). Ends after N
 * events, after S seconds, on Ctrl-C, or when the server ends it. Exit codes: 0 when it ended
 * as asked (N events, or S seconds without --count), 4 when --timeout came before --count
 * events, else the code of the error that ended it.
 */
import { RunConsent } from '../../core/requests/run-consent.ts';
import { API_OPTIONS, authModeOf, connectToOf, headersOf, parseUrlArgs } from '../auth-options.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { DOCUMENT_OPTIONS, readDocument } from '../document-options.ts';
import { printStream, STREAM_OPTIONS, streamLimits } from '../stream-output.ts';

export async function subscribeCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, url } = parseUrlArgs(
    args,
    {
      ...API_OPTIONS,
      ...DOCUMENT_OPTIONS,
      ...STREAM_OPTIONS,
      /** Answers yes to signing for a host that is not AWS's. */
      yes: { type: 'boolean', short: 'y' },
    },
    'subscribe takes exactly one GraphQL URL.',
  );
  const { query, variables } = await readDocument(
    values,
    'give the subscription with --query-file (or --query).',
  );
  const limits = streamLimits(values);
  const auth = authModeOf(values);
  if (Object.keys(headersOf(values)).length) {
    throw new UsageError('--header is not supported for subscriptions (AppSync ignores them).');
  }

  const realtime = await cli.realtime();
  return printStream(
    cli,
    limits,
    { jsonKey: 'payload', waiting: () => 'Subscribed; waiting for events…' },
    (listener) =>
      realtime.subscribe(
        {
          graphqlUrl: url,
          auth,
          query,
          ...(variables ? { variables } : {}),
          ...(values.operation ? { operationName: values.operation } : {}),
          ...(values.profile ? { profile: values.profile } : {}),
          ...connectToOf(values),
        },
        { ...listener, ...(values.yes ? { consent: new RunConsent({ assumeYes: true }) } : {}) },
      ),
    () => realtime.stopAll(),
  );
}
