/**
 * The sandbox's Event API: `POST /event` and the `/event/realtime` WebSocket over one
 * configuration and one authorizer, sharing its subscriptions so an HTTP publish reaches
 * WebSocket subscribers. Mounted on the sandbox's one HTTP server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiKeyRing } from '../appsync/api-key-ring.ts';
import type { AuthProvider } from '../appsync/auth-config.ts';
import type { IdentityStore } from '../identity-store.ts';
import type { EventApiConfig } from './event-api-config.ts';
import { EventAuthorizer } from './event-authorizer.ts';
import { createEventsHttp } from './events-http.ts';
import {
  createEventsRealtime,
  type EventsRealtime,
  type EventsRealtimeOptions,
} from './events-realtime.ts';

export interface EventsPeerDeps {
  config: EventApiConfig;
  /** The sandbox's providers behind each mode (its JWT issuers, its Lambda authorizer). */
  providers: readonly AuthProvider[];
  identities: Pick<IdentityStore, 'lookup'>;
  apiKeys: ApiKeyRing;
  clock: { now(): number };
  iamAllows?: (principal: { arn: string; accountId: string }) => boolean;
  options?: EventsRealtimeOptions;
}

export interface EventsPeer {
  config: EventApiConfig;
  realtime: EventsRealtime;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export function createEventsPeer(deps: EventsPeerDeps): EventsPeer {
  const authorizer = new EventAuthorizer(deps);
  const realtime = createEventsRealtime({
    authorizer,
    api: deps.config,
    ...(deps.options ? { options: deps.options } : {}),
  });
  const http = createEventsHttp({
    authorizer,
    api: deps.config,
    clock: deps.clock,
    broadcast: (channel, events) => realtime.broadcast(channel, events),
  });
  return {
    config: deps.config,
    realtime,
    handle: (req, res, body) => http.handle(req, res, body),
    handleUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
    close: () => realtime.close(),
  };
}
