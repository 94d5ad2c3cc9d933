/**
 * AppSync Events in the window: the Event API endpoint the channel view shows, its channel
 * subscriptions (several at once, wildcards too) streamed like GraphQL subscriptions, and the
 * last publish's outcome. Subscriptions live here, not in the view, so they keep running while
 * the user works elsewhere; after a reload the running ones show again.
 */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { AuthModeType, EndpointDTO } from '../../../../shared/endpoints.ts';
import {
  isEventApiUrl,
  type ChannelSubscriptionStateDTO,
  type PublishResultDTO,
  type PublishTransport,
} from '../../../../shared/events.ts';
import { StreamRegistry, type LiveSubscription } from './live-streams.svelte.ts';

const KEY = Symbol('channels');

/** A channel subscription of an endpoint, as the view lists it. */
export interface ChannelStream {
  endpointId: string | null;
  channel: string;
  stream: LiveSubscription;
}

export interface PublishOutcome {
  /** The endpoint published to: the view shows only its own endpoint's outcome. */
  endpointId: string;
  result: PublishResultDTO | null;
  error: { code: string; message: string } | null;
}

export function isEventApi(endpoint: EndpointDTO): boolean {
  return isEventApiUrl(endpoint.url);
}

export class ChannelsState {
  /** The Event API endpoint the channel view shows. */
  endpointId = $state<string | null>(null);
  /** Newest first, running or ended, of every endpoint. */
  streams = $state<ChannelStream[]>([]);
  subscribeError = $state<string | null>(null);
  subscribing = $state(false);
  publishing = $state(false);
  lastPublish = $state<PublishOutcome | null>(null);

  readonly #api: Api;
  readonly #registry = new StreamRegistry();

  constructor(api: Api) {
    this.#api = api;
    // For the app's life, like the api itself.
    api.on('events.batch', (batch) => this.#registry.batch(batch));
    api.on('events.state', (state) => this.#registry.state(state));
    void this.#adopt();
  }

  forEndpoint(endpointId: string | null): ChannelStream[] {
    return this.streams.filter((s) => s.endpointId === endpointId);
  }

  async subscribe(endpointId: string, authMode: AuthModeType | null, channel: string) {
    this.subscribing = true;
    this.subscribeError = null;
    try {
      const started = await this.#api.events.subscribe({
        endpointId,
        ...(authMode ? { authMode } : {}),
        channel,
      });
      this.#track(endpointId, started);
    } catch (error) {
      this.subscribeError = (error as Error).message;
    } finally {
      this.subscribing = false;
    }
  }

  async unsubscribe(entry: ChannelStream): Promise<void> {
    const { stream } = entry;
    try {
      stream.update(await this.#api.events.unsubscribe({ id: stream.id }), Date.now());
    } catch {
      // Already ended in main (a workspace switch, a lost host): it is stopped either way.
      if (stream.live) stream.update({ ...stream.state, status: 'stopped' }, Date.now());
    }
  }

  /** Takes an ended subscription off the list. */
  dismiss(entry: ChannelStream): void {
    this.streams = this.streams.filter((s) => s !== entry);
    this.#registry.forget(entry.stream.id);
  }

  async publish(request: {
    endpointId: string;
    authMode: AuthModeType | null;
    channel: string;
    events: string;
    transport: PublishTransport;
  }): Promise<void> {
    this.publishing = true;
    try {
      const result = await this.#api.events.publish({
        endpointId: request.endpointId,
        ...(request.authMode ? { authMode: request.authMode } : {}),
        channel: request.channel,
        events: request.events,
        transport: request.transport,
      });
      this.lastPublish = { endpointId: request.endpointId, result, error: null };
    } catch (error) {
      const { code = 'INTERNAL', message } = error as { code?: string; message: string };
      this.lastPublish = { endpointId: request.endpointId, result: null, error: { code, message } };
    } finally {
      this.publishing = false;
    }
  }

  #track(endpointId: string | null, state: ChannelSubscriptionStateDTO): void {
    const stream = this.#registry.track(`channel:${state.id}`, state);
    this.streams = [{ endpointId, channel: state.channel, stream }, ...this.streams];
  }

  async #adopt(): Promise<void> {
    let running;
    try {
      running = await this.#api.events.list();
    } catch {
      return;
    }
    for (const state of running) {
      if (!this.#registry.has(state.id)) this.#track(state.endpointId, state);
    }
  }
}

export function provideChannels(state: ChannelsState): ChannelsState {
  return setContext(KEY, state);
}

export function useChannels(): ChannelsState {
  const state = getContext<ChannelsState | undefined>(KEY);
  if (!state) throw new Error('useChannels() needs provideChannels() in a parent component');
  return state;
}
