/**
 * Live subscriptions, one per tab at most. They live here, not in a tab's component, so a stream
 * keeps running (and counting) while the user works in other tabs. Main sends messages in
 * batches; each batch is one state update here, and the window keeps a bounded buffer (newest
 * first) so a fast stream costs neither memory nor frames: older messages are dropped, counted
 * and shown as "N older messages dropped".
 */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { SubscriptionStateDTO } from '../../../../shared/realtime.ts';
import { operationsOf } from '../editor/operations.ts';
import { StreamRegistry, type LiveSubscription } from './live-streams.svelte.ts';
import type { RequestTab, SubscriptionRunner, TabsState } from './tabs.svelte.ts';

const KEY = Symbol('subscriptions');

export class SubscriptionsState implements SubscriptionRunner {
  /** The subscription of each tab (running or ended), by tab id. */
  byTab = $state<Record<string, LiveSubscription>>({});
  /** How many subscriptions are running, in any tab. */
  runningCount = $derived(Object.values(this.byTab).filter((s) => s.live).length);

  readonly #api: Api;
  readonly #streams = new StreamRegistry();

  /** Registers with the tabs, so running a `subscription` operation streams it here. */
  constructor(api: Api, tabs: TabsState) {
    this.#api = api;
    tabs.subscriptions = this;
    // For the app's life, like the api itself.
    api.on('subscriptions.batch', (batch) => this.#streams.batch(batch));
    api.on('subscriptions.state', (state) => this.#streams.state(state));
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
      this.#streams.forget(previous.id);
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
    const forget = () => this.#streams.forget(subscription.id);
    if (subscription.live) void this.stop(subscription).finally(forget);
    else forget();
  }

  #track(tabId: string, state: SubscriptionStateDTO): LiveSubscription {
    const subscription = this.#streams.track(tabId, state);
    this.byTab[tabId] = subscription;
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
      if (state.tabId && !this.#streams.has(state.id)) this.#track(state.tabId, state);
    }
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
