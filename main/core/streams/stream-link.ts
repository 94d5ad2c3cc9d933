/**
 * Every stream to one AppSync real-time endpoint (GraphQL subscriptions, or Events channel
 * subscriptions and publishes) over one shared socket: opens it on first use with the auth of
 * whoever needs it (an expired token is renewed and tried once more), joins each member as its
 * protocol does, reconnects with jittered exponential backoff when the link is lost and joins
 * everyone again, gives up after `maxAttempts`, ends what a refusal AppSync marks final concerns,
 * and closes the socket once nothing uses it. A protocol's subclass says how the socket opens,
 * how a member joins (`start`, `subscribe`) and leaves (`stop`, `unsubscribe`), and routes frames.
 */
import { AppError } from '../../../shared/errors.ts';
import { scrubSecrets } from '../requests/answer-reader.ts';
import { isExpiredToken, refusalError, type ServerError } from './appsync-refusals.ts';
import { ConnectFailure, StreamSocket, type SocketWire } from './stream-socket.ts';

/** What the link needs of an auth mode (RealtimeAuth is one). */
export interface StreamAuth {
  startHeaders(body: string): Promise<Record<string, string>>;
  /** After AppSync said the credentials or the token expired. */
  refresh(): Promise<void>;
  /** Values to scrub from anything the server says. */
  secrets(): string[];
}

/** What the link needs of a stream; the services implement it. */
export interface StreamMember {
  readonly id: string;
  readonly auth: StreamAuth;
  connecting(): void;
  subscribing(): void;
  reconnecting(attempt: number, reason: AppError): void;
  active(): void;
  /** Final: the member has left the link. */
  ended(error: AppError | null): void;
}

export interface StreamLinkOptions {
  ackTimeoutMs: number;
  /** Frames above this close the socket (default: ws's own limit). */
  maxFrameBytes?: number;
  reconnect: { baseMs: number; maxMs: number; maxAttempts: number };
  /** A private API's address: the socket goes there, naming the real-time host (connect-to.ts). */
  connectTo?: string | null;
}

export const asAppError = (error: unknown): AppError =>
  error instanceof AppError ? error : new AppError('INTERNAL', (error as Error).message);

export abstract class StreamLink<M extends StreamMember, F> {
  readonly realtime: URL;
  protected readonly members = new Map<string, M>();
  protected socket: StreamSocket<F> | null = null;
  /** How refusals name the endpoint: `real-time`, `Events`. */
  protected abstract readonly name: string;
  readonly #options: StreamLinkOptions;
  readonly #onEmpty: () => void;
  readonly #renewed = new Set<string>();
  #opening: Promise<StreamSocket<F> | null> | null = null;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  /** Why the last connect failed, for a caller that waited on it. */
  #lastFailure: AppError | null = null;

  constructor(realtime: URL, options: StreamLinkOptions, onEmpty: () => void) {
    this.realtime = realtime;
    this.#options = options;
    this.#onEmpty = onEmpty;
  }

  /** Where the socket goes and its subprotocols, the connect step authorized by `auth`. */
  protected abstract handshake(auth: M['auth']): Promise<{ url: URL; protocols: string[] }>;

  /** How the protocol's frames read. */
  protected abstract readonly wire: SocketWire<F>;

  /** One frame after the ack (not `ka`). */
  protected abstract route(frame: F): void;

  /** Sends the member's `start` or `subscribe` and sees it to `joined`, `refused` or an end. */
  protected abstract join(member: M): Promise<void>;

  /** Tells the server a member left (`stop`, `unsubscribe`). */
  protected abstract leave(id: string): void;

  get hasSocket(): boolean {
    return this.socket !== null || this.#opening !== null;
  }

  add(member: M): void {
    this.members.set(member.id, member);
    if (this.#retryTimer) {
      member.reconnecting(this.#attempt, new AppError('NETWORK', 'Waiting to reconnect.'));
      return;
    }
    member.connecting();
    void this.ensure(member.auth).then((socket) => {
      if (socket && this.members.get(member.id) === member) void this.join(member);
    });
  }

  /** The member leaves (told to the server); the last one closes the socket. */
  async remove(id: string): Promise<void> {
    await this.end(id, null);
  }

  /** The open socket, or one opened with `auth`; null when it could not be (members told). */
  protected async ensure(auth: M['auth'], throwing = false): Promise<StreamSocket<F> | null> {
    if (this.socket?.isOpen) return this.socket;
    this.#opening ??= this.#connect(auth, false).finally(() => {
      this.#opening = null;
    });
    const socket = await this.#opening;
    if (!socket && throwing && this.#lastFailure) throw this.#lastFailure;
    return socket;
  }

