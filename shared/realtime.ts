/**
 * What the renderer may see of a real-time subscription: its state, its messages in batches,
 * and how many were dropped. No field can hold a credential: the auth mode is named, never its
 * secret, and the real-time URL is shown without the query string (the query form of the
 * handshake carries the auth header there).
 */
import type { AuthModeType } from './endpoints.ts';
import type { IpcError } from './errors.ts';

export const SUBSCRIPTION_STATUSES = [
  /** Opening the WebSocket and waiting for `connection_ack`. */
  'connecting',
  /** `start` sent, waiting for `start_ack`. */
  'subscribing',
  /** Receiving events. */
  'active',
  /** The connection was lost; a new one is being opened (with backoff) and the start re-sent. */
  'reconnecting',
  /** Ended by an error that retrying will not fix (see `error`). */
  'failed',
  /** Stopped by the user, or completed by the server. */
  'stopped',
] as const;

export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface SubscriptionStateDTO {
  id: string;
  status: SubscriptionStatus;
  /** `wss://…/graphql` or `<graphql url>/realtime`, without any query string. */
  realtimeUrl: string;
  authMode: AuthModeType;
  operationName: string | null;
  /** Messages received so far (delivered or dropped). */
  messageCount: number;
  /** Messages dropped because the listener could not keep up (oldest first). */
  droppedCount: number;
  /** 0 while connected; counts attempts while reconnecting. */
  reconnectAttempt: number;
  error: IpcError | null;
  /** When this state began, ms since the epoch. */
  at: number;
}

export interface SubscriptionMessageDTO {
  /** 1, 2, 3… in arrival order for this subscription; a gap means messages were dropped. */
  seq: number;
  receivedAt: number;
  /** The event's `payload`: `{data}` or `{data, errors}`. */
  payload: unknown;
}

export interface MessageBatchDTO {
  subscriptionId: string;
  messages: SubscriptionMessageDTO[];
  /** Dropped since the previous batch ("N older messages dropped"). */
  droppedSinceLastBatch: number;
  totalReceived: number;
  totalDropped: number;
}
