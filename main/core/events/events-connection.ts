/**
 * One AppSync Events WebSocket: opens it with the `aws-appsync-event-ws` and auth subprotocols,
 * sends `connection_init`, waits (bounded) for `connection_ack`, then treats silence longer than
 * the ack's `connectionTimeoutMs` as a dead link. Frames above `maxFrameBytes` are refused by the
 * socket itself (close 1009), so a hostile peer cannot make the client buffer without bound;
 * every frame is read without throwing, and anything the link's owner does with it is guarded.
 */
import WebSocket from 'ws';
import { appSyncDomainHeaders, connectUrl } from '../requests/connect-to.ts';
import { AppError } from '../../../shared/errors.ts';
import { ConnectFailure } from '../realtime/realtime-connection.ts';
import { isRetryable } from '../realtime/realtime-protocol.ts';
import { connectionInit, readServerFrame, type ServerFrame } from './event-frames.ts';

export interface EventsConnectionOptions {
  url: URL;
  /** A private API's address: the upgrade goes there and names `url`'s host (connect-to.ts). */
  connectTo?: string | null;
  protocols: string[];
  ackTimeoutMs: number;
  maxFrameBytes: number;
  /** Every frame after the ack except `ka`. */
  onFrame(frame: ServerFrame): void;
  /** The open connection died (silence, a close we did not ask for, an oversize frame). */
  onLost(reason: AppError): void;
}

/** AppSync's default when the ack names none. */
const DEFAULT_TIMEOUT_MS = 300_000;

export class EventsConnection {
  readonly #socket: WebSocket;
  readonly #options: EventsConnectionOptions;
  #timeoutMs = DEFAULT_TIMEOUT_MS;
  #watchdog: NodeJS.Timeout | undefined;
  #lastFrameAt = 0;
  #done = false;

  private constructor(socket: WebSocket, options: EventsConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
  }

  static open(options: EventsConnectionOptions): Promise<EventsConnection> {
    return new Promise((resolve, reject) => {
      const via = options.connectTo ?? null;
      const socket = new WebSocket(
        via ? connectUrl(options.url, via) : options.url,
        options.protocols,
        {
          headers: appSyncDomainHeaders(options.url, via),
          handshakeTimeout: options.ackTimeoutMs,
          maxPayload: options.maxFrameBytes,
        },
      );
      const connection = new EventsConnection(socket, options);
      let acked = false;
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
            new ConnectFailure(
              `no connection_ack within ${options.ackTimeoutMs} ms`,
              true,
              [],
              'TIMEOUT',
            ),
          ),
        options.ackTimeoutMs,
      );
      const tooLarge = () =>
        new AppError(
          'NETWORK',
          `The Events endpoint sent a frame larger than ${options.maxFrameBytes} bytes; the connection was closed.`,
        );
      socket.on('error', (error: Error & { code?: string }) => {
        if (!acked) refuse(new ConnectFailure(error.message, true));
        else if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection.#lost(tooLarge());
        else
          connection.#lost(
            new AppError('NETWORK', `The Events WebSocket failed: ${error.message}.`),
          );
      });
      socket.on('close', (code) => {
        if (!acked) {
          refuse(new ConnectFailure('the server closed the connection during the handshake', true));
        } else if (code === 1009) connection.#lost(tooLarge());
        else
          connection.#lost(new AppError('NETWORK', 'The Events connection closed unexpectedly.'));
      });
      socket.on('open', () => socket.send(connectionInit()));
      socket.on('message', (raw, isBinary) => {
        if (isBinary || connection.#done) return;
        const frame = readServerFrame(raw.toString());
        if (!frame) return;
        if (!acked) {
          if (frame.type === 'connection_ack') {
            acked = true;
            clearTimeout(ackTimer);
            connection.#timeoutMs = frame.connectionTimeoutMs ?? DEFAULT_TIMEOUT_MS;
            connection.#feed();
            resolve(connection);
          } else if (frame.type === 'connection_error') {
            refuse(new ConnectFailure('connection_error', isRetryable(frame.errors), frame.errors));
          }
          return;
        }
        connection.#feed();
        if (frame.type === 'ka') return;
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

  /** False when the link is down (the owner retries after the reconnect). */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.#socket.send(text);
    return true;
  }

  /** Closes cleanly (1000) after what is queued has been written. */
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

  /** Any frame proves the link alive; one timer re-arms from the last frame's time. */
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
        `No keep-alive from the Events endpoint for ${this.#timeoutMs} ms; the connection is considered lost.`,
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
