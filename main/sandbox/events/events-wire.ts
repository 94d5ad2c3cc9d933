/**
 * AppSync Events on the wire, server side: the frames the real-time endpoint sends and the error
 * shapes of both endpoints. Unlike GraphQL's real-time protocol, Events puts `errors` and
 * `connectionTimeoutMs` at the top level of a frame.
 *
 * Shapes, from AWS's "Understanding the Event API WebSocket protocol" and "Publish events via
 * HTTP" guides: HTTP refusals are `{errors: [{errorType, message}]}` with 400/401/403; a publish
 * answers 200 `{successful: [{identifier, index}], failed: [{identifier, index, code, message}]}`.
 */
import { randomUUID } from 'node:crypto';
import type { AppSyncRefusal } from '../appsync/appsync-response.ts';

export const EVENT_PATH = '/event';
export const EVENT_REALTIME_PATH = '/event/realtime';
export const EVENTS_SUBPROTOCOL = 'aws-appsync-event-ws';
export const MAX_EVENTS = 5;
export const MAX_EVENT_BYTES = 240 * 1024;

export interface EventsError {
  errorType: string;
  message: string;
  errorCode?: number;
}

export const badRequest = (message: string): AppSyncRefusal => ({
  status: 400,
  errorType: 'BadRequestException',
  message,
});

/** A SigV4 mismatch reads as a bad request on the real-time endpoint, as on GraphQL's. */
export function wsError(refusal: AppSyncRefusal): EventsError {
  if (/Signature/.test(refusal.errorType) && refusal.errorType !== 'UnrecognizedClientException') {
    return { errorType: 'BadRequestException', message: refusal.message, errorCode: 400 };
  }
  return { errorType: refusal.errorType, message: refusal.message, errorCode: refusal.status };
}

export const connectionAck = (connectionTimeoutMs: number) =>
  JSON.stringify({ type: 'connection_ack', connectionTimeoutMs });
export const keepAlive = () => '{"type":"ka"}';
export const connectionError = (errors: EventsError[]) =>
  JSON.stringify({ type: 'connection_error', errors });
export const replyFrame = (type: string, id: string) => JSON.stringify({ type, id });
export const errorFrame = (type: string, id: string | undefined, errors: EventsError[]) =>
  JSON.stringify(id === undefined ? { type, errors } : { type, id, errors });
export const dataFrame = (id: string, event: string) => JSON.stringify({ type: 'data', id, event });

export interface PublishAnswer {
  successful: { identifier: string; index: number }[];
  failed: { identifier: string; index: number; code: string; message: string }[];
}

export function publishAnswer(count: number): PublishAnswer {
  return {
    successful: Array.from({ length: count }, (_, index) => ({ identifier: randomUUID(), index })),
    failed: [],
  };
}

/**
 * Why a publish's events are refused, or null: at most five, each a string of at most 240 KB
 * that is valid JSON.
 */
export function eventsRefusal(events: unknown): AppSyncRefusal | null {
  if (!Array.isArray(events) || events.length === 0) {
    return badRequest('events must be a non-empty list of stringified JSON values.');
  }
  if (events.length > MAX_EVENTS) {
    return badRequest(
      `A publish holds at most ${MAX_EVENTS} events; this one has ${events.length}.`,
    );
  }
  for (const [index, event] of events.entries()) {
    if (typeof event !== 'string') return badRequest(`Event ${index} is not a string.`);
    if (Buffer.byteLength(event) > MAX_EVENT_BYTES) {
      return badRequest(
        `Event ${index} exceeds the maximum event size of ${MAX_EVENT_BYTES} bytes.`,
      );
    }
    try {
      JSON.parse(event);
    } catch {
      return badRequest(`Event ${index} is not a valid JSON value.`);
    }
  }
  return null;
}
