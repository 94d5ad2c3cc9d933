/**
 * Every channel subscription (and WebSocket publish) to one Event API, over the shared socket of
 * streams/stream-link.ts (connect, reconnect, last one out closes): here is what is AppSync
 * Events' protocol — the connect signed over `{}` in the `aws-appsync-event-ws` handshake, each
 * `subscribe` and `publish` with its own per-message authorization and answered by its id
 * (bounded by `replyTimeoutMs`), `data` routed by subscription id, and `unsubscribe`. A publish
 * waiting for its answer holds the socket open as a subscription does.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { RealtimeAuth } from '../realtime/realtime-auth.ts';
import { refusalError, type ServerError } from '../streams/appsync-refusals.ts';
import { StreamLink, type StreamLinkOptions, type StreamMember } from '../streams/stream-link.ts';
import { scrubSecrets } from '../requests/answer-reader.ts';
import {
  eventProtocols,
  eventsWire,
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
export interface LinkSubscriber extends StreamMember {
  readonly channel: string;
  readonly auth: RealtimeAuth;
  /** One `data` frame's `event`, as the server sent it (JSON text, untrusted). */
  event(text: string): void;
}

export interface LinkOptions extends StreamLinkOptions {
  /** Wait for `subscribe_success` / `publish_success`. */
  replyTimeoutMs: number;
}

interface PendingReply {
  settle(frame: ServerFrame | AppError): void;
}

export class EventsLink extends StreamLink<LinkSubscriber, ServerFrame> {
  protected readonly name = 'Events';
  readonly #options: LinkOptions;
  readonly #replies = new Map<string, PendingReply>();

  constructor(realtime: URL, options: LinkOptions, onEmpty: () => void) {
    super(realtime, options, onEmpty);
    this.#options = options;
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
      const connection = await this.ensure(auth, true);
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
      await this.closeIfUnused();
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

  protected readonly wire = eventsWire;

  protected async handshake(auth: RealtimeAuth): Promise<{ url: URL; protocols: string[] }> {
    // AppSync Events signs the connect as a POST to the HTTP endpoint over `{}`.
    return { url: this.realtime, protocols: eventProtocols(await auth.startHeaders('{}')) };
  }

  protected async join(subscriber: LinkSubscriber): Promise<void> {
    const signed = await this.signed(subscriber, subscribeBody(subscriber.channel));
    if (!signed) return;
    const waiting: PendingReply = { settle: () => undefined };
    this.#replies.set(subscriber.id, waiting);
    const reply = this.#awaitReply(subscriber.id, waiting);
    signed.socket.send(subscribeFrame(subscriber.id, subscriber.channel, signed.headers));
    let frame: ServerFrame;
    try {
      frame = await reply;
    } catch (error) {
      this.#replies.delete(subscriber.id);
      // A lost link is the reconnect's business; a silent server ends the subscription.
      if ((error as AppError).code === 'TIMEOUT') this.fail(subscriber.id, error as AppError);
      return;
    }
    this.#replies.delete(subscriber.id);
    if (frame.type === 'subscribe_success') this.joined(subscriber);
    else await this.#refused(subscriber, 'errors' in frame ? frame.errors : []);
  }

  #refused(subscriber: LinkSubscriber, errors: ServerError[]): Promise<void> {
    const refusal = refusalError(
      `The subscription to ${subscriber.channel} was`,
      errors,
      (text) => scrubSecrets(text, subscriber.auth.secrets()),
      namespaceHint('subscribe', subscriber.channel, subscriber.auth.mode),
    );
    return this.refused(subscriber, errors, refusal);
  }

  protected leave(id: string): void {
    this.socket?.send(unsubscribeFrame(id));
  }

  protected route(frame: ServerFrame): void {
    if (frame.type === 'data') {
      this.members.get(frame.id)?.event(frame.event);
      return;
    }
    if (!('id' in frame) || frame.id === null) return;
    const waiting = this.#replies.get(frame.id);
    if (waiting) {
      waiting.settle(frame);
      return;
    }
    // An error about a subscription that is already active (a broadcast it could not get).
    const subscriber = this.members.get(frame.id);
    if (subscriber && frame.type === 'error') void this.#refused(subscriber, frame.errors);
  }

  protected override lost(reason: AppError): void {
    for (const [id, waiting] of this.#replies) {
      // Subscribes are sent again after the reconnect; publishes fail now (the caller decides).
      if (!this.members.has(id)) waiting.settle(reason);
      else waiting.settle(new AppError('NETWORK', 'lost'));
    }
  }

  protected override forget(id: string): void {
    super.forget(id);
    this.#replies.get(id)?.settle(new AppError('CANCELLED', 'unsubscribed'));
    this.#replies.delete(id);
  }

  protected override inUse(): boolean {
    return super.inUse() || this.#replies.size > 0;
  }
}
