/**
 * AppSync Events (Event APIs): what a channel path and a publish may be, checked the same way in
 * the renderer (as the user types) and in main (before anything is sent), and what the renderer
 * may see of a publish and of a channel subscription. No field can hold a credential.
 */
import type { AuthModeType } from './endpoints.ts';
import type { SubscriptionStateDTO } from './realtime.ts';

/** AppSync Events' limits: at most 5 events per publish, each at most 240 KB. */
export const MAX_EVENTS_PER_PUBLISH = 5;
export const MAX_EVENT_BYTES = 240 * 1024;

/** A namespace plus at most four more segments, each 1–50 letters, digits or dashes. */
const SEGMENT = /^[A-Za-z0-9-]{1,50}$/;
const MAX_SEGMENTS = 5;

/**
 * An Event API's HTTP endpoint is `…/event` (AppSync's own hosts and custom domains alike); its
 * real-time endpoint is `…/event/realtime`. That path is what tells an Event API from GraphQL.
 */
export function isEventApiUrl(url: string): boolean {
  return /^(?:https?|wss?):\/\/[^/]+\/event(?:\/realtime)?\/?(?:[?#].*)?$/i.test(url);
}

const HTTP_HOST = /^[a-z0-9]+\.appsync-api\.[a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?$/i;
const REALTIME_HOST =
  /^[a-z0-9]+\.appsync-realtime-api\.[a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?$/i;

/**
 * An Event API's two hosts from either one: AppSync's own serve HTTP on `<id>.appsync-api.…`
 * and real time on `<id>.appsync-realtime-api.…`; a custom domain (and the local sandbox) serves
 * both on one host. `host` may carry a port.
 */
export function eventApiHosts(host: string): { http: string; realtime: string } {
  const name = host.replace(/:\d+$/, '');
  if (REALTIME_HOST.test(name)) {
    return { http: host.replace('.appsync-realtime-api.', '.appsync-api.'), realtime: host };
  }
  if (HTTP_HOST.test(name)) {
    return { http: host, realtime: host.replace('.appsync-api.', '.appsync-realtime-api.') };
  }
  return { http: host, realtime: host };
}

/** The real-time address of an Event API URL (`https://h/event` → `wss://h'/event/realtime`), or null. */
export function eventRealtimeUrl(url: string): string | null {
  const match = /^(https?|wss?):\/\/([^/?#]+)\/event(?:\/realtime)?\/?$/i.exec(url.trim());
  if (!match) return null;
  const secure = /^(https|wss)$/i.test(match[1]!);
  return `${secure ? 'wss' : 'ws'}://${eventApiHosts(match[2]!).realtime}/event/realtime`;
}

/**
 * Why `channel` cannot be used, or null. Publishing names one channel; a subscription may end in
 * `/*` (every channel below that path, not the namespace itself).
 */
export function channelProblem(channel: string, use: 'publish' | 'subscribe'): string | null {
  const segments = channel.replace(/^\//, '').split('/');
  if (channel.trim() === '' || segments.length === 0) return 'the channel is empty';
  if (segments.length > MAX_SEGMENTS) {
    return `a channel has at most ${MAX_SEGMENTS} segments (a namespace and four more)`;
  }
  const last = segments.length - 1;
  for (const [index, segment] of segments.entries()) {
    if (segment === '*' && index === last && index > 0 && use === 'subscribe') continue;
    if (segment === '*') {
      return use === 'publish'
        ? 'a publish names one channel: no wildcard'
        : 'a wildcard is only the last segment, after the namespace (like /ns/*)';
    }
    if (!SEGMENT.test(segment)) {
      return `segment "${segment.slice(0, 60)}" is not 1–50 letters, digits or dashes`;
    }
  }
  return null;
}

/** UTF-8 length without TextEncoder (shared/ has neither DOM nor Node types). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The events of a publish as the user types them: a JSON array (each element one event), one
 * JSON value (one event, over as many lines as it likes), or one JSON value per line. Either the
 * events as the JSON text each sends, or why the text is none of these.
 */
export function eventsFromText(text: string): { events: string[] } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'give at least one event' };
  let whole: unknown;
  let parsed = false;
  try {
    whole = JSON.parse(trimmed);
    parsed = true;
  } catch {
    // Not one JSON value: one event per line, below.
  }
  let events: string[];
  if (parsed && Array.isArray(whole)) {
    if (whole.length === 0) return { problem: 'the array is empty: give at least one event' };
    events = whole.map((event) => JSON.stringify(event));
  } else if (parsed) {
    events = [trimmed];
  } else {
    const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
    for (const [index, line] of lines.entries()) {
      try {
        JSON.parse(line);
      } catch {
        return {
          problem: `line ${index + 1} is not JSON: give one JSON event per line, or a JSON array (like [{"message": "hello"}])`,
        };
      }
    }
    events = lines.map((line) => line.trim());
  }
  const problem = eventsProblem(events);
  return problem ? { problem } : { events };
}

/** Why these events cannot be published, or null; each event is the JSON text sent. */
export function eventsProblem(events: readonly string[]): string | null {
  if (events.length === 0) return 'give at least one event';
  if (events.length > MAX_EVENTS_PER_PUBLISH) {
    return `at most ${MAX_EVENTS_PER_PUBLISH} events go in one publish, not ${events.length}`;
  }
  for (const [index, event] of events.entries()) {
    const bytes = utf8Length(event);
    if (bytes > MAX_EVENT_BYTES) {
      return `event ${index + 1} is ${bytes} bytes; AppSync takes at most ${MAX_EVENT_BYTES}`;
    }
    try {
      JSON.parse(event);
    } catch {
      return `event ${index + 1} is not JSON (like {"message": "hello"})`;
    }
  }
  return null;
}

export type PublishTransport = 'http' | 'websocket';

export interface PublishedEventDTO {
  /** AppSync's id for the event. */
  identifier: string;
  /** Its position in the publish. */
  index: number;
}

export interface FailedEventDTO {
  index: number;
  code: string | null;
  message: string;
}

/** What a publish did: which events AppSync took and which it refused. */
export interface PublishResultDTO {
  channel: string;
  transport: PublishTransport;
  authMode: AuthModeType;
  /** The HTTP status (HTTP publishes only). */
  httpStatus: number | null;
  successful: PublishedEventDTO[];
  failed: FailedEventDTO[];
  durationMs: number;
}

/** A channel subscription's state: a subscription's, plus the channel it listens to. */
export interface ChannelSubscriptionStateDTO extends SubscriptionStateDTO {
  channel: string;
}

/** A running channel subscription and the view that started it. */
export interface RunningChannelDTO extends ChannelSubscriptionStateDTO {
  endpointId: string | null;
}

/** A channel namespace and the modes that may publish and subscribe there (its own or the API's defaults). */
export interface ChannelNamespaceDTO {
  name: string;
  publishAuthModes: AuthModeType[];
  subscribeAuthModes: AuthModeType[];
}

/** An Event API as discovery lists it (`ListApis`, `ListChannelNamespaces`). */
export interface DiscoveredEventApiDTO {
  name: string;
  apiId: string;
  region: string;
  arn: string | null;
  /** `https://<dns.HTTP>/event` */
  httpUrl: string | null;
  /** `wss://<dns.REALTIME>/event/realtime` */
  realtimeUrl: string | null;
  connectionAuthModes: AuthModeType[];
  namespaces: ChannelNamespaceDTO[];
}
