/**
 * Every channel subscription (and WebSocket publish) to one Event API, over one shared socket:
 * connects on first use with the auth of whoever needs it, sends each `subscribe` with its own
 * per-message authorization, routes `data` by subscription id, answers publishes by their id,
 * reconnects with jittered exponential backoff when the link is lost and subscribes everything
 * again, and closes the socket once nothing uses it. Refusals AppSync marks final (400/401/403)
 * end what they concern; an expired token is renewed and tried once more.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { RealtimeAuth } from '../realtime/realtime-auth.ts';
import { ConnectFailure } from '../realtime/realtime-connection.ts';
import { isExpiredToken, refusalError, type ServerError } from '../realtime/realtime-protocol.ts';
import { scrubSecrets } from '../requests/answer-reader.ts';
import { EventsConnection } from './events-connection.ts';
import {
  eventProtocols,
  namespaceHint,
  publishBody,
  publishFrame,
  subscribeBody,
  subscribeFrame,
  unsubscribeFrame,
  type PublishOutcome,
  type ServerFrame,
} from './event-frames.ts';

/** What the link needs of a channel subscription; the service implements it. */
export interface LinkSubscriber {
  readonly id: string;
  readonly channel: string;
  readonly auth: RealtimeAuth;
  connecting(): void;
  subscribing(): void;
  reconnecting(attempt: number, reason: AppError): void;
  active(): void;
  /** One `data` frame's `event`, as the server sent it (JSON text, untrusted). */
  event(text: string): void;
  /** Final: the subscriber has left the link. */
  ended(error: AppError | null): void;
}

export interface LinkOptions {
  ackTimeoutMs: number;
  /** Wait for `subscribe_success` / `publish_success`. */
  replyTimeoutMs: number;
  maxFrameBytes: number;
  reconnect: { baseMs: number; maxMs: number; maxAttempts: number };
  /** A private API's address: the socket goes there, naming the real-time host. */
  connectTo?: string | null;
}

interface PendingReply {
  settle(frame: ServerFrame | AppError): void;
}

export class EventsLink {
  readonly realtime: URL;
  readonly #options: LinkOptions;
  readonly #onEmpty: () => void;
  readonly #subscribers = new Map<string, LinkSubscriber>();
  readonly #replies = new Map<string, PendingReply>();
  readonly #renewed = new Set<string>();
  #connection: EventsConnection | null = null;
  #opening: Promise<EventsConnection | null> | null = null;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  /** Why the last connect failed, for a publish that waited on it. */
  #lastFailure: AppError | null = null;

  constructor(realtime: URL, options: LinkOptions, onEmpty: () => void) {
    this.realtime = realtime;
    this.#options = options;
    this.#onEmpty = onEmpty;
  }

  get hasSocket(): boolean {
    return this.#connection !== null || this.#opening !== null;
  }

