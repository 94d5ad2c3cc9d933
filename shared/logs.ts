/**
 * From an answer to its CloudWatch log lines: AppSync writes its request and resolver lines to
 * the log group `/aws/appsync/apis/<apiId>`, each carrying the request id AppSync answered with
 * (`x-amzn-RequestId`). No secret here: log lines are what the API logged, read with the
 * profile's own credentials in main.
 */
import { API_ID_PATTERN, REGION_PATTERN } from './auth-modes.ts';
import * as z from './zod.ts';

export { API_ID_PATTERN } from './auth-modes.ts';
/** AppSync's request ids are UUIDs; a little wider so other shapes still read, never a quote. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,128}$/;

export const logsForRequestInputSchema = z.strictObject({
  requestId: z.string().check(z.regex(REQUEST_ID_PATTERN, 'an AppSync request id (a UUID)')),
  apiId: z
    .string()
    .check(z.regex(API_ID_PATTERN, 'an AppSync API id (lower-case letters and digits)')),
  /** null: the active profile. */
  profile: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
  region: z.optional(z.string().check(z.regex(REGION_PATTERN, 'an AWS region like us-east-1'))),
  /** When the request was sent (ISO 8601); the search is bounded around it. */
  at: z.optional(z.iso.datetime({ offset: true, error: 'an ISO 8601 time' })),
  /** Without `at`: how far back to look, ms (15 minutes by default). */
  sinceMs: z.optional(z.number().check(z.int(), z.positive(), z.lte(14 * 24 * 3600 * 1000))),
});

export type LogsForRequestInput = z.input<typeof logsForRequestInputSchema>;

export interface LogLineDTO {
  /** ms since the epoch, as CloudWatch stamped the line. */
  timestamp: number;
  logStream: string;
  message: string;
  /** The message pretty-printed when it is JSON (AppSync's resolver lines are), else null. */
  pretty: string | null;
}

export interface RequestLogsDTO {
  requestId: string;
  logGroup: string;
  region: string;
  lines: LogLineDTO[];
  /** More lines matched than the cap: the newest were left out. */
  truncated: boolean;
  /** Nothing matched yet: AppSync delivers its lines seconds after the answer, so try again. */
  retryHint: string | null;
}

const APPSYNC_HOST =
  /^([a-z0-9]+)\.appsync-(?:realtime-)?api\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/i;

/** The API id and region an AppSync host names, or null (a custom domain, a local endpoint). */
export function appSyncApiOf(url: string): { apiId: string; region: string } | null {
  // shared/ has no URL class: the host is what follows the scheme, up to a port, path or query.
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(url)?.[1] ?? '';
  const match = APPSYNC_HOST.exec(host);
  return match ? { apiId: match[1]!.toLowerCase(), region: match[2]! } : null;
}
