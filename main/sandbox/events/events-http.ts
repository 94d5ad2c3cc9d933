/**
 * `POST /event`: AppSync Events' HTTP publish. The body is `{channel, events}`; the namespace's
 * publish modes decide who may send; the events are broadcast to matching subscriptions and
 * answered with AppSync's `{successful, failed}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  appSyncHeaders,
  newRequestId,
  sendJson,
  sendRefusal,
  type AppSyncRefusal,
} from '../appsync/appsync-response.ts';
import { readChannel, type ChannelPath } from './channel-path.ts';
import { privateApiHeaders, type PrivateApiShape } from '../appsync/private-api.ts';
import type { EventAuthorizer } from './event-authorizer.ts';
import { badRequest, EVENT_PATH, eventsRefusal, publishAnswer } from './events-wire.ts';

export interface EventsHttpDeps {
  authorizer: EventAuthorizer;
  api: PrivateApiShape;
  clock: { now(): number };
  broadcast(channel: ChannelPath, events: string[]): void;
}

/** Checks a publish (HTTP or WebSocket alike) up to its authorization; null when it may go. */
export async function publishRefusal(
  authorizer: EventAuthorizer,
  message: Record<string, unknown>,
  headers: IncomingMessage['headers'],
  signedBody: string,
): Promise<{ refusal: AppSyncRefusal } | { channel: ChannelPath; events: string[] }> {
  const channel = readChannel(message.channel, 'publish');
  if (!channel) return { refusal: badRequest('Invalid channel path.') };
  if (!authorizer.namespace(channel.namespace)) {
    return { refusal: badRequest(`Channel namespace '${channel.namespace}' does not exist.`) };
  }
  const outcome = await authorizer.authorize('publish', channel.namespace, headers, signedBody);
  if (!outcome.ok) return { refusal: outcome.refusal };
  const refused = eventsRefusal(message.events);
  if (refused) return { refusal: refused };
  return { channel, events: message.events as string[] };
}

export function createEventsHttp(deps: EventsHttpDeps) {
  return {
    /** True when the request was for `/event` and has been answered. */
    handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean {
      const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
      if (path !== EVENT_PATH) return false;
      const headers = appSyncHeaders(deps.clock.now(), newRequestId());
      if (req.method !== 'POST') {
        sendRefusal(res, headers, badRequest('Events are published with POST.'));
        return true;
      }
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch {
        sendRefusal(res, headers, badRequest('The request body is not JSON.'));
        return true;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        sendRefusal(res, headers, badRequest('The request body is not a JSON object.'));
        return true;
      }
      const reached = privateApiHeaders(deps.api, req.headers);
      if (!reached.ok) {
        sendRefusal(res, headers, reached.refusal);
        return true;
      }
      void publishRefusal(
        deps.authorizer,
        message as Record<string, unknown>,
        reached.headers,
        body.toString('utf8'),
      ).then(
        (checked) => {
          if ('refusal' in checked) {
            sendRefusal(res, headers, checked.refusal);
            return;
          }
          deps.broadcast(checked.channel, checked.events);
          sendJson(res, 200, headers, publishAnswer(checked.events.length));
        },
        () => res.destroy(),
      );
      return true;
    },
  };
}
