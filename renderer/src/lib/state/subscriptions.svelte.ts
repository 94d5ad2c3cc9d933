/**
 * Live subscriptions, one per tab at most. They live here, not in a tab's component, so a stream
 * keeps running (and counting) while the user works in other tabs. Main sends messages in
 * batches; each batch is one state update here, and the window keeps a bounded buffer (newest
 * first) so a fast stream costs neither memory nor frames: older messages are dropped, counted
 * and shown as "N older messages dropped".
 */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from '../../../../shared/realtime.ts';
import { operationsOf } from '../editor/operations.ts';
import type { RequestTab, SubscriptionRunner, TabsState } from './tabs.svelte.ts';

const KEY = Symbol('subscriptions');

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
  readonly tabId: string;
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

  constructor(tabId: string, state: SubscriptionStateDTO) {
    this.tabId = tabId;
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

export class SubscriptionsState implements SubscriptionRunner {
  /** The subscription of each tab (running or ended), by tab id. */
  byTab = $state<Record<string, LiveSubscription>>({});
  /** How many subscriptions are running, in any tab. */
  runningCount = $derived(Object.values(this.byTab).filter((s) => s.live).length);

  readonly #api: Api;
  // Indexes for routing events; nothing renders from them, so they need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #byId = new Map<string, LiveSubscription>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #early = new Map<
    string,
    { states: SubscriptionStateDTO[]; batches: MessageBatchDTO[] }
  >();
  #ticker: ReturnType<typeof setInterval> | undefined;

  /** Registers with the tabs, so running a `subscription` operation streams it here. */
  constructor(api: Api, tabs: TabsState) {
    this.#api = api;
    tabs.subscriptions = this;
    // For the app's life, like the api itself.
    api.on('subscriptions.batch', (batch) => this.#onBatch(batch));
    api.on('subscriptions.state', (state) => this.#onState(state));
    void this.#adopt();
  }

  forTab(tabId: string): LiveSubscription | undefined {
    return this.byTab[tabId];
  }

  isSubscription(query: string, operationName: string | undefined): boolean {
    const operations = operationsOf(query);
    const chosen = operationName
      ? operations.find((o) => o.name === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
    return chosen?.type === 'subscription';
  }

  /** Whether the tab's answer area shows the stream rather than an HTTP response. */
  showsStream(tab: RequestTab): boolean {
    const subscription = this.byTab[tab.draft.id];
    if (subscription?.live) return true;
    const operations = operationsOf(tab.draft.query);
    const chosen =
      operations.find((o) => o.name === tab.draft.operationName) ??
      (operations.length === 1 ? operations[0] : undefined);
    if (chosen) return chosen.type === 'subscription';
    // Several operations, none chosen: the stream if it is this tab's latest run.
    return subscription !== undefined && tab.result === null;
  }

  async start(
    tab: RequestTab,
    run: { operationId: string; variables?: Record<string, unknown>; operationName?: string },
  ): Promise<void> {
    const { draft } = tab;
    if (!draft.endpointId) return;
    // Running again replaces the tab's stream (an edited query, other variables).
    const previous = this.byTab[draft.id];
    if (previous) {
      if (previous.live) await this.stop(previous);
      this.#byId.delete(previous.id);
    }
    const started = await this.#api.subscriptions.start({
      endpointId: draft.endpointId,
      authMode: (draft.authMode ?? undefined) as Parameters<
        Api['subscriptions']['start']
      >[0]['authMode'],
      profile: draft.profile ?? undefined,
      query: draft.query,
      variables: run.variables,
      operationName: run.operationName,
      tabId: draft.id,
      operationId: run.operationId,
    });
    tab.result = null;
    this.#track(draft.id, started);
  }

  async stop(subscription: LiveSubscription): Promise<void> {
    try {
      subscription.update(await this.#api.subscriptions.stop({ id: subscription.id }), Date.now());
    } catch {
      // Already ended in main (a workspace switch, a lost host): it is stopped either way.
      if (subscription.live) {
        subscription.update({ ...subscription.state, status: 'stopped' }, Date.now());
      }
    }
  }

  /** A closed tab leaves no subscription (and so no socket) behind. */
  closeTab(tabId: string): void {
    const subscription = this.byTab[tabId];
    if (!subscription) return;
    delete this.byTab[tabId];
    const forget = () => this.#byId.delete(subscription.id);
    if (subscription.live) void this.stop(subscription).finally(forget);
    else forget();
  }

  #track(tabId: string, state: SubscriptionStateDTO): LiveSubscription {
    const subscription = new LiveSubscription(tabId, state);
    this.#byId.set(state.id, subscription);
    this.byTab[tabId] = subscription;
    const early = this.#early.get(state.id);
    this.#early.delete(state.id);
    for (const batch of early?.batches ?? []) subscription.receive(batch, Date.now());
    const latest = early?.states.at(-1);
    if (latest && latest.at >= state.at) subscription.update(latest, Date.now());
    this.#tick();
    return subscription;
  }

  /** After a reload, the tabs' running subscriptions show again (their older messages are gone). */
  async #adopt(): Promise<void> {
    let running;
    try {
      running = await this.#api.subscriptions.list();
    } catch {
      return;
    }
    for (const state of running) {
      if (state.tabId && !this.#byId.has(state.id)) this.#track(state.tabId, state);
    }
  }

  #onBatch(batch: MessageBatchDTO): void {
    const subscription = this.#byId.get(batch.subscriptionId);
    if (subscription) subscription.receive(batch, Date.now());
    else this.#hold(batch.subscriptionId).batches.push(batch);
  }

  #onState(state: SubscriptionStateDTO): void {
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

export function provideSubscriptions(state: SubscriptionsState): SubscriptionsState {
  return setContext(KEY, state);
}

export function useSubscriptions(): SubscriptionsState {
  const state = getContext<SubscriptionsState | undefined>(KEY);
  if (!state)
    throw new Error('useSubscriptions() needs provideSubscriptions() in a parent component');
  return state;
}
