/**
 * One AppSync real-time WebSocket: open it with the connect step's header, `connection_init`,
 * wait for `connection_ack` (bounded), then watch keep-alives — no `ka` (or any frame) within
 * the `connectionTimeoutMs` AppSync announced means the link is dead, and the socket is closed
 * and reported lost. Several subscriptions share it; the channel above routes their frames.
 */
import WebSocket from 'ws';
import { appSyncDomainHeaders, connectUrl } from '../requests/connect-to.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import {
  connectionInit,
  isExpiredToken,
  isRetryable,
  readServerMessage,
  startMessage,
  stopMessage,
  type Handshake,
  type ServerError,
} from './realtime-protocol.ts';

export interface ConnectionEvents {
  onStartAck(id: string): void;
  onData(id: string, payload: unknown): void;
  onStartError(id: string, errors: ServerError[]): void;
  onComplete(id: string): void;
  /** The open connection died (keep-alive silence, socket closed or failed). */
  onLost(reason: AppError): void;
}

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

export interface OpenOptions {
  handshake: Handshake;
  ackTimeoutMs: number;
  events: ConnectionEvents;
}

export class RealtimeConnection {
  readonly #socket: WebSocket;
  readonly #events: ConnectionEvents;
  #timeoutMs = 300_000;
  #watchdog: NodeJS.Timeout | undefined;
  #lastFrameAt = 0;
  #closedByUs = false;
  #lost = false;

  private constructor(socket: WebSocket, events: ConnectionEvents) {
    this.#socket = socket;
    this.#events = events;
  }

  static open(options: OpenOptions): Promise<RealtimeConnection> {
    const { handshake, ackTimeoutMs, events } = options;
    return new Promise((resolve, reject) => {
      const url = new URL(handshake.url);
      const via = handshake.connectTo;
      // A private API: the upgrade goes to its address (whose name TLS checks) and names the
      // real-time host; the auth header inside still names the API's GraphQL host.
      const socket = new WebSocket(via ? connectUrl(url, via) : url, handshake.protocols, {
        handshakeTimeout: ackTimeoutMs,
        headers: appSyncDomainHeaders(url, via ?? null),
      });
      const connection = new RealtimeConnection(socket, events);
      let settled = false;
      const fail = (failure: ConnectFailure) => {
        if (settled) return;
        settled = true;
        // A socket that never got its ack was never "open": its close is not a lost link.
        connection.#closedByUs = true;
        clearTimeout(ackTimer);
        socket.removeAllListeners('message');
        socket.terminate();
        reject(failure);
      };
      const ackTimer = setTimeout(
        () =>
          fail(
            new ConnectFailure(`no connection_ack within ${ackTimeoutMs} ms`, true, [], 'TIMEOUT'),
          ),
        ackTimeoutMs,
      );
      socket.on('error', (error) => fail(new ConnectFailure(error.message, true)));
      socket.on('close', () => {
        if (!settled)
          fail(new ConnectFailure('the server closed the connection during the handshake', true));
        else connection.#onClose();
      });
      socket.on('open', () => socket.send(connectionInit()));
      socket.on('message', (raw, isBinary) => {
        if (isBinary) return;
        const message = readServerMessage(raw.toString());
        if (!settled) {
          if (message?.type === 'connection_ack') {
            settled = true;
            clearTimeout(ackTimer);
            connection.#timeoutMs = message.payload?.connectionTimeoutMs ?? 300_000;
            connection.#feedWatchdog();
            resolve(connection);
          } else if (message?.type === 'connection_error') {
            const errors = message.payload?.errors ?? [];
            fail(new ConnectFailure('connection_error', isRetryable(errors), errors));
          }
          return;
        }
        if (message) connection.#route(message);
      });
    });
  }

  get isOpen(): boolean {
    return !this.#lost && !this.#closedByUs && this.#socket.readyState === WebSocket.OPEN;
  }

  start(id: string, data: string, authorization: Record<string, string>): void {
    if (this.isOpen) this.#socket.send(startMessage(id, data, authorization));
  }

  stop(id: string): void {
    if (this.isOpen) this.#socket.send(stopMessage(id));
  }

  /** Closes cleanly (1000) after anything queued, e.g. the last `stop`, has been written. */
  close(): Promise<void> {
    this.#closedByUs = true;
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

  #route(message: NonNullable<ReturnType<typeof readServerMessage>>): void {
    this.#feedWatchdog();
    switch (message.type) {
      case 'start_ack':
        this.#events.onStartAck(message.id);
        break;
      case 'data':
        this.#events.onData(message.id, message.payload);
        break;
      case 'error':
        if (message.id) this.#events.onStartError(message.id, message.payload?.errors ?? []);
        break;
      case 'complete':
        this.#events.onComplete(message.id);
        break;
      default:
        break;
    }
  }

  // Any frame proves the link is alive; AppSync's `ka` is just the one sent when idle. One
  // timer re-arms itself from the last frame's time, so a fast stream costs no timer per frame.
  #feedWatchdog(): void {
    this.#lastFrameAt = performance.now();
    this.#watchdog ??= setTimeout(() => this.#checkWatchdog(), this.#timeoutMs);
  }

  #checkWatchdog(): void {
    this.#watchdog = undefined;
    if (this.#lost || this.#closedByUs) return;
    const silentFor = performance.now() - this.#lastFrameAt;
    if (silentFor < this.#timeoutMs) {
      this.#watchdog = setTimeout(() => this.#checkWatchdog(), this.#timeoutMs - silentFor);
      return;
    }
    this.#declareLost(
      new AppError(
        'TIMEOUT',
        `No keep-alive from the real-time endpoint for ${this.#timeoutMs} ms; the connection is considered lost.`,
      ),
    );
    this.#socket.terminate();
  }

  #onClose(): void {
    clearTimeout(this.#watchdog);
    if (!this.#closedByUs)
      this.#declareLost(new AppError('NETWORK', 'The real-time connection closed unexpectedly.'));
  }

  #declareLost(reason: AppError): void {
    if (this.#lost || this.#closedByUs) return;
    this.#lost = true;
    clearTimeout(this.#watchdog);
    this.#events.onLost(reason);
  }
}
