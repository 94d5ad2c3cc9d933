/**
 * The sandbox's AppSync real-time endpoint on `/graphql/realtime`: the `graphql-ws` handshake,
 * the connect step's auth header verified by the same RequestAuthorizer as HTTP (SigV4 of
 * `POST /graphql/connect` over `{}`, API key, JWT via JWKS, Lambda), every `start` verified again
 * over its exact `payload.data` as a `POST /graphql`, keep-alives, and demo mutations published
 * to matching subscriptions. Mounted on the sandbox's one HTTP server through `upgrade`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppSyncHandler } from '../appsync/appsync-handler.ts';
import { newRequestId, type AppSyncRefusal } from '../appsync/appsync-response.ts';
import type { CallerIdentity } from '../appsync/auth-config.ts';
import { buildDemoSchema } from '../appsync/demo-schema.ts';
import { FieldAuthorization } from '../appsync/field-authorization.ts';
import { RequestAuthorizer } from '../appsync/request-authorizer.ts';
import { GRAPHQL_PATH } from '../appsync/appsync-handler.ts';
import { createSocketPeer, type PeerSocket, type PeerTiming } from './socket-peer.ts';
import type { IdentityStore } from '../identity-store.ts';
import { observeDemoNotes } from './mutation-feed.ts';
import {
  matchesArguments,
  prepareSubscription,
  renderEvent,
  subscribedMutations,
  type PreparedSubscription,
} from './subscription-topics.ts';
import {
  complete,
  connectionAck,
  connectionError,
  dataMessage,
  headerObject,
  keepAlive,
  readClientMessage,
  REALTIME_PATH,
  startAck,
  startError,
  SUBPROTOCOL,
  unsupported,
  type RealtimeError,
} from './realtime-wire.ts';

/** Keep-alive timing (socket-peer.ts). */
export type RealtimeServerOptions = PeerTiming;

export interface RealtimeServerDeps {
  appsync: AppSyncHandler;
  identities: Pick<IdentityStore, 'lookup'>;
  clock: { now(): number };
  iamAllows?: (principal: { arn: string; accountId: string }) => boolean;
  options?: RealtimeServerOptions;
}

export interface RealtimeServer {
  readonly path: string;
  /** Takes over an HTTP upgrade for `/graphql/realtime`; false (socket untouched) otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Sends a mutation's result to every matching subscription; returns how many got it. */
  publish(mutation: string, result: Record<string, unknown>): number;
  /** Test hook: stop (false) or resume (true) sending keep-alives, to play a dead link. */
  setKeepAlives(on: boolean): void;
  /** Open WebSocket connections, as the server sees them. */
  connectionCount(): number;
  subscriptionCount(): number;
  close(): Promise<void>;
}

type Connection = PeerSocket<PreparedSubscription>;

const EMPTY_OPERATION = { query: '', operationName: undefined, variables: {} };

/** AppSync reports a SigV4 mismatch on the real-time endpoint as a bad request. */
function realtimeRefusal(refusal: AppSyncRefusal): RealtimeError {
  if (/Signature/.test(refusal.errorType) && refusal.errorType !== 'UnrecognizedClientException') {
    return { errorType: 'BadRequestException', message: refusal.message, errorCode: 400 };
  }
  return { errorType: refusal.errorType, message: refusal.message, errorCode: refusal.status };
}

export function createRealtimeServer(deps: RealtimeServerDeps): RealtimeServer {
  const schema = buildDemoSchema();
  const api = deps.appsync.api;
  const fields = new FieldAuthorization(schema, api.primary.mode, api.apiId);
  const topics = subscribedMutations(schema);
  const authorizer = new RequestAuthorizer(api, {
    identities: deps.identities,
    apiKeys: deps.appsync.apiKeys,
    clock: deps.clock,
    ...(deps.iamAllows ? { iamAllows: deps.iamAllows } : {}),
  });
  const peer = createSocketPeer<PreparedSubscription>({
    api,
    subprotocol: SUBPROTOCOL,
    name: 'real-time',
    timing: deps.options,
    keepAliveOnAck: true,
    frames: { connectionAck, connectionError, keepAlive },
    connectAuth: (header, url) =>
      authorizer.authorize({
        method: 'POST',
        rawPath: '/graphql/connect',
        headers: header.headers,
        body: Buffer.from(url.searchParams.get('payload') === null ? '{}' : payloadOf(url)),
        requestId: newRequestId(),
        operation: EMPTY_OPERATION,
      }),
    wireError: realtimeRefusal,
    onMessage,
  });
  const send = peer.send;

  async function onMessage(connection: Connection, text: string): Promise<void> {
    const message = readClientMessage(text);
    if (message?.type === 'connection_init') {
      await connection.acknowledge();
      return;
    }
    if (message?.type === 'stop' && 'id' in message) {
      connection.subscriptions.delete(message.id);
      send(connection, complete(message.id));
      return;
    }
    if (message?.type !== 'start' || !('payload' in message)) {
      send(connection, startError(undefined, [unsupported()]));
      return;
    }
    // connection_init is optional in AppSync's protocol; the connect auth still has to hold.
    if (!(await connection.acknowledge())) return;
    const { id, payload } = message;
    const prepared = prepareSubscription(schema, payload.data);
    const headers = headerObject(payload.extensions?.authorization) ?? {};
    const outcome = await authorizer.authorize({
      method: 'POST',
      rawPath: '/graphql',
      headers,
      body: Buffer.from(payload.data),
      requestId: newRequestId(),
      operation: prepared.ok ? prepared.subscription : EMPTY_OPERATION,
    });
    if (!outcome.ok) {
      send(connection, startError(id, [realtimeRefusal(outcome.refusal)]));
      return;
    }
    if (!prepared.ok) {
      send(connection, startError(id, prepared.errors));
      return;
    }
    const denial = fields.denial(
      'Subscription',
      prepared.subscription.field,
      outcome.identity as CallerIdentity,
    );
    if (denial) {
      send(connection, startError(id, [{ errorType: 'Unauthorized', message: denial }]));
      return;
    }
    connection.subscriptions.set(id, prepared.subscription);
    send(connection, startAck(id));
  }

  function publish(mutation: string, result: Record<string, unknown>): number {
    let delivered = 0;
    for (const connection of peer.connections()) {
      for (const [id, subscription] of connection.subscriptions) {
        if (!topics.get(subscription.field)?.has(mutation)) continue;
        if (!matchesArguments(subscription.args, result)) continue;
        send(connection, dataMessage(id, renderEvent(subscription, schema, result)));
        delivered += 1;
      }
    }
    return delivered;
  }

  observeDemoNotes(deps.appsync.notes, publish);

  return {
    path: REALTIME_PATH,
    // A private API's real-time host serves `/graphql`, as AppSync's own real-time hosts do.
    handleUpgrade: (req, socket, head) =>
      peer.handleUpgrade(api.privateApi ? GRAPHQL_PATH : REALTIME_PATH, req, socket, head),
    publish,
    setKeepAlives: peer.setKeepAlives,
    connectionCount: peer.connectionCount,
    subscriptionCount: peer.subscriptionCount,
    close: peer.close,
  };
}

/** The query form's `payload` parameter (base64 of `{}`); the connect is signed over it. */
function payloadOf(url: URL): string {
  try {
    return Buffer.from(url.searchParams.get('payload') ?? '', 'base64').toString('utf8') || '{}';
  } catch {
    return '{}';
  }
}
