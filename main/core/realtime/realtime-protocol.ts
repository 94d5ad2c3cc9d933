/**
 * AppSync's real-time protocol, client side: the handshake (the auth header object as a
 * `header-<base64url>` subprotocol beside `graphql-ws`, or the `?header=…&payload=e30=` query
 * form), the frames we send and the frames AppSync sends (its refusals: streams/appsync-refusals.ts).
 */
import { serverErrors, type ServerError } from '../streams/appsync-refusals.ts';
import type { SocketWire } from '../streams/stream-socket.ts';

export const SUBPROTOCOL = 'graphql-ws';

/** How the connect step's auth header travels. The subprotocol keeps it out of URL logs. */
export type HandshakeForm = 'subprotocol' | 'query';

export interface Handshake {
  url: string;
  protocols: string[];
}

export function handshake(
  realtime: URL,
  header: Record<string, string>,
  form: HandshakeForm,
): Handshake {
  const json = JSON.stringify(header);
  if (form === 'subprotocol') {
    return {
      url: realtime.href,
      protocols: [SUBPROTOCOL, `header-${Buffer.from(json).toString('base64url')}`],
    };
  }
  const url = new URL(realtime.href);
  url.searchParams.set('header', Buffer.from(json).toString('base64'));
  url.searchParams.set('payload', 'e30=');
  return { url: url.href, protocols: [SUBPROTOCOL] };
}

export const startMessage = (id: string, data: string, authorization: Record<string, string>) =>
  JSON.stringify({ id, payload: { data, extensions: { authorization } }, type: 'start' });

export const stopMessage = (id: string) => JSON.stringify({ id, type: 'stop' });

export type ServerMessage =
  | { type: 'connection_ack'; payload?: { connectionTimeoutMs?: number } }
  | { type: 'connection_error'; payload?: { errors?: ServerError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: unknown }
  | { type: 'error'; id?: string; payload?: { errors?: ServerError[] } }
  | { type: 'complete'; id: string };

export function readServerMessage(text: string): ServerMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { type?: unknown }).type === 'string'
    ) {
      return value as ServerMessage;
    }
  } catch {
    // not ours
  }
  return null;
}

/** How the shared socket (streams/stream-socket.ts) reads this protocol's frames. */
export const realtimeWire: SocketWire<ServerMessage> = {
  read: readServerMessage,
  handshake: (message) => {
    if (message.type === 'connection_ack')
      return { ack: message.payload?.connectionTimeoutMs ?? null };
    if (message.type === 'connection_error')
      return { refused: serverErrors(message.payload?.errors) };
    return null;
  },
  isKeepAlive: (message) => message.type === 'ka',
};
