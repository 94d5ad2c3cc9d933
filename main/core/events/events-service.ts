/**
 * AppSync Events for the UI and the CLI: publish to a channel (over HTTP, or over the WebSocket),
 * and subscribe to channels (wildcards too) with events streamed to the listener in batches, as
 * GraphQL subscriptions are. Everything is checked before anything is sent (the channel, at most
 * five events of at most 240 KB of JSON each, the auth mode and its secret). History hears of
 * each publish and of each subscription when it ends, never of each event.
 */
import { randomUUID } from 'node:crypto';
import type { AuthModeType } from '../../../shared/endpoints.ts';
import { AppError, type IpcError } from '../../../shared/errors.ts';
import {
  channelProblem,
  eventsFromText,
  eventsProblem,
  type ChannelSubscriptionStateDTO,
  type PublishResultDTO,
  type PublishTransport,
} from '../../../shared/events.ts';
import type { SubscriptionStatus } from '../../../shared/realtime.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import type { EnvVars } from '../environment.ts';
import { systemClock, type Clock, type Prompter, type SecretVault } from '../ports.ts';
import { MessageBatcher, type BatcherOptions } from '../streams/message-batcher.ts';
import {
  StreamService,
  type StreamHandle,
  type StreamListener,
} from '../streams/stream-service.ts';
import {
  checkedMode,
  RealtimeAuth,
  streamAuthDeps,
  type StreamAuthDeps,
} from '../realtime/realtime-auth.ts';
import { HttpTransport } from '../requests/http-transport.ts';
import { checkedConnectTo } from '../requests/request-target.ts';
import type { OidcTokenSource } from '../requests/request-auth.ts';
import { RunConsent } from '../requests/run-consent.ts';
import type { SigningSettings } from '../requests/signing-host-guard.ts';
import { eventApiUrls } from './event-api-url.ts';
import {
  chosenEventTarget,
  type EventTarget,
  type EventTargetChoice,
  type SavedEndpoints,
} from './event-target.ts';
import { parseJson } from './event-frames.ts';
import { TypedEvents } from '../typed-events.ts';
import { publishOverHttp } from './event-publisher.ts';
import { EventsLink, type LinkOptions, type LinkSubscriber } from './events-link.ts';

export interface PublishRequest extends EventTarget {
  channel: string;
  /** Each event as the JSON text to send. */
  events: string[];
  /** Default 'http'. */
  transport?: PublishTransport;
}

export interface ChannelRequest extends EventTarget {
  /** `/ns/a/b`, or `/ns/*` for every channel below. */
  channel: string;
}

export type ChannelListener = StreamListener<ChannelSubscriptionStateDTO>;

/** A running channel subscription: its state, `ready`, and `stop()` (sends `unsubscribe`). */
export type ChannelHandle = StreamHandle<ChannelSubscriptionStateDTO>;

/** What history keeps of a publish: the events sent and AppSync's answer, no credential. */
export interface PublishRecord {
  at: string;
  url: string;
  channel: string;
  events: string[];
  authMode: AuthModeType;
  profile: string | null;
  result: PublishResultDTO | null;
  error: IpcError | null;
}

/** What history keeps of a channel subscription: no credential, no event bodies. */
export interface ChannelRecord {
  id: string;
  startedAt: string;
  endedAt: string;
  url: string;
  channel: string;
  authMode: AuthModeType;
  profile: string | null;
  status: SubscriptionStatus;
  messageCount: number;
  errors: IpcError[];
}

export interface EventsServiceDeps {
  env: EnvVars;
  /** See RequestServiceDeps.envPrefix. */
  envPrefix?: string;
  credentials: CredentialSource;
  vault: SecretVault;
  activeProfile?: () => Promise<string | null>;
  oidcTokens?: OidcTokenSource;
  clock?: Clock;
  /** Who is asked before IAM-signing for a host that is not AWS's, and where a yes is kept. */
  prompter?: Prompter;
  settings?: SigningSettings;
  /** Default: one built from `env` (proxies, extra CAs). */
  transport?: HttpTransport;
  /** Saved endpoints a publish or subscription may name (the app's; the CLI gives URLs). */
  endpoints?: SavedEndpoints;
  options?: Partial<Omit<LinkOptions, 'reconnect'>> & {
    reconnect?: Partial<LinkOptions['reconnect']>;
    batching?: BatcherOptions;
  };
}

/** What an events service tells its listeners. */
export interface EventsServiceEvents {
  published: PublishRecord;
  channelEnded: ChannelRecord;
}

export class EventsService extends StreamService<
  LinkSubscriber,
  EventsLink,
  ChannelSubscriptionStateDTO
