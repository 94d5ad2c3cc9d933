/**
 * `appsync-workbench events publish <url> --channel C --event JSON… [--websocket] [auth] [--json]`
 * publishes up to five JSON events to an AppSync Events channel (over HTTP, or over the
 * WebSocket), and prints what AppSync took; `appsync-workbench events subscribe <url> --channel C
 * [--count N] [--timeout S] [auth] [--json]` prints each event of a channel (or `/ns/*`) as it
 * arrives, one per line. Auth options are `query`'s. Exit codes: 0 all published / ended as asked,
 * 1 AppSync refused some events of a publish, 4 --timeout before --count events, else the code
 * of the error.
 */
import { parseArgs } from 'node:util';
import type { ChannelSubscriptionStateDTO } from '../../../shared/events.ts';
import type { EventsService } from '../../core/events/events-service.ts';
import { RunConsent } from '../../core/requests/run-consent.ts';
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

const EVENTS_USAGE = `events publish <url> --channel C --event JSON [--event JSON]... [--websocket] [auth options] [--json] [--yes]
events subscribe <url> --channel C [--count N] [--timeout S] [auth options] [--json] [--yes]`;

const OPTIONS = {
  ...AUTH_OPTIONS,
  ...CONNECT_OPTION,
  channel: { type: 'string' },
  event: { type: 'string', multiple: true },
  websocket: { type: 'boolean' },
  count: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  /** Answers yes to signing for a host that is not AWS's. */
  yes: { type: 'boolean', short: 'y' },
} as const;

function positive(text: string | undefined, name: string, whole = false): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0) || (whole && !Number.isInteger(value))) {
    throw new UsageError(`${name} is a positive ${whole ? 'whole ' : ''}number.`);
  }
  return value;
}

export async function eventsCommand(args: string[], cli: CliContext): Promise<number> {
  refuseSecretArguments(args);
  const [verb, ...rest] = args;
  if (verb !== 'publish' && verb !== 'subscribe') {
    throw new UsageError(`events takes publish or subscribe:\n${EVENTS_USAGE}`);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length) throw new UsageError(`events ${verb} takes exactly one Event API URL.`);
  if (!values.channel) throw new UsageError(`events ${verb} needs --channel (like /default/room).`);
  if (Object.keys(headersOf(values)).length) {
    throw new UsageError('--header is not supported for Events.');
  }
  const target = {
    url,
    auth: authModeOf(values),
    channel: values.channel,
    ...(values.profile ? { profile: values.profile } : {}),
    ...connectToOf(values),
  };
  const events = await cli.events();
  const consent = values.yes ? { consent: new RunConsent({ assumeYes: true }) } : {};
  if (verb === 'publish') {
    if (values.count || values.timeout)
      throw new UsageError('--count and --timeout are for subscribe.');
    if (!values.event?.length) throw new UsageError('give each event with --event JSON.');
    const result = await events.publish(
      { ...target, events: values.event, transport: values.websocket ? 'websocket' : 'http' },
      { signal: cli.io.signal, ...consent },
    );
    if (values.json) cli.out(JSON.stringify(result));
    else {
      for (const ok of result.successful)
        cli.out(`published event ${ok.index + 1}: ${ok.identifier}`);
      for (const failed of result.failed) {
        cli.err(
          `event ${failed.index + 1} was refused: ${failed.code ?? 'no code'} ${failed.message}`,
        );
      }
    }
    return result.failed.length ? EXIT.graphqlErrors : EXIT.ok;
  }
  if (values.event?.length || values.websocket) {
    throw new UsageError('--event and --websocket are for publish.');
  }
  return subscribe(events, target, values, consent, cli);
}

async function subscribe(
  events: EventsService,
  target: Parameters<EventsService['subscribe']>[0],
  values: { count?: string | undefined; timeout?: string | undefined; json?: boolean | undefined },
  consent: { consent?: RunConsent },
  cli: CliContext,
): Promise<number> {
  const count = positive(values.count, '--count', true);
  const timeoutS = positive(values.timeout, '--timeout');
  const stop = new AbortController();
  let received = 0;
  let timedOut = false;
  let settle: (state: ChannelSubscriptionStateDTO) => void = () => undefined;
  const ended = new Promise<ChannelSubscriptionStateDTO>((resolve) => (settle = resolve));
  const handle = await events.subscribe(target, {
    ...consent,
    onBatch: (batch) => {
      for (const message of batch.messages) {
        if (count !== undefined && received >= count) break;
        received += 1;
        cli.out(
          values.json
            ? JSON.stringify({
                receivedAt: new Date(message.receivedAt).toISOString(),
                event: message.payload,
              })
            : JSON.stringify(message.payload),
        );
        if (count !== undefined && received >= count) stop.abort();
      }
      if (batch.droppedSinceLastBatch) {
        cli.note(`(${batch.droppedSinceLastBatch} events dropped: the output could not keep up)`);
      }
    },
    onState: (state) => {
      if (state.status === 'active' && received === 0)
        cli.note(`Subscribed to ${state.channel}; waiting for events…`);
      if (state.status === 'reconnecting') {
        cli.note(`Connection lost; reconnecting (attempt ${state.reconnectAttempt})…`);
      }
      if (state.status === 'failed' || state.status === 'stopped') settle(state);
    },
    signal: stop.signal,
  });
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
    await events.stopAll();
  }
}
