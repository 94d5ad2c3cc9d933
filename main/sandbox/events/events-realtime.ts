/**
 * The sandbox's Events real-time endpoint on `/event/realtime`: the `aws-appsync-event-ws`
 * handshake with the connect auth in the `header-<base64url>` subprotocol (checked against the
 * API's connection modes, SigV4 over `{}`), `connection_init` → `connection_ack` and keep-alives,
 * then `subscribe` / `publish` each authorized again by its own `authorization` against its
 * namespace's modes (SigV4 over `{"channel"}` / `{"channel","events"}`), `unsubscribe`, and
 * `data` for every event published to a matching channel, over HTTP or WebSocket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthOutcome } from '../appsync/request-authorizer.ts';
import { refusedUpgrade, type PrivateApiShape } from '../appsync/private-api.ts';
import { signedForApi } from '../realtime/private-connect.ts';
import { headerObject, readConnectHeader } from '../realtime/realtime-wire.ts';
import { channelMatches, readChannel, type ChannelPath } from './channel-path.ts';
import type { EventAuthorizer } from './event-authorizer.ts';
import { publishRefusal } from './events-http.ts';
import {
  badRequest,
  connectionAck,
  connectionError,
  dataFrame,
  errorFrame,
  EVENT_REALTIME_PATH,
  EVENTS_SUBPROTOCOL,
  keepAlive,
  publishAnswer,
  replyFrame,
  wsError,
  type EventsError,
} from './events-wire.ts';

export interface EventsRealtimeOptions {
  /** How often `ka` is sent. AppSync: about a minute. Tests set a few ms. */
  keepAliveIntervalMs?: number;
  /** Announced in `connection_ack`. AppSync: 300000. */
  connectionTimeoutMs?: number;
}

interface Connection {
  socket: WebSocket;
  auth: Promise<AuthOutcome | { ok: false; error: EventsError }>;
  acked: boolean;
  subscriptions: Map<string, ChannelPath>;
  keepAliveTimer: NodeJS.Timeout | undefined;
  /** Frames are handled in order, so an `unsubscribe` never overtakes its `subscribe`. */
  queue: Promise<void>;
}

