/**
 * What every live stream in the window shares (GraphQL subscriptions, AppSync Events channel
 * subscriptions): a stream's state and a bounded buffer of its messages (newest first, older
 * ones dropped and counted), and the routing of main's batch and state events to the stream
 * they belong to, holding those that arrive before the start has answered.
 */
import type { MessageBatchDTO, SubscriptionStateDTO } from '../../../../shared/realtime.ts';

/** Messages this window keeps per subscription. */
export const KEPT_MESSAGES = 2_000;
/** The message rate is measured over this window. */
const RATE_WINDOW_MS = 5_000;
/** Events for a subscription whose start has not answered yet are held, within reason. */
const EARLY_LIMIT = 32;

export interface StreamMessage {
  seq: number;
  receivedAt: number;
  payload: unknown;
  /** One line of the payload, for the collapsed row. */
  preview: string;
  hasErrors: boolean;
}

function streamMessage(message: MessageBatchDTO['messages'][number]): StreamMessage {
  const payload = message.payload as { data?: unknown; errors?: unknown[] } | null;
  const shown =
    payload && typeof payload === 'object' && 'data' in payload ? payload.data : payload;
  return {
    seq: message.seq,
    receivedAt: message.receivedAt,
    payload: message.payload,
    preview: (JSON.stringify(shown) ?? 'null').slice(0, 300),
    hasErrors: Array.isArray(payload?.errors) && payload.errors.length > 0,
  };
}

export class LiveSubscription {
  /** What shows the stream: a tab's id, or a channel view's key. */
  readonly owner: string;
  state = $state.raw() as SubscriptionStateDTO;
  /** What the view shows: newest first, at most KEPT_MESSAGES; frozen while paused. */
  messages = $state.raw<StreamMessage[]>([]);
  /** Messages received in main since the start (kept, dropped or cleared). */
  received = $state(0);
  /** Messages this window no longer holds: pushed out of its buffer, or dropped in main. */
  dropped = $state(0);
  /** Messages per second over the last few seconds. */
  rate = $state(0);
  paused = $state(false);
  live = $derived(this.state.status !== 'stopped' && this.state.status !== 'failed');

  /** Newest first: the truth the view catches up with on resume. */
  #buffer: StreamMessage[] = [];
  #samples: { at: number; received: number }[] = [];

  constructor(owner: string, state: SubscriptionStateDTO) {
    this.owner = owner;
    this.state = state;
    this.received = state.messageCount;
    this.dropped = state.droppedCount;
  }

  get id(): string {
    return this.state.id;
  }

  receive(batch: MessageBatchDTO, now: number): void {
    const fresh = batch.messages.map(streamMessage).reverse();
    let next = fresh.length > 0 ? fresh.concat(this.#buffer) : this.#buffer;
    let pushedOut = 0;
    if (next.length > KEPT_MESSAGES) {
      pushedOut = next.length - KEPT_MESSAGES;
      next = next.slice(0, KEPT_MESSAGES);
    }
    this.#buffer = next;
    this.dropped += pushedOut + batch.droppedSinceLastBatch;
    this.received = Math.max(this.received, batch.totalReceived);
    if (!this.paused) this.messages = next;
    this.measure(now);
  }

  update(state: SubscriptionStateDTO, now: number): void {
    this.state = state;
    this.received = Math.max(this.received, state.messageCount);
    this.measure(now);
    // An ended stream receives nothing more: its rate is 0, not the last one measured.
    if (!this.live) this.rate = 0;
  }

  /** Recomputes the rate; called on every batch and once a second, so it falls when quiet. */
  measure(now: number): void {
    this.#samples.push({ at: now, received: this.received });
    while (this.#samples.length > 2 && this.#samples[1]!.at <= now - RATE_WINDOW_MS) {
      this.#samples.shift();
    }
    const oldest = this.#samples[0]!;
    const seconds = Math.max(1, (now - oldest.at) / 1000);
    this.rate = (this.received - oldest.received) / seconds;
  }

  togglePause(): void {
    this.paused = !this.paused;
    if (!this.paused) this.messages = this.#buffer;
  }

  /** Empties the view; the count of received messages stays. */
  clear(): void {
    this.#buffer = [];
    this.messages = [];
    this.dropped = 0;
  }
}

/**
 * Routes batch and state events to their streams by id. A stream's first events can arrive
 * before the call that started it answers: they are held (within reason) until it is tracked.
 */
export class StreamRegistry {
  // Indexes for routing events; nothing renders from them, so they need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #byId = new Map<string, LiveSubscription>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #early = new Map<
    string,
    { states: SubscriptionStateDTO[]; batches: MessageBatchDTO[] }
  >();
  #ticker: ReturnType<typeof setInterval> | undefined;

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  forget(id: string): void {
    this.#byId.delete(id);
  }

  /** A stream for a started subscription, caught up with what arrived before it. */
  track(owner: string, state: SubscriptionStateDTO): LiveSubscription {
    const subscription = new LiveSubscription(owner, state);
    this.#byId.set(state.id, subscription);
    const early = this.#early.get(state.id);
    this.#early.delete(state.id);
    for (const batch of early?.batches ?? []) subscription.receive(batch, Date.now());
    const latest = early?.states.at(-1);
    if (latest && latest.at >= state.at) subscription.update(latest, Date.now());
    this.#tick();
    return subscription;
  }

  batch(batch: MessageBatchDTO): void {
    const subscription = this.#byId.get(batch.subscriptionId);
    if (subscription) subscription.receive(batch, Date.now());
    else this.#hold(batch.subscriptionId).batches.push(batch);
  }

  state(state: SubscriptionStateDTO): void {
    const subscription = this.#byId.get(state.id);
    if (subscription) subscription.update(state, Date.now());
    else this.#hold(state.id).states.push(state);
  }

  #hold(id: string) {
    let held = this.#early.get(id);
    if (!held) {
      held = { states: [], batches: [] };
      this.#early.set(id, held);
      // Events of subscriptions another window started are never claimed here.
      if (this.#early.size > EARLY_LIMIT) this.#early.delete(this.#early.keys().next().value!);
    }
    if (held.batches.length > EARLY_LIMIT) held.batches.shift();
    return held;
  }

  /** Keeps the rates falling when a stream goes quiet; runs only while something is live. */
  #tick(): void {
    if (this.#ticker) return;
    this.#ticker = setInterval(() => {
      const live = [...this.#byId.values()].filter((s) => s.live);
      const now = Date.now();
      for (const subscription of live) subscription.measure(now);
      if (live.length === 0) {
        clearInterval(this.#ticker);
        this.#ticker = undefined;
      }
    }, 1000);
  }
}
