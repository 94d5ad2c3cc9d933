/**
 * AppSync's real-time protocol on the wire (the `graphql-ws` subprotocol of
 * subscriptions-transport-ws, as AppSync speaks it): the messages, the auth header object the
 * client sends (as a `header-<base64url>` subprotocol or the `?header=…&payload=e30=` query),
 * and AppSync's error shapes.
 *
 * Error shapes, from AWS's "Building a real-time WebSocket client" guide and bodies observed in
 * amplify-js / aws-mobile-appsync-sdk-js issues:
 *   connection_error → `{type, payload: {errors: [{errorType, message, errorCode}]}}`
 *                      (a client without the `graphql-ws` subprotocol gets `NoProtocolError`, 400)
 *   start failure    → `{type: "error", id, payload: {errors: [{errorType, message, errorCode?}]}}`
 *                      (a SigV4 mismatch on a start is `BadRequestException` with AWS's canonical
 *                      request text; a field the mode may not read is `Unauthorized`)
 *   unknown message  → `{type: "error", payload: {errors: [{errorType: "UnsupportedOperation", …}]}}`
 */
import type { IncomingHttpHeaders } from 'node:http';

export const REALTIME_PATH = '/graphql/realtime';
export const SUBPROTOCOL = 'graphql-ws';
const HEADER_PREFIX = 'header-';

export interface RealtimeError {
  errorType: string;
  message: string;
  errorCode?: number;
}

export type ClientMessage =
  | { type: 'connection_init'; payload?: unknown }
  | {
      type: 'start';
      id: string;
      payload: { data: string; extensions?: { authorization?: Record<string, unknown> } };
    }
  | { type: 'stop'; id: string };

export const connectionAck = (connectionTimeoutMs: number) =>
  JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs } });

export const keepAlive = () => '{"type":"ka"}';

export const connectionError = (error: RealtimeError) =>
  JSON.stringify({ type: 'connection_error', payload: { errors: [error] } });

export const startAck = (id: string) => JSON.stringify({ type: 'start_ack', id });

export const startError = (id: string | undefined, errors: unknown[]) =>
  JSON.stringify(
    id === undefined
      ? { type: 'error', payload: { errors } }
      : { type: 'error', id, payload: { errors } },
  );

export const dataMessage = (id: string, payload: unknown) =>
  JSON.stringify({ type: 'data', id, payload });

export const complete = (id: string) => JSON.stringify({ type: 'complete', id });

export const unsupported = (): RealtimeError => ({
  errorType: 'UnsupportedOperation',
  message: 'Operation not supported through the realtime channel',
});

/** Reads one client frame; null when it is not a message of this protocol. */
export function readClientMessage(text: string): ClientMessage | { type: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const message = parsed as Record<string, unknown>;
  if (typeof message.type !== 'string') return null;
  if (message.type === 'start') {
    const payload = message.payload as Record<string, unknown> | undefined;
    if (typeof message.id !== 'string' || typeof payload?.data !== 'string') return null;
  }
  if (message.type === 'stop' && typeof message.id !== 'string') return null;
  return message as ClientMessage;
}

export type HeaderRead =
  | { ok: true; headers: IncomingHttpHeaders; via: 'subprotocol' | 'query' }
  | { ok: false; error: RealtimeError };

/**
 * The connect step's auth header object, as node's `IncomingHttpHeaders` (lower-case names) so
 * the HTTP authorizer can check it unchanged. The subprotocol form wins over the query form.
 */
export function readConnectHeader(
  protocols: readonly string[],
  search: URLSearchParams,
): HeaderRead {
  const fromProtocol = protocols.find((p) => p.startsWith(HEADER_PREFIX));
  const encoded = fromProtocol?.slice(HEADER_PREFIX.length) ?? search.get('header');
  if (encoded === undefined || encoded === null || encoded === '') {
    return {
      ok: false,
      error: {
        errorType: 'UnauthorizedException',
        message: 'Both, the "header", and the "payload" query string parameters are missing',
        errorCode: 400,
      },
    };
  }
  const decoded = decodeHeaderObject(encoded);
  if (!decoded) {
    return {
      ok: false,
      error: {
        errorType: 'BadRequestException',
        message: 'The "header" parameter is not base64url-encoded JSON.',
        errorCode: 400,
      },
    };
  }
  return { ok: true, headers: decoded, via: fromProtocol ? 'subprotocol' : 'query' };
}

/** base64url (or plain base64, which older clients send in the query) of a JSON object. */
function decodeHeaderObject(encoded: string): IncomingHttpHeaders | null {
  try {
    const text = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
      'utf8',
    );
    const value: unknown = JSON.parse(text);
    return headerObject(value);
  } catch {
    return null;
  }
}

/** A header object from the wire (any case, string values) as lower-case HTTP headers. */
export function headerObject(value: unknown): IncomingHttpHeaders | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: IncomingHttpHeaders = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[name.toLowerCase()] = v;
  }
  return out;
}
