/**
 * AppSync Events' WebSocket protocol, client side: the subprotocols of the handshake, the frames
 * we send, and the frames the server sends read defensively — a frame is untrusted input, so one
 * that is not JSON, has the wrong shape or nests absurdly deep is dropped (or, for an event, kept
 * as its raw text), never thrown.
 *
 *   → connection_init                           ← connection_ack {connectionTimeoutMs} | connection_error
 *   ← ka
 *   → subscribe {id, channel, authorization}    ← subscribe_success {id} | subscribe_error {id, errors}
 *   ← data {id, event: "<JSON text>"}
 *   → publish {id, channel, events, authorization}
 *                                               ← publish_success {id, successful, failed} | publish_error
 *   → unsubscribe {id}                          ← unsubscribe_success | unsubscribe_error
 *   ← error {id?, errors}  (an unknown frame, a limit reached)
 */
import { serverErrors, type ServerError } from '../streams/appsync-refusals.ts';
import type { SocketWire } from '../streams/stream-socket.ts';

export const EVENTS_SUBPROTOCOL = 'aws-appsync-event-ws';

/** The auth header object travels as a subprotocol, so it stays out of URL logs. */
export function eventProtocols(header: Record<string, string>): string[] {
  return [
    EVENTS_SUBPROTOCOL,
    `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`,
  ];
}

/** What an IAM subscribe signs; the frame carries the channel exactly so. */
export const subscribeBody = (channel: string) => JSON.stringify({ channel });

/** What an IAM publish signs, over WebSocket and HTTP alike. */
export const publishBody = (channel: string, events: readonly string[]) =>
  JSON.stringify({ channel, events });

export const subscribeFrame = (
  id: string,
  channel: string,
  authorization: Record<string, string>,
) => JSON.stringify({ type: 'subscribe', id, channel, authorization });

export const publishFrame = (
  id: string,
  channel: string,
  events: readonly string[],
  authorization: Record<string, string>,
) => JSON.stringify({ type: 'publish', id, channel, events, authorization });

export const unsubscribeFrame = (id: string) => JSON.stringify({ type: 'unsubscribe', id });

export interface PublishOutcome {
  successful: { identifier: string; index: number }[];
  failed: { index: number; code: string | null; message: string }[];
}

export type ServerFrame =
  | { type: 'connection_ack'; connectionTimeoutMs: number | null }
  | { type: 'connection_error'; errors: ServerError[] }
  | { type: 'ka' }
  | { type: 'subscribe_success'; id: string }
  | { type: 'subscribe_error'; id: string; errors: ServerError[] }
  | { type: 'data'; id: string; event: string }
  | { type: 'publish_success'; id: string; outcome: PublishOutcome }
  | { type: 'publish_error'; id: string; errors: ServerError[] }
  | { type: 'unsubscribe_success' | 'unsubscribe_error'; id: string }
  | { type: 'error'; id: string | null; errors: ServerError[] };

/** Deeper than this, a JSON value is not an event anyone reads, and recursion over it is a risk. */
export const MAX_JSON_DEPTH = 64;

/** How deep `text` nests (outside strings), stopping as soon as it passes `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

/** JSON.parse that never throws and refuses absurd nesting: undefined when not usable. */
export function parseJson(text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const text = (value: unknown, max = 2000): string | undefined =>
  typeof value === 'string' ? value.slice(0, max) : undefined;

/** AppSync's `successful` / `failed` lists (a `publish_success` frame, an HTTP answer), bounded. */
export function publishOutcomeOf(frame: Record<string, unknown>): PublishOutcome {
  const list = (value: unknown) => (Array.isArray(value) ? value.slice(0, 100) : []);
  return {
    successful: list(frame.successful).flatMap((raw) => {
      const e = record(raw);
      const identifier = text(e?.identifier, 200);
      return e && identifier !== undefined && typeof e.index === 'number'
        ? [{ identifier, index: e.index }]
        : [];
    }),
    failed: list(frame.failed).flatMap((raw) => {
      const e = record(raw);
      if (!e || typeof e.index !== 'number') return [];
      return [{ index: e.index, code: text(e.code, 200) ?? null, message: text(e.message) ?? '' }];
    }),
  };
}

/** One server frame, or null when it is not one this client understands. */
export function readServerFrame(raw: string): ServerFrame | null {
  const frame = record(parseJson(raw));
  const type = text(frame?.type, 100);
  if (!frame || type === undefined) return null;
  const id = text(frame.id, 200);
  switch (type) {
    case 'connection_ack': {
      const timeout = frame.connectionTimeoutMs;
      return {
        type,
        connectionTimeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : null,
      };
    }
    case 'connection_error':
      return { type, errors: serverErrors(frame.errors) };
    case 'ka':
      return { type };
    case 'error':
      return { type, id: id ?? null, errors: serverErrors(frame.errors) };
    default:
      break;
  }
  if (id === undefined) return null;
  switch (type) {
    case 'subscribe_success':
    case 'unsubscribe_success':
    case 'unsubscribe_error':
      return { type, id };
    case 'subscribe_error':
    case 'publish_error':
    case 'broadcast_error':
      return {
        type: type === 'broadcast_error' ? 'error' : type,
        id,
        errors: serverErrors(frame.errors),
      };
    case 'data':
      return typeof frame.event === 'string' ? { type, id, event: frame.event } : null;
    case 'publish_success':
      return { type, id, outcome: publishOutcomeOf(frame) };
    default:
      return null;
  }
}

/**
 * What to check when AppSync refuses a publish or a subscription as unauthorized: on an Event
 * API each channel namespace lists its own publish and subscribe modes, so a credential that
 * connects fine can still be refused on one namespace.
 */
export function namespaceHint(
  action: 'publish' | 'subscribe',
  channel: string,
  mode: string,
): { UNAUTHORIZED: string } {
  const namespace = channel.replace(/^\//, '').split('/')[0] ?? '';
  return {
    UNAUTHORIZED: `Namespace "${namespace}" may not let ${mode} ${action} (each namespace lists its own publish and subscribe modes): try another auth mode, or check the credential (API key, token or profile).`,
  };
}

/** How the shared socket (streams/stream-socket.ts) reads this protocol's frames. */
export const eventsWire: SocketWire<ServerFrame> = {
  read: readServerFrame,
  handshake: (frame) => {
    if (frame.type === 'connection_ack') return { ack: frame.connectionTimeoutMs };
    if (frame.type === 'connection_error') return { refused: frame.errors };
    return null;
  },
  isKeepAlive: (frame) => frame.type === 'ka',
};
