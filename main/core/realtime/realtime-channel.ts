/**
 * All GraphQL subscriptions to one real-time endpoint, over the shared socket of
 * streams/stream-link.ts (connect, reconnect, last one out closes): here is what is AppSync's
 * real-time protocol — the connect step's header in the `graphql-ws` handshake, each
 * subscription's `start` signed with its own auth and bounded by `startAckTimeoutMs`, `data`
 * routed by id, `error` and `complete` for one subscription, and `stop` when it leaves.
 */
import { AppError } from '../../../shared/errors.ts';
import { refusalError, serverErrors } from '../streams/appsync-refusals.ts';
import { StreamLink, type StreamLinkOptions, type StreamMember } from '../streams/stream-link.ts';
import type { RealtimeAuth } from './realtime-auth.ts';
import {
  handshake,
  realtimeWire,
  startMessage,
  stopMessage,
  type HandshakeForm,
  type ServerMessage,
} from './realtime-protocol.ts';

/** What the channel needs of a subscription; the service implements it. */
export interface ChannelMember extends StreamMember {
  readonly auth: RealtimeAuth;
  /** The start's `payload.data`, exactly as signed. */
  readonly data: string;
  message(payload: unknown): void;
}

export interface ChannelOptions extends StreamLinkOptions {
  form: HandshakeForm;
  startAckTimeoutMs: number;
}

export class RealtimeChannel extends StreamLink<ChannelMember, ServerMessage> {
  protected readonly name = 'real-time';
  readonly #options: ChannelOptions;
  readonly #startTimers = new Map<string, NodeJS.Timeout>();

  constructor(realtime: URL, options: ChannelOptions, onEmpty: () => void) {
    super(realtime, options, onEmpty);
    this.#options = options;
  }

  protected readonly wire = realtimeWire;

  protected async handshake(auth: RealtimeAuth): Promise<{ url: URL; protocols: string[] }> {
    const header = await auth.connectHeaders();
    const { url, protocols } = handshake(this.realtime, header, this.#options.form);
    return { url: new URL(url), protocols };
  }

  protected async join(member: ChannelMember): Promise<void> {
    const signed = await this.signed(member, member.data);
    if (!signed) return;
    signed.socket.send(startMessage(member.id, member.data, signed.headers));
    clearTimeout(this.#startTimers.get(member.id));
    this.#startTimers.set(
      member.id,
      setTimeout(() => {
        this.fail(
          member.id,
          new AppError(
            'TIMEOUT',
            `The real-time endpoint did not acknowledge the subscription within ${this.#options.startAckTimeoutMs} ms.`,
          ),
        );
      }, this.#options.startAckTimeoutMs),
    );
  }

  protected leave(id: string): void {
    this.socket?.send(stopMessage(id));
  }

  protected route(message: ServerMessage): void {
    if (message.type === 'data') {
      this.members.get(message.id)?.message(message.payload);
      return;
    }
    if (message.type !== 'start_ack' && message.type !== 'error' && message.type !== 'complete')
      return;
    const id = message.id;
    const member = id === undefined ? undefined : this.members.get(id);
    if (!member) return;
    this.#clearStartTimer(member.id);
    if (message.type === 'start_ack') this.joined(member);
    else if (message.type === 'complete') void this.end(member.id, null, false);
    else {
      const errors = serverErrors(message.payload?.errors);
      const refusal = refusalError('The subscription was', errors, (text) => this.scrub(text));
      void this.refused(member, errors, refusal);
    }
  }

  protected override lost(): void {
    for (const timer of this.#startTimers.values()) clearTimeout(timer);
    this.#startTimers.clear();
  }

  protected override forget(id: string): void {
    super.forget(id);
    this.#clearStartTimer(id);
  }

  #clearStartTimer(id: string): void {
    clearTimeout(this.#startTimers.get(id));
    this.#startTimers.delete(id);
  }
}