export function createEventsRealtime(deps: {
  authorizer: EventAuthorizer;
  api: PrivateApiShape;
  options?: EventsRealtimeOptions;
}) {
  const keepAliveIntervalMs = deps.options?.keepAliveIntervalMs ?? 60_000;
  const connectionTimeoutMs = deps.options?.connectionTimeoutMs ?? 300_000;
  const connections = new Set<Connection>();
  let keepAlivesOn = true;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 2 * 1024 * 1024,
    handleProtocols: (protocols) =>
      protocols.has(EVENTS_SUBPROTOCOL) ? EVENTS_SUBPROTOCOL : false,
  });

  const send = (connection: Connection, text: string) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(text);
  };

  function open(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? EVENT_REALTIME_PATH, 'http://sandbox.invalid');
    const requested = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const header = signedForApi(deps.api, readConnectHeader(requested, url.searchParams));
    const connection: Connection = {
      socket,
      auth: header.ok
        ? deps.authorizer.authorize('connect', null, header.headers, '{}')
        : Promise.resolve({ ok: false, error: header.error }),
      acked: false,
      subscriptions: new Map(),
      keepAliveTimer: undefined,
      queue: Promise.resolve(),
    };
    connections.add(connection);
    socket.on('close', () => {
      clearInterval(connection.keepAliveTimer);
      connections.delete(connection);
    });
    socket.on('error', () => socket.terminate());
    if (socket.protocol !== EVENTS_SUBPROTOCOL) {
      send(
        connection,
        connectionError([
          { errorType: 'NoProtocolError', message: 'NoProtocolError', errorCode: 400 },
        ]),
      );
      socket.close(1000);
      return;
    }
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return;
      const text = raw.toString();
      connection.queue = connection.queue
        .then(() => onMessage(connection, text))
        .catch((error: unknown) => {
          console.error('AppSync sandbox Events: a message failed inside the sandbox:', error);
          socket.terminate();
        });
    });
  }

  async function acknowledge(connection: Connection): Promise<boolean> {
    if (connection.acked) return true;
    const outcome = await connection.auth;
    if (!outcome.ok) {
      send(
        connection,
        connectionError(['error' in outcome ? outcome.error : wsError(outcome.refusal)]),
      );
      connection.socket.close(1000);
      return false;
    }
    connection.acked = true;
    send(connection, connectionAck(connectionTimeoutMs));
    connection.keepAliveTimer = setInterval(() => {
      if (keepAlivesOn) send(connection, keepAlive());
    }, keepAliveIntervalMs);
    return true;
  }

  async function onMessage(connection: Connection, text: string): Promise<void> {
    let message: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        message = parsed as Record<string, unknown>;
      }
    } catch {
      // answered below as an unknown frame
    }
    const type = message?.type;
    if (type === 'connection_init') {
      await acknowledge(connection);
      return;
    }
    if (!(await acknowledge(connection))) return;
    const id = typeof message?.id === 'string' ? message.id : undefined;
    if (
      !message ||
      id === undefined ||
      !['subscribe', 'publish', 'unsubscribe'].includes(type as string)
    ) {
      send(
        connection,
        errorFrame('error', id, [
          {
            errorType: 'UnsupportedOperation',
            message: 'Operation not supported through the realtime channel',
          },
        ]),
      );
      return;
    }
    const authorization = headerObject(message.authorization) ?? {};
    if (type === 'unsubscribe') {
      const known = connection.subscriptions.delete(id);
      send(
        connection,
        known
          ? replyFrame('unsubscribe_success', id)
          : errorFrame('unsubscribe_error', id, [
              { errorType: 'UnknownOperationError', message: 'Unknown subscription id' },
            ]),
      );
      return;
    }
    if (type === 'publish') {
      const signed = JSON.stringify({ channel: message.channel, events: message.events });
      const checked = await publishRefusal(deps.authorizer, message, authorization, signed);
      if ('refusal' in checked) {
        send(connection, errorFrame('publish_error', id, [wsError(checked.refusal)]));
        return;
      }
      send(
        connection,
        JSON.stringify({ type: 'publish_success', id, ...publishAnswer(checked.events.length) }),
      );
      broadcast(checked.channel, checked.events);
      return;
    }
    const channel = readChannel(message.channel, 'subscribe');
    if (!channel) {
      send(
        connection,
        errorFrame('subscribe_error', id, [wsError(badRequest('Invalid channel path.'))]),
      );
      return;
    }
    if (!deps.authorizer.namespace(channel.namespace)) {
      send(
        connection,
        errorFrame('subscribe_error', id, [
          wsError(badRequest(`Channel namespace '${channel.namespace}' does not exist.`)),
        ]),
      );
      return;
    }
    const outcome = await deps.authorizer.authorize(
      'subscribe',
      channel.namespace,
      authorization,
      JSON.stringify({ channel: message.channel }),
    );
    if (!outcome.ok) {
      send(connection, errorFrame('subscribe_error', id, [wsError(outcome.refusal)]));
      return;
    }
    connection.subscriptions.set(id, channel);
    send(connection, replyFrame('subscribe_success', id));
  }

  /** Sends each event to every subscription whose channel matches; returns how many got them. */
  function broadcast(channel: ChannelPath, events: readonly string[]): number {
    let delivered = 0;
    for (const connection of connections) {
      for (const [id, pattern] of connection.subscriptions) {
        if (!channelMatches(pattern, channel)) continue;
        for (const event of events) send(connection, dataFrame(id, event));
        delivered += 1;
      }
    }
    return delivered;
  }

  return {
    path: EVENT_REALTIME_PATH,
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      if (url.pathname !== EVENT_REALTIME_PATH) return false;
      if (refusedUpgrade(deps.api, req, socket)) return true;
      wss.handleUpgrade(req, socket, head, (ws) => open(ws, req));
      return true;
    },
    broadcast,
    /** Test hook: stop (false) or resume (true) keep-alives, to play a dead link. */
    setKeepAlives(on: boolean) {
      keepAlivesOn = on;
    },
    /** Test hook: the server drops every socket, as a deploy or a network cut would. */
    dropConnections() {
      for (const connection of connections) connection.socket.terminate();
    },
    connectionCount: () => connections.size,
    subscriptionCount: () => [...connections].reduce((n, c) => n + c.subscriptions.size, 0),
    async close() {
      for (const connection of connections) {
        clearInterval(connection.keepAliveTimer);
        connection.socket.terminate();
      }
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type EventsRealtime = ReturnType<typeof createEventsRealtime>;
