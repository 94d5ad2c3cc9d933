/**
 * `appsync-workbench events publish <url> --channel C --event JSON… [--websocket] [auth] [--json]`
 * publishes up to five JSON events to an AppSync Events channel (over HTTP, or over the
 * WebSocket), and prints what AppSync took; `appsync-workbench events subscribe <url> --channel C
 * [--count N] [--timeout S] [auth] [--json]` prints each event of a channel (or `/ns/*`) as it
 * arrives, one per line. Auth options are `query`'s. Exit codes: 0 all published / ended as asked,
 * 1 AppSync refused some events of a publish, 4 --timeout before --count events, else the code
 * of the error.
 */
import type { ChannelSubscriptionStateDTO } from '../../../shared/events.ts';
import { RunConsent } from '../../core/requests/run-consent.ts';
import {
  API_OPTIONS,
  authModeOf,
  connectToOf,
  headersOf,
  parseUrlArgs,
  refuseSecretArguments,
} from '../auth-options.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { printStream, STREAM_OPTIONS, streamLimits } from '../stream-output.ts';

const EVENTS_USAGE = `events publish <url> --channel C --event JSON [--event JSON]... [--websocket] [auth options] [--json] [--yes]
events subscribe <url> --channel C [--count N] [--timeout S] [auth options] [--json] [--yes]`;

const OPTIONS = {
  ...API_OPTIONS,
  channel: { type: 'string' },
  event: { type: 'string', multiple: true },
  websocket: { type: 'boolean' },
  ...STREAM_OPTIONS,
  /** Answers yes to signing for a host that is not AWS's. */
  yes: { type: 'boolean', short: 'y' },
} as const;

export async function eventsCommand(args: string[], cli: CliContext): Promise<number> {
  refuseSecretArguments(args);
  const [verb, ...rest] = args;
  if (verb !== 'publish' && verb !== 'subscribe') {
    throw new UsageError(`events takes publish or subscribe:\n${EVENTS_USAGE}`);
  }
  const { values, url } = parseUrlArgs(
    rest,
    OPTIONS,
    `events ${verb} takes exactly one Event API URL.`,
  );
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
  return printStream<ChannelSubscriptionStateDTO>(
    cli,
    streamLimits(values),
    { jsonKey: 'event', waiting: (state) => `Subscribed to ${state.channel}; waiting for events…` },
    (listener) => events.subscribe(target, { ...listener, ...consent }),
    () => events.stopAll(),
  );
}