  async #connect(auth: M['auth'], renewed: boolean): Promise<StreamSocket<F> | null> {
    let socket: StreamSocket<F>;
    this.#lastFailure = null;
    try {
      socket = await StreamSocket.open({
        ...(await this.handshake(auth)),
        connectTo: this.#options.connectTo ?? null,
        ackTimeoutMs: this.#options.ackTimeoutMs,
        ...(this.#options.maxFrameBytes === undefined
          ? {}
          : { maxFrameBytes: this.#options.maxFrameBytes }),
        name: this.name,
        wire: this.wire,
        onFrame: (frame) => this.route(frame),
        onLost: (reason) => this.#onLost(reason),
      });
    } catch (error) {
      if (error instanceof ConnectFailure) {
        if (error.expiredToken && !renewed) {
          await auth.refresh().catch(() => undefined);
          return this.#connect(auth, true);
        }
        const scrub = (text: string) => this.scrub(text, auth);
        if (!error.retryable) {
          this.#lastFailure = refusalError(
            `The ${this.name} endpoint ${this.realtime.host}`,
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
        if (this.members.size > 0) this.#scheduleReconnect(this.#lastFailure);
        return null;
      }
      // The credentials or the secret could not be read: retrying will not fix that.
      this.#lastFailure = asAppError(error);
      this.#failAll(this.#lastFailure);
      return null;
    }
    if (!this.inUse()) {
      await socket.close();
      return null;
    }
    this.socket = socket;
    return socket;
  }

  /**
   * The member's join headers and the socket to send them on; null when signing failed (the
   * member is ended), or it left or the link dropped meanwhile (the reconnect joins it again).
   */
  protected async signed(
    member: M,
    body: string,
  ): Promise<{ socket: StreamSocket<F>; headers: Record<string, string> } | null> {
    member.subscribing();
    let headers: Record<string, string>;
    try {
      headers = await member.auth.startHeaders(body);
    } catch (error) {
      this.fail(member.id, asAppError(error));
      return null;
    }
    const socket = this.socket;
    if (!socket?.isOpen || this.members.get(member.id) !== member) return null;
    return { socket, headers };
  }

  /** The server took the member's join. */
  protected joined(member: M): void {
    this.#attempt = 0;
    // Joined: a later expiry (after a reconnect hours on) earns its own renewal.
    this.#renewed.delete(member.id);
    member.active();
  }

  /** The server refused the member: an expired token is renewed and tried once, else `refusal` ends it. */
  protected async refused(member: M, errors: ServerError[], refusal: AppError): Promise<void> {
    if (isExpiredToken(errors) && !this.#renewed.has(member.id)) {
      this.#renewed.add(member.id);
      try {
        await member.auth.refresh();
        await this.join(member);
        return;
      } catch {
        // fall through to the refusal itself
      }
    }
    this.fail(member.id, refusal);
  }

  #onLost(reason: AppError): void {
    this.socket = null;
    this.lost(reason);
    if (this.members.size > 0) this.#scheduleReconnect(reason);
  }

  /** The link dropped: what waits on the socket (a timer, a reply) is settled here. */
  protected lost(reason: AppError): void {
    void reason;
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
    for (const member of this.members.values()) member.reconnecting(this.#attempt, reason);
    // Full jitter (AWS Architecture Blog), so many clients do not reconnect in lockstep.
    const ceiling = Math.min(maxMs, baseMs * 2 ** (this.#attempt - 1));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      // The connect is authorized by whichever member is first now; each join carries its own.
      const first = this.members.values().next().value;
      if (!first) return;
      void this.ensure(first.auth).then((socket) => {
        if (!socket) return;
        for (const member of this.members.values()) void this.join(member);
      });
    }, delay);
  }

  /** Ends one member, telling the server unless it ended the member itself. */
  protected end(id: string, error: AppError | null, tellServer = true): Promise<void> {
    const member = this.members.get(id);
    if (!member) return Promise.resolve();
    this.forget(id);
    if (tellServer) this.leave(id);
    member.ended(error);
    return this.closeIfUnused();
  }

  protected fail(id: string, error: AppError): void {
    void this.end(id, error);
  }

  #failAll(error: AppError): void {
    for (const id of [...this.members.keys()]) this.fail(id, error);
  }

  /** Drops what the link keeps of a member; a subclass drops its own too. */
  protected forget(id: string): void {
    this.members.delete(id);
    this.#renewed.delete(id);
  }

  /** Whether anything still needs the socket; a subclass adds what else holds it (a publish). */
  protected inUse(): boolean {
    return this.members.size > 0;
  }

  protected async closeIfUnused(): Promise<void> {
    if (this.inUse()) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const socket = this.socket;
    this.socket = null;
    this.#onEmpty();
    await socket?.close();
  }

  /** `text` without the secrets of `auth` and of every member. */
  protected scrub(text: string, auth?: StreamAuth): string {
    const members = [...this.members.values()].flatMap((member) => member.auth.secrets());
    return scrubSecrets(text, [...(auth?.secrets() ?? []), ...members]);
  }
}
