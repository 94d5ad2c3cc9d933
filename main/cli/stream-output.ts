/**
 * What `subscribe` and `events subscribe` share: `--count N` and `--timeout S`, each event printed
 * on one line as it arrives (`--json`: an object with the time), notes when the stream is active
 * or reconnecting, and the exit code once it ends — 0 when it ended as asked (N events, or S
 * seconds without --count), 4 when --timeout came before --count events, 130 on Ctrl-C, else the
 * code of the error that ended it.
 */
import type { SubscriptionMessageDTO, SubscriptionStateDTO } from '../../shared/realtime.ts';
import type { StreamHandle, StreamListener } from '../core/streams/stream-service.ts';
import { UsageError, type CliContext } from './cli-context.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';

export const STREAM_OPTIONS = {
  count: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

interface StreamLimits {
  count: number | undefined;
  timeoutS: number | undefined;
  json: boolean;
}

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0)) throw new UsageError(`${name} is a positive number.`);
  return value;
}

/** `--count` (whole), `--timeout` (seconds) and `--json`, checked. */
export function streamLimits(values: {
  count?: string | undefined;
  timeout?: string | undefined;
  json?: boolean | undefined;
}): StreamLimits {
  const count = positive(values.count, '--count');
  if (count !== undefined && !Number.isInteger(count)) {
    throw new UsageError('--count is a whole number of events.');
  }
  return { count, timeoutS: positive(values.timeout, '--timeout'), json: values.json === true };
}

interface StreamPrinting<S> {
  /** The key of the payload in a `--json` line: `payload`, `event`. */
  jsonKey: string;
  /** The note once the stream is active and nothing has arrived yet. */
  waiting(state: S): string;
}

/** Runs one stream to its end and answers the exit code; every stream is stopped after. */
export async function printStream<S extends SubscriptionStateDTO>(
  cli: CliContext,
  limits: StreamLimits,
  printing: StreamPrinting<S>,
  start: (listener: StreamListener<S>) => Promise<StreamHandle<S>>,
  stopAll: () => Promise<void>,
): Promise<number> {
  const { count, timeoutS } = limits;
  const stop = new AbortController();
  let received = 0;
  let timedOut = false;
  let settle: (state: S) => void = () => undefined;
  const ended = new Promise<S>((resolve) => (settle = resolve));
  const print = (message: SubscriptionMessageDTO) => {
    if (count !== undefined && received >= count) return;
    received += 1;
    cli.out(
      limits.json
        ? JSON.stringify({
            receivedAt: new Date(message.receivedAt).toISOString(),
            [printing.jsonKey]: message.payload,
          })
        : JSON.stringify(message.payload),
    );
    if (count !== undefined && received >= count) stop.abort();
  };
  const handle = await start({
    onBatch: (batch) => {
      for (const message of batch.messages) print(message);
      if (batch.droppedSinceLastBatch) {
        cli.note(`(${batch.droppedSinceLastBatch} events dropped: the output could not keep up)`);
      }
    },
    onState: (state) => {
      if (state.status === 'active' && received === 0) cli.note(printing.waiting(state));
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
    await stopAll();
  }
}
