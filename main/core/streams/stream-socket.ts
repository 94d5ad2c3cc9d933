/**
 * One AppSync WebSocket, for either of AppSync's socket protocols (GraphQL real-time's
 * `graphql-ws`, Events' `aws-appsync-event-ws`): opens it with the subprotocols the protocol
 * chose (its auth header rides in one), sends `connection_init`, waits (bounded) for
 * `connection_ack`, then treats silence longer than the ack's `connectionTimeoutMs` as a dead
 * link — any frame proves the link alive, `ka` is just the one sent when idle. Frames above
 * `maxFrameBytes` are refused by the socket itself (close 1009). The protocol's `wire` reads
 * frames and says which ones answer the handshake; everything after the ack except `ka` goes to
 * `onFrame`, guarded, so the owner's trouble with one frame cannot take the socket down.
 */
import WebSocket from 'ws';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import { appSyncDomainHeaders, connectUrl } from '../requests/connect-to.ts';
import { isExpiredToken, isRetryable, type ServerError } from './appsync-refusals.ts';

/** Why a connect attempt failed, and whether another attempt can help. */
export class ConnectFailure extends Error {
  readonly retryable: boolean;
  readonly expiredToken: boolean;
  readonly errors: ServerError[];
  /** What to report if no attempt gets through: the peer went quiet, or the link failed. */
  readonly code: Extract<ErrorCode, 'NETWORK' | 'TIMEOUT'>;
  constructor(
    message: string,
    retryable: boolean,
    errors: ServerError[] = [],
    code: ConnectFailure['code'] = 'NETWORK',
  ) {
    super(message);
    this.retryable = retryable;
    this.expiredToken = isExpiredToken(errors);
    this.errors = errors;
    this.code = code;
  }
}

/** What a protocol tells the socket about its frames. */
export interface SocketWire<F> {
  /** One server frame, or null when it is not one the protocol understands (dropped). */
  read(text: string): F | null;
  /** A `connection_ack` (its announced timeout, as sent: the socket bounds it), a `connection_error`, or neither. */
  handshake(frame: F): { ack: unknown } | { refused: ServerError[] } | null;
  isKeepAlive(frame: F): boolean;
}

export interface StreamSocketOptions<F> {
  url: URL;
  /** A private API's address: the upgrade goes there and names `url`'s host (connect-to.ts). */
  connectTo?: string | null;
  protocols: string[];
  ackTimeoutMs: number;
  /** Default: ws's own limit. */
  maxFrameBytes?: number;
  /** How messages name the endpoint: `real-time`, `Events`. */
  name: string;
  wire: SocketWire<F>;
  /** Every frame after the ack except `ka`. */
  onFrame(frame: F): void;
  /** The open connection died (silence, a close we did not ask for, an oversize frame). */
  onLost(reason: AppError): void;
}

/** AppSync's default when the ack names none. */
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * The ack's announced keep-alive timeout, as a hostile endpoint may send it: a number in
 * 100 ms – 1 h, else AppSync's default (0, a negative or a string would drop the link at once,
 * and past 2^31-1 ms Node fires the timer every millisecond).
 */
export function keepAliveTimeout(announced: unknown): number {
  return typeof announced === 'number' && Number.isFinite(announced)
    ? Math.min(Math.max(announced, 100), 3_600_000)
    : DEFAULT_TIMEOUT_MS;
}

export class StreamSocket<F> {
  readonly #socket: WebSocket;
  readonly #options: StreamSocketOptions<F>;
  #timeoutMs = DEFAULT_TIMEOUT_MS;
  #watchdog: NodeJS.Timeout | undefined;
  #lastFrameAt = 0;
  #done = false;

  private constructor(socket: WebSocket, options: StreamSocketOptions<F>) {
    this.#socket = socket;
    this.#options = options;
  }