  add(subscriber: LinkSubscriber): void {
    this.#subscribers.set(subscriber.id, subscriber);
    if (this.#retryTimer) {
      subscriber.reconnecting(this.#attempt, new AppError('NETWORK', 'Waiting to reconnect.'));
      return;
    }
    subscriber.connecting();
    void this.#ensure(subscriber.auth).then((connection) => {
      if (connection && this.#subscribers.get(subscriber.id) === subscriber) {
        void this.#subscribe(subscriber);
      }
    });
  }

  /** `unsubscribe` on the wire; the last user closes the socket. */
  async remove(id: string): Promise<void> {
    const subscriber = this.#subscribers.get(id);
    if (!subscriber) return;
    this.#forget(id);
    this.#connection?.send(unsubscribeFrame(id));
    subscriber.ended(null);
    await this.#closeIfUnused();
  }

  /** Publishes over the socket (opening it with `auth` if none is open) and waits for the answer. */
  async publish(
    auth: RealtimeAuth,
    channel: string,
    events: readonly string[],
    signal?: AbortSignal,
  ): Promise<PublishOutcome> {
    const id = randomUUID();
    // Counted as a user from now on, so a socket opened for it is not closed under it.
    const waiting: PendingReply = { settle: () => undefined };
    this.#replies.set(id, waiting);
    try {
      const connection = await this.#ensure(auth, true);
      if (!connection) {
        throw new AppError('NETWORK', `Could not connect to ${this.realtime.host} to publish.`);
      }
      const headers = await auth.startHeaders(publishBody(channel, events));
      const reply = this.#awaitReply(id, waiting, signal);
      if (!connection.send(publishFrame(id, channel, events, headers))) {
        throw new AppError(
          'NETWORK',
          `The connection to ${this.realtime.host} was lost before the publish was sent.`,
        );
      }
      const frame = await reply;
      if (frame.type === 'publish_success') return frame.outcome;
      throw refusalError(
        `The publish to ${channel} was`,
        'errors' in frame ? frame.errors : [],
        (text) => scrubSecrets(text, auth.secrets()),
        namespaceHint('publish', channel, auth.mode),
      );
    } finally {
      this.#replies.delete(id);
      await this.#closeIfUnused();
    }
  }

  #awaitReply(id: string, waiting: PendingReply, signal?: AbortSignal): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          waiting.settle(
            new AppError(
              'TIMEOUT',
              `${this.realtime.host} did not answer within ${this.#options.replyTimeoutMs} ms.`,
            ),
          ),
        this.#options.replyTimeoutMs,
      );
      const onAbort = () => waiting.settle(new AppError('CANCELLED', 'The publish was cancelled.'));
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.settle = (outcome) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        waiting.settle = () => undefined;
        if (outcome instanceof AppError) reject(outcome);
        else resolve(outcome);
      };
    });
  }

  /** The open socket, or one opened with `auth`; null when it could not be (subscribers told). */
  async #ensure(auth: RealtimeAuth, throwing = false): Promise<EventsConnection | null> {
    if (this.#connection?.isOpen) return this.#connection;
    this.#opening ??= this.#connect(auth, false).finally(() => {
      this.#opening = null;
    });
    const connection = await this.#opening;
    if (!connection && throwing && this.#lastFailure) throw this.#lastFailure;
    return connection;
  }

  async #connect(auth: RealtimeAuth, renewed: boolean): Promise<EventsConnection | null> {
    let connection: EventsConnection;
    this.#lastFailure = null;
    try {
      // AppSync Events signs the connect as a POST to the HTTP endpoint over `{}`.
      const header = await auth.startHeaders('{}');
      connection = await EventsConnection.open({
        url: this.realtime,
        connectTo: this.#options.connectTo ?? null,
        protocols: eventProtocols(header),
        ackTimeoutMs: this.#options.ackTimeoutMs,
        maxFrameBytes: this.#options.maxFrameBytes,
        onFrame: (frame) => this.#route(frame),
        onLost: (reason) => this.#onLost(reason),
      });
    } catch (error) {
      if (error instanceof ConnectFailure) {
        if (error.expiredToken && !renewed) {
          await auth.refresh().catch(() => undefined);
          return this.#connect(auth, true);
        }
        const scrub = (text: string) => scrubSecrets(text, auth.secrets());
        if (!error.retryable) {
          this.#lastFailure = refusalError(
            `The Events endpoint ${this.realtime.host}`,
            error.errors,
            scrub,
          );
          this.#failAll(this.#lastFailure);
          return null;
        }
        this.#lastFailure = new AppError(
          error.code,
          `Could not connect to ${this.realtime.host}: ${scrub(error.message)}.`,
        );
        if (this.#subscribers.size > 0) this.#scheduleReconnect(this.#lastFailure);
        return null;
      }
      // The credentials or the secret could not be read: retrying will not fix that.
      this.#lastFailure =
        error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message);
      this.#failAll(this.#lastFailure);
      return null;
    }
    if (this.#subscribers.size === 0 && this.#replies.size === 0) {
      await connection.close();
      return null;
    }
    this.#connection = connection;
    return connection;
  }

  async #subscribe(subscriber: LinkSubscriber): Promise<void> {
    subscriber.subscribing();
    let headers: Record<string, string>;
    try {
      headers = await subscriber.auth.startHeaders(subscribeBody(subscriber.channel));
    } catch (error) {
      this.#fail(
        subscriber.id,
        error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message),
      );
      return;
    }
    const connection = this.#connection;
    // Lost while signing: the reconnect subscribes everything again.
    if (!connection?.isOpen || this.#subscribers.get(subscriber.id) !== subscriber) return;
    const waiting: PendingReply = { settle: () => undefined };
    this.#replies.set(subscriber.id, waiting);
    const reply = this.#awaitReply(subscriber.id, waiting);
    connection.send(subscribeFrame(subscriber.id, subscriber.channel, headers));
    let frame: ServerFrame;
    try {
      frame = await reply;
    } catch (error) {
      this.#replies.delete(subscriber.id);
      // A lost link is the reconnect's business; a silent server ends the subscription.
      if ((error as AppError).code === 'TIMEOUT') this.#fail(subscriber.id, error as AppError);
      return;
    }
    this.#replies.delete(subscriber.id);
    if (frame.type === 'subscribe_success') {
      this.#attempt = 0;
      // Subscribed: a later expiry (after a reconnect hours on) earns its own renewal.
      this.#renewed.delete(subscriber.id);
      subscriber.active();
      return;
    }
    await this.#refused(subscriber, 'errors' in frame ? frame.errors : []);
  }

  async #refused(subscriber: LinkSubscriber, errors: ServerError[]): Promise<void> {
    if (isExpiredToken(errors) && !this.#renewed.has(subscriber.id)) {
      this.#renewed.add(subscriber.id);
      try {
        await subscriber.auth.refresh();
        await this.#subscribe(subscriber);
        return;
      } catch {
        // fall through to the refusal itself
      }
    }
    this.#fail(
      subscriber.id,
      refusalError(
        `The subscription to ${subscriber.channel} was`,
        errors,
        (text) => scrubSecrets(text, subscriber.auth.secrets()),
        namespaceHint('subscribe', subscriber.channel, subscriber.auth.mode),
      ),
    );
  }

  #route(frame: ServerFrame): void {
    if (frame.type === 'data') {
      this.#subscribers.get(frame.id)?.event(frame.event);
      return;
    }
    if (!('id' in frame) || frame.id === null) return;
    const waiting = this.#replies.get(frame.id);
    if (waiting) {
      waiting.settle(frame);
      return;
    }
    // An error about a subscription that is already active (a broadcast it could not get).
    const subscriber = this.#subscribers.get(frame.id);
    if (subscriber && frame.type === 'error') void this.#refused(subscriber, frame.errors);
  }

  #onLost(reason: AppError): void {
    this.#connection = null;
    for (const [id, waiting] of this.#replies) {
      // Subscribes are sent again after the reconnect; publishes fail now (the caller decides).
      if (!this.#subscribers.has(id)) waiting.settle(reason);
      else waiting.settle(new AppError('NETWORK', 'lost'));
    }
    if (this.#subscribers.size > 0) this.#scheduleReconnect(reason);
  }

  #scheduleReconnect(reason: AppError): void {
    const { baseMs, maxMs, maxAttempts } = this.#options.reconnect;
    if (this.#attempt >= maxAttempts) {
      this.#failAll(
        new AppError(
          reason.code,
          `${reason.message} Gave up after ${maxAttempts} reconnect attempts.`,
        ),
      );
      return;
    }
    this.#attempt += 1;
    for (const subscriber of this.#subscribers.values())
      subscriber.reconnecting(this.#attempt, reason);
    // Full jitter, so many clients do not reconnect in lockstep.
    const ceiling = Math.min(maxMs, baseMs * 2 ** (this.#attempt - 1));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      const first = this.#subscribers.values().next().value;
      if (!first) return;
      void this.#ensure(first.auth).then((connection) => {
        if (!connection) return;
        for (const subscriber of this.#subscribers.values()) void this.#subscribe(subscriber);
      });
    }, delay);
  }

  #fail(id: string, error: AppError): void {
    const subscriber = this.#subscribers.get(id);
    if (!subscriber) return;
    this.#forget(id);
    this.#connection?.send(unsubscribeFrame(id));
    subscriber.ended(error);
    void this.#closeIfUnused();
  }

  #failAll(error: AppError): void {
    for (const id of [...this.#subscribers.keys()]) this.#fail(id, error);
  }

  #forget(id: string): void {
    this.#subscribers.delete(id);
    this.#replies.get(id)?.settle(new AppError('CANCELLED', 'unsubscribed'));
    this.#replies.delete(id);
    this.#renewed.delete(id);
  }

  async #closeIfUnused(): Promise<void> {
    if (this.#subscribers.size > 0 || this.#replies.size > 0) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const connection = this.#connection;
    this.#connection = null;
    this.#onEmpty();
    await connection?.close();
  }
}
