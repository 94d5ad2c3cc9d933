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
import type { PrivateApiShape } from '../appsync/private-api.ts';
import { headerObject } from '../realtime/realtime-wire.ts';
import { createSocketPeer, type PeerSocket, type PeerTiming } from '../realtime/socket-peer.ts';
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
} from './events-wire.ts';

/** Keep-alive timing (realtime/socket-peer.ts). */
export type EventsRealtimeOptions = PeerTiming;

type Connection = PeerSocket<ChannelPath>;

export function createEventsRealtime(deps: {
  authorizer: EventAuthorizer;
  api: PrivateApiShape;
  options?: EventsRealtimeOptions;
}) {
  const peer = createSocketPeer<ChannelPath>({
    api: deps.api,
    subprotocol: EVENTS_SUBPROTOCOL,
    name: 'Events',
    maxPayload: 2 * 1024 * 1024,
    timing: deps.options,
    keepAliveOnAck: false,
    frames: { connectionAck, connectionError: (error) => connectionError([error]), keepAlive },
    connectAuth: (header) => deps.authorizer.authorize('connect', null, header.headers, '{}'),
    wireError: wsError,
    onMessage,
  });
  const send = peer.send;

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
      await connection.acknowledge();
      return;
    }
    if (!(await connection.acknowledge())) return;
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
    for (const connection of peer.connections()) {
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
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer): boolean =>
      peer.handleUpgrade(EVENT_REALTIME_PATH, req, socket, head),
    broadcast,
    setKeepAlives: peer.setKeepAlives,
    dropConnections: peer.dropConnections,
    connectionCount: peer.connectionCount,
    subscriptionCount: peer.subscriptionCount,
    close: peer.close,
  };
}

export type EventsRealtime = ReturnType<typeof createEventsRealtime>;