  static open<F>(options: StreamSocketOptions<F>): Promise<StreamSocket<F>> {
    return new Promise((resolve, reject) => {
      const { url, wire, name, ackTimeoutMs, maxFrameBytes } = options;
      const via = options.connectTo ?? null;
      // A private API: the upgrade goes to its address (whose name TLS checks) and names the
      // real-time host; the auth header inside still names the API's own host.
      const socket = new WebSocket(via ? connectUrl(url, via) : url, options.protocols, {
        headers: appSyncDomainHeaders(url, via),
        handshakeTimeout: ackTimeoutMs,
        ...(maxFrameBytes === undefined ? {} : { maxPayload: maxFrameBytes }),
      });
      const connection = new StreamSocket(socket, options);
      let acked = false;
      // A socket that never got its ack was never "open": its close is not a lost link.
      const refuse = (failure: ConnectFailure) => {
        if (acked || connection.#done) return;
        connection.#done = true;
        clearTimeout(ackTimer);
        socket.terminate();
        reject(failure);
      };
      const ackTimer = setTimeout(
        () =>
          refuse(
            new ConnectFailure(`no connection_ack within ${ackTimeoutMs} ms`, true, [], 'TIMEOUT'),
          ),
        ackTimeoutMs,
      );
      const tooLarge = () =>
        new AppError(
          'NETWORK',
          `The ${name} endpoint sent a frame larger than ${maxFrameBytes} bytes; the connection was closed.`,
        );
      socket.on('error', (error: Error & { code?: string }) => {
        if (!acked) refuse(new ConnectFailure(error.message, true));
        else if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection.#lost(tooLarge());
        else
          connection.#lost(
            new AppError('NETWORK', `The ${name} WebSocket failed: ${error.message}.`),
          );
      });
      socket.on('close', (code) => {
        if (!acked) {
          refuse(new ConnectFailure('the server closed the connection during the handshake', true));
        } else if (code === 1009) connection.#lost(tooLarge());
        else
          connection.#lost(new AppError('NETWORK', `The ${name} connection closed unexpectedly.`));
      });
      socket.on('open', () => socket.send('{"type":"connection_init"}'));
      socket.on('message', (raw, isBinary) => {
        if (isBinary || connection.#done) return;
        const frame = wire.read(raw.toString());
        if (!frame) return;
        if (!acked) {
          const answer = wire.handshake(frame);
          if (answer && 'ack' in answer) {
            acked = true;
            clearTimeout(ackTimer);
            connection.#timeoutMs = keepAliveTimeout(answer.ack);
            connection.#feed();
            resolve(connection);
          } else if (answer) {
            const retryable = isRetryable(answer.refused);
            refuse(new ConnectFailure('connection_error', retryable, answer.refused));
          }
          return;
        }
        connection.#feed();
        if (wire.isKeepAlive(frame)) return;
        try {
          options.onFrame(frame);
        } catch {
          // The owner's trouble with one frame must not take the socket (or the process) down.
        }
      });
    });
  }

  get isOpen(): boolean {
    return !this.#done && this.#socket.readyState === WebSocket.OPEN;
  }

  /** False when the link is down (the owner sends again after the reconnect). */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.#socket.send(text);
    return true;
  }

  /** Closes cleanly (1000) after what is queued, e.g. the last `stop`, has been written. */
  close(): Promise<void> {
    this.#done = true;
    clearTimeout(this.#watchdog);
    if (this.#socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.#socket.terminate(), 1000);
      this.#socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      this.#socket.close(1000);
    });
  }

  // One timer re-arms itself from the last frame's time, so a fast stream costs no timer per frame.
  #feed(): void {
    this.#lastFrameAt = performance.now();
    this.#watchdog ??= setTimeout(() => this.#check(), this.#timeoutMs);
  }

  #check(): void {
    this.#watchdog = undefined;
    if (this.#done) return;
    const silentFor = performance.now() - this.#lastFrameAt;
    if (silentFor < this.#timeoutMs) {
      this.#watchdog = setTimeout(() => this.#check(), this.#timeoutMs - silentFor);
      return;
    }
    this.#lost(
      new AppError(
        'TIMEOUT',
        `No keep-alive from the ${this.#options.name} endpoint for ${this.#timeoutMs} ms; the connection is considered lost.`,
      ),
    );
    this.#socket.terminate();
  }

  #lost(reason: AppError): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#watchdog);
    this.#options.onLost(reason);
  }
}
