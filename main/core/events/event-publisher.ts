/**
 * Publishing over HTTP: `POST <api>/event` with `{"channel", "events"}`, authorized as the mode
 * says (IAM signs that exact body as service `appsync`), and AppSync's answer read as untrusted
 * input: bounded, parsed without throwing, every secret the publish used scrubbed out.
 */
import { AppError } from '../../../shared/errors.ts';
import type { PublishResultDTO } from '../../../shared/events.ts';
import type { RealtimeAuth } from '../realtime/realtime-auth.ts';
import { refusalError, type ServerError } from '../streams/appsync-refusals.ts';
import { namespaceHint } from './event-frames.ts';
import { appSyncDomainHeaders } from '../requests/connect-to.ts';
import type { HttpTransport } from '../requests/http-transport.ts';
import { parseJson, publishBody, publishOutcomeOf } from './event-frames.ts';

/** A publish answer lists at most five events; anything far larger is not AppSync talking. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** HTTP publishes sign plain JSON, as an HTTP client of AppSync does. */
const HTTP_BASE_HEADERS = { 'content-type': 'application/json' };

export interface HttpPublish {
  http: URL;
  auth: RealtimeAuth;
  channel: string;
  events: readonly string[];
  transport: HttpTransport;
  /** A private API's address; the publish names and is signed for the API's host. */
  connectTo?: string | null;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export async function publishOverHttp(
  publish: HttpPublish,
): Promise<Pick<PublishResultDTO, 'httpStatus' | 'successful' | 'failed'>> {
  const body = publishBody(publish.channel, publish.events);
  const base = {
    ...HTTP_BASE_HEADERS,
    ...appSyncDomainHeaders(publish.http, publish.connectTo ?? null),
  };
  const signed = await publish.auth.startHeaders(body, base);
  const headers: Record<string, string> = { ...base };
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  const answer = await publish.transport.send(
    {
      method: 'POST',
      url: publish.http,
      headers,
      body: Buffer.from(body),
      connectTo: publish.connectTo ?? null,
    },
    {
      ...(publish.signal ? { signal: publish.signal } : {}),
      ...(publish.timeoutMs ? { timeoutMs: publish.timeoutMs } : {}),
    },
  );
  const known = publish.auth.known();
  const where = `${publish.http.host} (HTTP ${answer.status})`;
  if (answer.body.byteLength > MAX_ANSWER_BYTES) {
    throw new AppError(
      'NETWORK',
      `${where} answered the publish with ${answer.body.byteLength} bytes; an Events answer is a few hundred. It was not read.`,
    );
  }
  const parsed = parseJson(answer.body.toString('utf8'));
  const value = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  if (answer.status >= 400) {
    const errors = (Array.isArray(value.errors) ? value.errors : []) as ServerError[];
    throw refusalError(
      `The publish to ${publish.channel} was`,
      errors.length
        ? errors.slice(0, 20).map((e) => ({ ...e, errorCode: answer.status }))
        : [{ errorCode: answer.status, message: `HTTP ${answer.status} ${answer.statusText}` }],
      (text) => known.scrub(text),
      namespaceHint('publish', publish.channel, publish.auth.mode),
    );
  }
  if (!Array.isArray(value.successful) && !Array.isArray(value.failed)) {
    throw new AppError(
      'NETWORK',
      `${where} did not answer the publish with AppSync's {successful, failed} lists.`,
    );
  }
  return { httpStatus: answer.status, ...known.scrubDeep(publishOutcomeOf(value)) };
}
