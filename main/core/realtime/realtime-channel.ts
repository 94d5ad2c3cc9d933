/**
 * All subscriptions to one real-time endpoint, over one shared WebSocket: connects on the first,
 * sends each one's `start` (signed with its own auth), reconnects with jittered exponential
 * backoff when the link is lost and re-sends every start, and closes the socket when the last
 * subscription stops. Refusals AppSync marks final (400/401/403) fail the subscriptions they
 * concern and are never retried; an expired token is re-resolved and tried once more.
 */
import { AppError } from '../../../shared/errors.ts';
import { scrubSecrets } from '../requests/answer-reader.ts';
import { ConnectFailure, RealtimeConnection } from './realtime-connection.ts';
import type { RealtimeAuth } from './realtime-auth.ts';
import {
  handshake,
  isExpiredToken,
  refusalError,
  type HandshakeForm,
  type ServerError,
} from './realtime-protocol.ts';

/** What the channel needs of a subscription; the service implements it. */
export interface ChannelMember {
  readonly id: string;
  readonly auth: RealtimeAuth;
  /** The start's `payload.data`, exactly as signed. */
  readonly data: string;
  connecting(): void;
  subscribing(): void;
  reconnecting(attempt: number, reason: AppError): void;
  active(): void;
  message(payload: unknown): void;
  /** Final: the member has been removed from the channel. */
  ended(error: AppError | null): void;
}

export interface ChannelOptions {
  form: HandshakeForm;
  ackTimeoutMs: number;
  startAckTimeoutMs: number;
  reconnect: { baseMs: number; maxMs: number; maxAttempts: number };
  /** A private API's address: the socket goes there, naming the real-time host (connect-to.ts). */
  connectTo?: string | null;
}