> {
  readonly #events = new TypedEvents<EventsServiceEvents>();
  /** `published`: every publish, answered or failed; `channelEnded`: a channel subscription stopped. */
  readonly on = this.#events.on;
  readonly #deps: EventsServiceDeps;
  readonly #linkOptions: LinkOptions;
  #transport: HttpTransport | null;
  readonly #authDeps: StreamAuthDeps;

  constructor(deps: EventsServiceDeps) {
    super(deps.clock ?? systemClock, 'channel subscription');
    this.#deps = deps;
    this.#authDeps = streamAuthDeps(deps, this.clock);
    this.#transport = deps.transport ?? null;
    const o = deps.options ?? {};
    this.#linkOptions = {
      ackTimeoutMs: o.ackTimeoutMs ?? 15_000,
      replyTimeoutMs: o.replyTimeoutMs ?? 15_000,
      // Five events of 240 KB, JSON-escaped inside a frame, fit; a peer sending more is cut off.
      maxFrameBytes: o.maxFrameBytes ?? 4 * 1024 * 1024,
      reconnect: { baseMs: 1_000, maxMs: 30_000, maxAttempts: 10, ...o.reconnect },
    };
  }

  async publish(
    request: PublishRequest,
    options: { signal?: AbortSignal; timeoutMs?: number; consent?: RunConsent } = {},
  ): Promise<PublishResultDTO> {
    const problem = channelProblem(request.channel, 'publish') ?? eventsProblem(request.events);
    if (problem) throw new AppError('INVALID_INPUT', `Nothing was published: ${problem}.`);
    const urls = eventApiUrls(request.url);
    const connectTo = checkedConnectTo(request.connectTo);
    const auth = await this.#auth(request, urls.http, options.signal, options.consent);
    const transport = request.transport ?? 'http';
    const started = performance.now();
    const record: PublishRecord = {
      at: new Date(this.clock.now()).toISOString(),
      url: urls.http.href,
      channel: request.channel,
      events: [...request.events],
      authMode: auth.mode,
      profile: auth.profile,
      result: null,
      error: null,
    };
    try {
      const outcome =
        transport === 'http'
          ? await publishOverHttp({
              http: urls.http,
              auth,
              channel: request.channel,
              events: request.events,
              transport: (this.#transport ??= new HttpTransport(this.#deps.env)),
              connectTo,
              signal: options.signal,
              timeoutMs: options.timeoutMs,
            })
          : {
              httpStatus: null,
              ...(await this.#link(urls.realtime, connectTo).publish(
                auth,
                request.channel,
                request.events,
                options.signal,
              )),
            };
      record.result = {
        channel: request.channel,
        transport,
        authMode: auth.mode,
        ...outcome,
        durationMs: performance.now() - started,
      };
      return record.result;
    } catch (error) {
      record.error =
        error instanceof AppError
          ? error.toIpcError()
          : { code: 'INTERNAL', message: (error as Error).message };
      throw error;
    } finally {
      this.#events.emit('published', record);
    }
  }

  /** A publish to a saved endpoint or a URL, its events as typed (see `eventsFromText`). */
  async publishTo(
    request: EventTargetChoice & { channel: string; events: string; transport?: PublishTransport },
    options: { signal?: AbortSignal } = {},
  ): Promise<PublishResultDTO> {
    const parsed = eventsFromText(request.events);
    if ('problem' in parsed) throw new AppError('INVALID_INPUT', parsed.problem);
    const target = await chosenEventTarget(request, this.#deps.endpoints);
    const { channel, transport } = request;
    return this.publish({ ...target, channel, events: parsed.events, transport }, options);
  }

  /** A channel subscription on a saved endpoint or a URL. */
  async subscribeTo(
    request: EventTargetChoice & { channel: string },
    listener: ChannelListener = {},
  ): Promise<ChannelHandle> {
    const target = await chosenEventTarget(request, this.#deps.endpoints);
    return this.subscribe({ ...target, channel: request.channel }, listener);
  }

  async subscribe(request: ChannelRequest, listener: ChannelListener = {}): Promise<ChannelHandle> {
    listener.signal?.throwIfAborted();
    const problem = channelProblem(request.channel, 'subscribe');
    if (problem)
      throw new AppError('INVALID_INPUT', `The subscription was not started: ${problem}.`);
    const urls = eventApiUrls(request.url);
    const auth = await this.#auth(request, urls.http, listener.signal, listener.consent);
    const id = randomUUID();
    const batcher = new MessageBatcher(
      id,
      listener.onBatch ?? (() => undefined),
      this.#deps.options?.batching,
    );
    const startedAt = new Date(this.clock.now()).toISOString();
    const state: ChannelSubscriptionStateDTO = {
      id,
      status: 'connecting',
      realtimeUrl: urls.realtime.href,
      authMode: auth.mode,
      operationName: null,
      channel: request.channel,
      messageCount: 0,
      droppedCount: 0,
      reconnectAttempt: 0,
      error: null,
      at: this.clock.now(),
    };
    const link = this.#link(urls.realtime, checkedConnectTo(request.connectTo));
    const { handle, join } = this.track(link, {
      state,
      batcher,
      listener,
      reasonWhileReconnecting: true,
      member: (states) => ({
        ...states,
        id,
        channel: request.channel,
        auth,
        // Scrubbed as text, before parsing: whatever the server echoes of the auth stays in main.
        event: (text) => {
          const scrubbed = auth.known().scrub(text);
          const value = parseJson(scrubbed);
          batcher.push(value === undefined ? scrubbed : value, this.clock.now());
        },
      }),
      ended: (final, errors) =>
        this.#events.emit('channelEnded', {
          id,
          startedAt,
          endedAt: new Date(this.clock.now()).toISOString(),
          url: urls.http.href,
          channel: request.channel,
          authMode: auth.mode,
          profile: auth.profile,
          status: final.status,
          messageCount: batcher.received,
          errors,
        }),
    });
    join();
    return handle;
  }

  #auth(
    target: EventTarget,
    http: URL,
    signal: AbortSignal | undefined,
    consent: RunConsent | undefined,
  ): Promise<RealtimeAuth> {
    // A publish and every subscribe carry the secret: for IAM, asked before anything is sent.
    return RealtimeAuth.forStream(checkedMode(target.auth), http, this.#authDeps, {
      profile: target.profile,
      connectTo: checkedConnectTo(target.connectTo),
      signal,
      consent,
    });
  }

  #link(realtime: URL, connectTo: string | null): EventsLink {
    return this.link(
      realtime,
      connectTo,
      (onEmpty) => new EventsLink(realtime, { ...this.#linkOptions, connectTo }, onEmpty),
    );
  }
}
