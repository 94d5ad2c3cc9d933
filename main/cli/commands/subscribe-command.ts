/**
 * `appsync-workbench subscribe <url> [auth options] --query-file F [--count N] [--timeout S] [--json]`:
 * runs one subscription over AppSync's real-time protocol and prints each event as it arrives,
 * one per line (`--json`: a JSON object per line with the time and the payload). Ends after N
 * events, after S seconds, on Ctrl-C, or when the server ends it. Exit codes: 0 when it ended
 * as asked (N events, or S seconds without --count), 4 when --timeout came before --count
 * events, else the code of the error that ended it.
 */
import { parseArgs } from 'node:util';
import { RunConsent } from '../../core/requests/run-consent.ts';
import type { SubscriptionStateDTO } from '../../../shared/realtime.ts';
import {
  AUTH_OPTIONS,
  authModeOf,
  CONNECT_OPTION,
  connectToOf,
  headersOf,
  refuseSecretArguments,
} from '../auth-options.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT, exitCodeFor } from '../exit-codes.ts';
import { DOCUMENT_OPTIONS, readDocument } from '../document-options.ts';

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0)) throw new UsageError(`${name} is a positive number.`);
  return value;
}

export async function subscribeCommand(args: string[], cli: CliContext): Promise<number> {
  refuseSecretArguments(args);
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...AUTH_OPTIONS,
      ...DOCUMENT_OPTIONS,
      ...CONNECT_OPTION,
      count: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
      /** Answers yes to signing for a host that is not AWS's. */
      yes: { type: 'boolean', short: 'y' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length) throw new UsageError('subscribe takes exactly one GraphQL URL.');
  const { query, variables } = await readDocument(
    values,
    'give the subscription with --query-file (or --query).',
  );
  const count = positive(values.count, '--count');
  if (count !== undefined && !Number.isInteger(count)) {
    throw new UsageError('--count is a whole number of events.');
  }
  const timeoutS = positive(values.timeout, '--timeout');
  const auth = authModeOf(values);
  if (Object.keys(headersOf(values)).length) {
    throw new UsageError('--header is not supported for subscriptions (AppSync ignores them).');
  }

  const realtime = await cli.realtime();
  const stop = new AbortController();
  let received = 0;
  let timedOut = false;
  let settle: (state: SubscriptionStateDTO) => void = () => undefined;
  const ended = new Promise<SubscriptionStateDTO>((resolve) => (settle = resolve));
  const print = (payload: unknown, at: number) => {
    if (count !== undefined && received >= count) return;
    received += 1;
    cli.out(
      values.json
        ? JSON.stringify({ receivedAt: new Date(at).toISOString(), payload })
        : JSON.stringify(payload),
    );
    if (count !== undefined && received >= count) stop.abort();
  };
  const handle = await realtime.subscribe(
    {
      graphqlUrl: url,
      auth,
      query,
      ...(variables ? { variables } : {}),
      ...(values.operation ? { operationName: values.operation } : {}),
      ...(values.profile ? { profile: values.profile } : {}),
      ...connectToOf(values),
    },
    {
      onBatch: (batch) => {
        for (const message of batch.messages) print(message.payload, message.receivedAt);
        if (batch.droppedSinceLastBatch) {
          cli.note(`(${batch.droppedSinceLastBatch} events dropped: the output could not keep up)`);
        }
      },
      onState: (state) => {
        if (state.status === 'active' && received === 0)
          cli.note('Subscribed; waiting for events…');
        if (state.status === 'reconnecting') {
          cli.note(`Connection lost; reconnecting (attempt ${state.reconnectAttempt})…`);
        }
        if (state.status === 'failed' || state.status === 'stopped') settle(state);
      },
      signal: stop.signal,
      ...(values.yes ? { consent: new RunConsent({ assumeYes: true }) } : {}),
    },
  );
  const timer =
    timeoutS === undefined
      ? null
      : setTimeout(() => {
          timedOut = true;
          stop.abort();
        }, timeoutS * 1000);
  const onInterrupt = () => stop.abort();
  cli.io.signal.addEventListener('abort', onInterrupt, { once: true });
  try {
    const last = await ended;
    await handle.stop();
    if (last.status === 'failed' && last.error) {
      cli.err(`${last.error.code}: ${last.error.message}`);
      return exitCodeFor(last.error.code);
    }
    if (cli.io.signal.aborted) return EXIT.interrupted;
    if (timedOut && count !== undefined && received < count) {
      cli.err(
        `TIMEOUT: ${received} of ${count} events arrived within ${timeoutS} s; the subscription was stopped.`,
      );
      return EXIT.network;
    }
    return EXIT.ok;
  } finally {
    if (timer) clearTimeout(timer);
    cli.io.signal.removeEventListener('abort', onInterrupt);
    await realtime.stopAll();
  }
}
