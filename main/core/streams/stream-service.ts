/**
 * The streams one service runs (GraphQL subscriptions, Events channel subscriptions): one link
 * per real-time endpoint (and private address), forgotten when its last member leaves; a handle
 * per stream whose state walks connecting → subscribing → active ⇄ reconnecting → stopped |
 * failed, told to the listener (whose trouble is not the stream's), with `ready` settled on the
 * first active or final state and `stop()` (also run by aborting the listener's signal)
 * resolving once the last batch is delivered; and list / stop / stopAll / openSockets over them.
 */
import { AppError, type IpcError } from '../../../shared/errors.ts';
import type { SubscriptionStateDTO, SubscriptionStatus } from '../../../shared/realtime.ts';
import type { Clock } from '../ports.ts';
import type { RunConsent } from '../requests/run-consent.ts';
import type { BatchListener, MessageBatcher } from './message-batcher.ts';
import type { StreamMember } from './stream-link.ts';

/** Who hears of one stream. */
export interface StreamListener<S> {
  onBatch?: BatchListener;
  onState?: (state: S) => void;
  /** Aborting stops the stream, as `stop()` does. */
  signal?: AbortSignal;
  /** `--yes` on the command line (see RunOptions.consent). */
  consent?: RunConsent;
}

export interface StreamHandle<S> {
  id: string;
  /** Leaves the link; resolves once the last batch is delivered (and the socket closed if it was the last). */
  stop(): Promise<void>;
  state(): S;
  /** Resolves when the stream is first active, or has ended (failed or stopped) — never rejects. */
  ready: Promise<S>;
}

/** The link a stream joins, as the registry sees it. */
interface Link<M> {
  readonly hasSocket: boolean;
  add(member: M): void;
  remove(id: string): Promise<void>;
}

/** The state callbacks of a member, which the registry implements. */
type MemberStates = Omit<StreamMember, 'id' | 'auth'>;

export interface TrackOptions<S, M> {
  /** The first state (`connecting`); its `id` is the member's. */
  state: S;
  batcher: MessageBatcher;
  listener: { onState?: (state: S) => void; signal?: AbortSignal | undefined };
  /** Whether a reconnecting state carries the reason the link was lost. */
  reasonWhileReconnecting: boolean;
  /** The whole member, given the state callbacks. */
  member(states: MemberStates): M;
  /** Once, when the stream has ended: its final state and every error it met. */
  ended(state: S, errors: IpcError[]): void;
}

const SETTLES_READY = new Set<SubscriptionStatus>(['active', 'failed', 'stopped']);

/** What both services are: the streams they run, and the links those share. */
export class StreamService<
  M extends StreamMember,
  L extends Link<M>,
  S extends SubscriptionStateDTO,
> {
  protected readonly clock: Clock;
  readonly #links = new Map<string, L>();
  readonly #handles = new Map<string, StreamHandle<S>>();
  /** How `stop` names a stream it does not know: `running subscription`. */
  readonly #what: string;

  constructor(clock: Clock, what: string) {
    this.clock = clock;
    this.#what = what;
  }

  /** The link to `realtime` (through `connectTo`), created by `create` if there is none. */
  protected link(realtime: URL, connectTo: string | null, create: (onEmpty: () => void) => L): L {
    const key = connectTo ? `${realtime.href} via ${connectTo}` : realtime.href;
    let link = this.#links.get(key);
    if (!link) {
      const created = create(() => {
        if (this.#links.get(key) === created) this.#links.delete(key);
      });
      this.#links.set(key, created);
      link = created;
    }
    return link;
  }

  /** Registers a stream on `link` and returns its handle; `join()` adds it to the link. */
  protected track(link: L, options: TrackOptions<S, M>): { handle: StreamHandle<S>; join(): void } {
    const { batcher, listener } = options;
    const id = options.state.id;
    const errors: IpcError[] = [];
    let state = options.state;
    let settleReady: (s: S) => void = () => undefined;
    const ready = new Promise<S>((resolve) => (settleReady = resolve));
    const emit = (status: SubscriptionStatus, extra: Partial<SubscriptionStateDTO> = {}) => {
      state = {
        ...state,
        status,
        messageCount: batcher.received,
        droppedCount: batcher.dropped,
        at: this.clock.now(),
        ...extra,
      };
      if (SETTLES_READY.has(status)) settleReady(state);
      try {
        listener.onState?.(state);
      } catch {
        // The listener's trouble is not the stream's.
      }
    };
    let ended: Promise<void> | null = null;
    const member = options.member({
      connecting: () => emit('connecting'),
      subscribing: () => emit('subscribing'),
      reconnecting: (attempt, reason) => {
        errors.push(reason.toIpcError());
        const error = options.reasonWhileReconnecting ? { error: reason.toIpcError() } : {};
        emit('reconnecting', { reconnectAttempt: attempt, ...error });
      },
      active: () => emit('active', { reconnectAttempt: 0, error: null }),
      ended: (error) => {
        ended = (async () => {
          await batcher.close();
          if (error) errors.push(error.toIpcError());
          emit(error ? 'failed' : 'stopped', { error: error ? error.toIpcError() : null });
          this.#handles.delete(id);
          listener.signal?.removeEventListener('abort', onAbort);
          options.ended(state, errors);
        })();
      },
    });
    const handle: StreamHandle<S> = {
      id,
      state: () => state,
      ready,
      stop: async () => {
        await link.remove(id);
        await ended;
      },
    };
    const onAbort = () => void handle.stop();
    listener.signal?.addEventListener('abort', onAbort, { once: true });
    this.#handles.set(id, handle);
    return { handle, join: () => link.add(member) };
  }

  list(): S[] {
    return [...this.#handles.values()].map((handle) => handle.state());
  }

  async stop(id: string): Promise<void> {
    const handle = this.#handles.get(id);
    if (!handle) throw new AppError('NOT_FOUND', `There is no ${this.#what} ${id}.`);
    await handle.stop();
  }

  /** For shutdown: every stream stopped, every socket closed. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#handles.values()].map((handle) => handle.stop()));
  }

  /** Sockets open or opening; 0 once nothing uses them. */
  openSockets(): number {
    return [...this.#links.values()].filter((link) => link.hasSocket).length;
  }
}