export class RealtimeChannel {
  readonly realtime: URL;
  readonly #options: ChannelOptions;
  readonly #members = new Map<string, ChannelMember>();
  readonly #startTimers = new Map<string, NodeJS.Timeout>();
  readonly #refreshed = new Set<string>();
  readonly #onEmpty: () => void;
  #connection: RealtimeConnection | null = null;
  #connecting: Promise<boolean> | null = null;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(realtime: URL, options: ChannelOptions, onEmpty: () => void) {
    this.realtime = realtime;
    this.#options = options;
    this.#onEmpty = onEmpty;
  }

  get hasSocket(): boolean {
    return this.#connection !== null || this.#connecting !== null;
  }

  add(member: ChannelMember): void {
    this.#members.set(member.id, member);
    if (this.#retryTimer) {
      member.reconnecting(this.#attempt, new AppError('NETWORK', 'Waiting to reconnect.'));
      return;
    }
    member.connecting();
    void this.#ensure().then((ok) => {
      if (ok && this.#members.get(member.id) === member) void this.#start(member);
    });
  }

  /** Stops one subscription (`stop` on the wire); the last one closes the socket. */
  async remove(id: string): Promise<void> {
    const member = this.#members.get(id);
    if (!member) return;
    this.#forget(id);
    this.#connection?.stop(id);
    member.ended(null);
    await this.#closeIfEmpty();
  }

  async #ensure(): Promise<boolean> {
    if (this.#connection?.isOpen) return true;
    this.#connecting ??= this.#connect(false).finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  async #connect(refreshed: boolean): Promise<boolean> {
    // The connect step is authorized by whichever subscription opened the socket; each start
    // carries its own auth after that.
    const first = this.#members.values().next().value;
    if (!first) return false;
    let connection: RealtimeConnection;
    try {
      const header = await first.auth.connectHeaders();
      connection = await RealtimeConnection.open({
        handshake: {
          ...handshake(this.realtime, header, this.#options.form),
          connectTo: this.#options.connectTo ?? null,
        },
        ackTimeoutMs: this.#options.ackTimeoutMs,
        events: {
          onStartAck: (id) => this.#onStartAck(id),
          onData: (id, payload) => this.#members.get(id)?.message(payload),
          onStartError: (id, errors) => void this.#onStartError(id, errors),
          onComplete: (id) => this.#onComplete(id),
          onLost: (reason) => this.#onLost(reason),
        },
      });
    } catch (error) {
      if (error instanceof ConnectFailure) {
        if (error.expiredToken && !refreshed) {
          await first.auth.refresh().catch(() => undefined);
          return this.#connect(true);
        }
        if (!error.retryable) {
          this.#failAll(
            refusalError(`The real-time endpoint ${this.realtime.host}`, error.errors, this.#scrub),
          );
          return false;
        }
        this.#scheduleReconnect(
          new AppError(
            error.code,
            `Could not connect to ${this.realtime.host}: ${this.#scrub(error.message)}.`,
          ),
        );
        return false;
      }
      // Credentials or the secret could not be read: retrying will not fix it.
      this.#failAll(
        error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message),
      );
      return false;
    }
    if (this.#members.size === 0) {
      await connection.close();
      return false;
    }
    this.#connection = connection;
    return true;
  }

  async #start(member: ChannelMember): Promise<void> {
    member.subscribing();
    let headers: Record<string, string>;
    try {
      headers = await member.auth.startHeaders(member.data);
    } catch (error) {
      this.#fail(
        member.id,
        error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message),
      );
      return;
    }
    const connection = this.#connection;
    // Lost while signing: the reconnect re-sends every start.
    if (!connection?.isOpen || this.#members.get(member.id) !== member) return;
    connection.start(member.id, member.data, headers);
    clearTimeout(this.#startTimers.get(member.id));
    this.#startTimers.set(
      member.id,
      setTimeout(() => {
        this.#fail(
          member.id,
          new AppError(
            'TIMEOUT',
            `The real-time endpoint did not acknowledge the subscription within ${this.#options.startAckTimeoutMs} ms.`,
          ),
        );
      }, this.#options.startAckTimeoutMs),
    );
  }

  #onStartAck(id: string): void {
    clearTimeout(this.#startTimers.get(id));
    this.#startTimers.delete(id);
    this.#attempt = 0;
    // Started: a later expiry (after a reconnect hours on) earns its own one renewal.
    this.#refreshed.delete(id);
    this.#members.get(id)?.active();
  }

  async #onStartError(id: string, errors: ServerError[]): Promise<void> {
    const member = this.#members.get(id);
    if (!member) return;
    clearTimeout(this.#startTimers.get(id));
    this.#startTimers.delete(id);
    if (isExpiredToken(errors) && !this.#refreshed.has(id)) {
      this.#refreshed.add(id);
      try {
        await member.auth.refresh();
        await this.#start(member);
        return;
      } catch {
        // fall through to the refusal itself
      }
    }
    this.#fail(id, refusalError('The subscription was', errors, this.#scrub));
  }

  #onComplete(id: string): void {
    const member = this.#members.get(id);
    if (!member) return;
    this.#forget(id);
    member.ended(null);
    void this.#closeIfEmpty();
  }

  #onLost(reason: AppError): void {
    this.#connection = null;
    for (const timer of this.#startTimers.values()) clearTimeout(timer);
    this.#startTimers.clear();
    if (this.#members.size > 0) this.#scheduleReconnect(reason);
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
    for (const member of this.#members.values()) member.reconnecting(this.#attempt, reason);
    // Full jitter (AWS Architecture Blog), so many clients do not reconnect in lockstep.
    const ceiling = Math.min(maxMs, baseMs * 2 ** (this.#attempt - 1));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#ensure().then((ok) => {
        if (!ok) return;
        for (const member of this.#members.values()) void this.#start(member);
      });
    }, delay);
  }

  #fail(id: string, error: AppError): void {
    const member = this.#members.get(id);
    if (!member) return;
    this.#forget(id);
    this.#connection?.stop(id);
    member.ended(error);
    void this.#closeIfEmpty();
  }

  #failAll(error: AppError): void {
    for (const id of [...this.#members.keys()]) this.#fail(id, error);
  }

  #forget(id: string): void {
    this.#members.delete(id);
    clearTimeout(this.#startTimers.get(id));
    this.#startTimers.delete(id);
    this.#refreshed.delete(id);
  }

  async #closeIfEmpty(): Promise<void> {
    if (this.#members.size > 0) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const connection = this.#connection;
    this.#connection = null;
    this.#onEmpty();
    await connection?.close();
  }

  #scrub = (text: string): string =>
    scrubSecrets(
      text,
      [...this.#members.values()].flatMap((member) => member.auth.secrets()),
    );
}
