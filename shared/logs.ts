/**
 * From an answer to its CloudWatch log lines: AppSync writes its request and resolver lines to
 * the log group `/aws/appsync/apis/<apiId>`, each carrying the request id AppSync answered with
 * (`x-amzn-RequestId`). No secret here: log lines are what the API logged, read with the
 * profile's own credentials in main.
 */
export { API_ID_PATTERN } from './auth-modes.ts';
/** AppSync's request ids are UUIDs; a little wider so other shapes still read, never a quote. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,128}$/;

/** What `logs.forRequest` asks for (its schema is in the contract, logs-methods.ts). */
export interface LogsForRequestInput {
  requestId: string;
  apiId: string;
  /** null: the active profile. */
  profile: string | null;
  region?: string | undefined;
  /** When the request was sent (ISO 8601); the search is bounded around it. */
  at?: string | undefined;
  /** Without `at`: how far back to look, ms (15 minutes by default). */
  sinceMs?: number | undefined;
}

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
