/**
 * An Event API's two addresses. AppSync's own hosts serve HTTP at
 * `https://<id>.appsync-api.<region>.amazonaws.com/event` and real time at
 * `wss://<id>.appsync-realtime-api.<region>.amazonaws.com/event/realtime`; a custom domain (and
 * the local sandbox) serves both on one host, real time at `<http url>/realtime`. Either address
 * may be given; the other is derived.
 */
import { AppError } from '../../../shared/errors.ts';
import { eventApiHosts } from '../../../shared/events.ts';

export interface EventApiUrls {
  /** Where `POST /event` goes and what every IAM signature names (its host is the `host`). */
  http: URL;
  realtime: URL;
}

export function eventApiUrls(text: string): EventApiUrls {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('INVALID_INPUT', `"${text.slice(0, 200)}" is not a URL.`);
  }
  if (!['https:', 'http:', 'wss:', 'ws:'].includes(url.protocol)) {
    throw new AppError(
      'INVALID_INPUT',
      `${url.protocol} is not an Event API address (https or wss).`,
    );
  }
  const path = url.pathname.replace(/\/$/, '');
  if (path !== '/event' && path !== '/event/realtime') {
    throw new AppError(
      'INVALID_INPUT',
      `${url.host}${url.pathname} is not an Event API endpoint: its path is /event (HTTP) or /event/realtime (WebSocket).`,
    );
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const hosts = eventApiHosts(url.host);
  const http = new URL(`${secure ? 'https' : 'http'}://${hosts.http}/event`);
  const realtime = new URL(`${secure ? 'wss' : 'ws'}://${hosts.realtime}/event/realtime`);
  return { http, realtime };
}
