/**
 * Runs GraphQL subscriptions over AppSync's real-time protocol for the UI and the CLI:
 * `subscribe()` checks the document and the auth up front, joins (or opens) the one socket per
 * real-time endpoint, and streams events to the listener in batches; `stop()` sends `stop` and,
 * for the last subscription, closes the socket. History hears of each subscription when it
 * ends (with message count and errors), never of each message.
 */
import { randomUUID } from 'node:crypto';
import { getOperationAST, GraphQLError, parse } from 'graphql';
import type { AuthModeInput, AuthModeType } from '../../../shared/endpoints.ts';
import { AppError, type IpcError } from '../../../shared/errors.ts';
import type { SubscriptionStateDTO, SubscriptionStatus } from '../../../shared/realtime.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import type { OidcTokenSource } from '../requests/request-auth.ts';
import type { EnvVars } from '../environment.ts';
import { endpointMode } from '../endpoints/endpoint-mode.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';
import { systemClock, type Clock, type Prompter, type SecretVault } from '../ports.ts';
import type { SigningSettings } from '../requests/signing-host-guard.ts';
import { MessageBatcher, type BatcherOptions } from '../streams/message-batcher.ts';
import {
  StreamService,
  type StreamHandle,
  type StreamListener,
} from '../streams/stream-service.ts';
import { checkedMode, RealtimeAuth, streamAuthDeps, type StreamAuthDeps } from './realtime-auth.ts';
import { RealtimeChannel, type ChannelMember, type ChannelOptions } from './realtime-channel.ts';
import type { HandshakeForm } from './realtime-protocol.ts';
import { checkedConnectTo } from '../requests/request-target.ts';
import { realtimeUrl } from './realtime-url.ts';
import { TypedEvents } from '../typed-events.ts';

export interface SubscribeRequest {
  /** The API's GraphQL URL (`https://…/graphql`); the real-time URL is derived from it. */
  graphqlUrl: string;
  auth: AuthModeInput;
  /** A document whose chosen operation is a `subscription`. */
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** For IAM: overrides the mode's profile (and the active one). */
  profile?: string;
  /** A private API's address (VPC endpoint DNS name or host:port); see connect-to.ts. */
  connectTo?: string;
}

/** A subscription to a saved endpoint: its URL, mode and private address come from it. */
export interface SavedSubscribeRequest extends Omit<
  SubscribeRequest,
  'graphqlUrl' | 'auth' | 'connectTo'
> {
  endpointId: string;
  /** The endpoint's primary mode when absent; refused when the endpoint does not enable it. */
  authMode?: AuthModeType;
}

export type SubscribeListener = StreamListener<SubscriptionStateDTO>;

/** A running subscription: its state, `ready`, and `stop()` (sends `stop`). */
export type SubscriptionHandle = StreamHandle<SubscriptionStateDTO>;

/** What history keeps of a subscription: no credential, no message bodies. */
export interface SubscriptionRecord {
  id: string;
  startedAt: string;
  endedAt: string | null;
  graphqlUrl: string;
  realtimeUrl: string;
  authMode: AuthModeType;
  profile: string | null;
  operationName: string | null;
  query: string;
  variables: Record<string, unknown> | null;
  status: SubscriptionStatus;
  messageCount: number;
  droppedCount: number;
  errors: IpcError[];
}

export interface RealtimeOptions {
  /** Default 'subprotocol'; 'query' for proxies that strip unknown subprotocols. */
  handshakeForm?: HandshakeForm;
  /** Wait for `connection_ack`. Default 15 s (Amplify's). */
  ackTimeoutMs?: number;
  /** Wait for `start_ack`. Default 15 s. */
  startAckTimeoutMs?: number;
  reconnect?: Partial<ChannelOptions['reconnect']>;
  batching?: BatcherOptions;
}

export interface RealtimeServiceDeps {
  env: EnvVars;
  /** See RequestServiceDeps.envPrefix. */
  envPrefix?: string;
  /** Asks before IAM-signing for a host that is not AWS's (see RequestServiceDeps). */
  prompter?: Prompter;
  settings?: SigningSettings;
  credentials: CredentialSource;
  vault: SecretVault;
  activeProfile?: () => Promise<string | null>;
  /** JWTs of signed-in OIDC providers, for modes whose source is `{ from: 'oidc' }`. */
  oidcTokens?: OidcTokenSource;
  clock?: Clock;
  options?: RealtimeOptions;
  /** Saved endpoints, for `subscribeTo` (the app's; the CLI subscribes to a URL). */
  endpoints?: Pick<EndpointStore, 'get'>;
}

/** What a realtime service tells its listeners. */
export interface RealtimeEvents {
  ended: SubscriptionRecord;
}

export class RealtimeService extends StreamService<
  ChannelMember,
  RealtimeChannel,
  SubscriptionStateDTO
> {
  readonly #events = new TypedEvents<RealtimeEvents>();
  /** `ended`: a subscription stopped (by the user, the server or an error), with its record. */
  readonly on = this.#events.on;
  readonly #deps: RealtimeServiceDeps;
  readonly #channelOptions: ChannelOptions;
  readonly #authDeps: StreamAuthDeps;

  constructor(deps: RealtimeServiceDeps) {
    super(deps.clock ?? systemClock, 'running subscription');
    this.#deps = deps;
    this.#authDeps = streamAuthDeps(deps, this.clock);
    const o = deps.options ?? {};
    this.#channelOptions = {
      form: o.handshakeForm ?? 'subprotocol',
      ackTimeoutMs: o.ackTimeoutMs ?? 15_000,
      startAckTimeoutMs: o.startAckTimeoutMs ?? 15_000,
      reconnect: { baseMs: 1_000, maxMs: 30_000, maxAttempts: 10, ...o.reconnect },
    };
  }

  /** A subscription to a saved endpoint, the one the app starts (its secret stays in the vault). */
  async subscribeTo(
    request: SavedSubscribeRequest,
    listener: SubscribeListener = {},
  ): Promise<SubscriptionHandle> {
    const { endpointId, authMode, ...document } = request;
    if (!this.#deps.endpoints)
      throw new AppError('ENDPOINT_NOT_FOUND', 'Saved endpoints are not available here.');
    const endpoint = await this.#deps.endpoints.get(endpointId);
    return this.subscribe(
      {
        ...document,
        graphqlUrl: endpoint.url,
        auth: endpointMode(endpoint, authMode),
        ...(endpoint.connectTo ? { connectTo: endpoint.connectTo } : {}),
      },
      listener,
    );
  }

  async subscribe(
    request: SubscribeRequest,
    listener: SubscribeListener = {},
  ): Promise<SubscriptionHandle> {
    listener.signal?.throwIfAborted();
    const graphqlUrl = parseUrl(request.graphqlUrl);
    const connectTo = checkedConnectTo(request.connectTo);
    const mode = checkedMode(request.auth);
    const operationName = subscriptionName(request.query, request.operationName);
    // The connection and every start carry the secret: for IAM, asked before any socket opens.
    const auth = await RealtimeAuth.forStream(mode, graphqlUrl, this.#authDeps, {
      profile: request.profile,
      connectTo,
      signal: listener.signal,
      consent: listener.consent,
    });
    const realtime = realtimeUrl(graphqlUrl);
    const id = randomUUID();
    const payload: Record<string, unknown> = {
      query: request.query,
      variables: request.variables ?? {},
    };
    if (request.operationName) payload.operationName = request.operationName;
    const batcher = new MessageBatcher(
      id,
      listener.onBatch ?? (() => undefined),
      this.#deps.options?.batching,
    );
    const record: SubscriptionRecord = {
      id,
      startedAt: new Date(this.clock.now()).toISOString(),
      endedAt: null,
      graphqlUrl: graphqlUrl.href,
      realtimeUrl: realtime.href,
      authMode: auth.mode,
      profile: auth.profile,
      operationName,
      query: request.query,
      variables: request.variables ?? null,
      status: 'connecting',
      messageCount: 0,
      droppedCount: 0,
      errors: [],
    };
    const state: SubscriptionStateDTO = {
      id,
      status: 'connecting',
      realtimeUrl: realtime.href,
      authMode: auth.mode,
      operationName,
      messageCount: 0,
      droppedCount: 0,
      reconnectAttempt: 0,
      error: null,
      at: this.clock.now(),
    };
    const channel = this.link(
      realtime,
      connectTo,
      (onEmpty) => new RealtimeChannel(realtime, { ...this.#channelOptions, connectTo }, onEmpty),
    );
    const { handle, join } = this.track(channel, {
      state,
      batcher,
      listener,
      reasonWhileReconnecting: false,
      member: (states) => ({
        ...states,
        id,
        auth,
        data: JSON.stringify(payload),
        // A message is what the server says: whatever it echoes of the auth stays in main.
        message: (body) => batcher.push(auth.known().scrubDeep(body), this.clock.now()),
      }),
      ended: (final, errors) =>
        this.#events.emit('ended', {
          ...record,
          endedAt: new Date(this.clock.now()).toISOString(),
          status: final.status,
          messageCount: batcher.received,
          droppedCount: batcher.dropped,
          errors,
        }),
    });
    join();
    return handle;
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('INVALID_INPUT', `"${text}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('INVALID_INPUT', `"${text}" is not an http(s) GraphQL URL.`);
  }
  return url;
}

/** The chosen operation must be a subscription; returns its name. */
function subscriptionName(query: string, operationName: string | undefined): string | null {
  let operation;
  try {
    operation = getOperationAST(parse(query), operationName);
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new AppError(
        'INVALID_INPUT',
        `The subscription document does not parse: ${error.message}`,
      );
    }
    throw error;
  }
  if (!operation) {
    throw new AppError(
      'INVALID_INPUT',
      operationName
        ? `The document has no operation named "${operationName}".`
        : 'The document holds several operations; choose which one to run.',
    );
  }
  if (operation.operation !== 'subscription') {
    throw new AppError(
      'INVALID_INPUT',
      `"${operation.name?.value ?? 'This operation'}" is a ${operation.operation}, not a subscription; run it as a request instead.`,
    );
  }
  return operation.name?.value ?? operationName ?? null;
}
