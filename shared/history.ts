/**
 * What the renderer may see of the request history. Every field is named: there is no header
 * map, and the core scrubs anything that looks like a credential from the free-text fields
 * (query, variables, response, errors) before they are stored.
 */
import type { AuthModeType } from './endpoints.ts';

export type HistorySource = 'desktop' | 'web' | 'cli';
/** `publish` and `channel` are AppSync Events: a publish, and a channel subscription. */
export type HistoryOperationType = 'query' | 'mutation' | 'subscription' | 'publish' | 'channel';
/** `success`: a response without GraphQL errors; `error`: HTTP or GraphQL errors, or no response. */
export type HistoryStatus = 'success' | 'error' | 'cancelled';

export interface HistoryEndpointRef {
  /** The saved endpoint's id, or null for an ad-hoc URL (CLI, collections). */
  id: string | null;
  name: string | null;
  url: string;
}

export interface HistoryErrorDTO {
  message: string;
  errorType: string | null;
}

/** How a saved request's checks went: counts and names of what failed, never values. */
export interface HistoryTestsDTO {
  passed: number;
  failed: number;
  /** `data.x eq`, `test "status ok"`, `post script`: at most 20. */
  failedNames: string[];
}

export interface HistorySubscriptionDTO {
  startedAt: number;
  stoppedAt: number | null;
  messageCount: number;
}

/** One row of the history list: everything but the query, variables and response bodies. */
export interface HistoryEntrySummaryDTO {
  id: number;
  /** When the run started, ms since the epoch. */
  time: number;
  endpoint: HistoryEndpointRef;
  profile: string | null;
  account: string | null;
  authMode: AuthModeType | null;
  operationName: string | null;
  operationType: HistoryOperationType | null;
  status: HistoryStatus;
  httpStatus: number | null;
  durationMs: number | null;
  source: HistorySource;
  errorCount: number;
  firstError: string | null;
  /** The size of the full response body as received, in bytes (before the stored cap). */
  responseBytes: number | null;
  /** The run's assertions and script tests, when the request had any. */
  tests: HistoryTestsDTO | null;
}

export interface HistoryEntryDTO extends HistoryEntrySummaryDTO {
  query: string;
  /** The GraphQL variables as sent (secrets scrubbed), or null. */
  variables: unknown;
  /** The response body text, capped (see `responseTruncated`), or null when there was none. */
  response: string | null;
  responseTruncated: boolean;
  errors: HistoryErrorDTO[];
  subscription: HistorySubscriptionDTO | null;
}

export interface HistoryFilter {
  endpointId?: string;
  /** Matches the endpoint URL exactly (ad-hoc requests have no endpoint id). */
  endpointUrl?: string;
  profile?: string;
  status?: HistoryStatus;
  authMode?: AuthModeType;
  /** Inclusive lower bound, ms since the epoch. */
  from?: number;
  /** Exclusive upper bound, ms since the epoch. */
  to?: number;
  /** Full-text search over operation name, query, endpoint and errors; any text is safe. */
  text?: string;
}

export interface HistoryListQuery extends HistoryFilter {
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
  /** Page size, 1–500 (default 100). */
  limit?: number;
}

export interface HistoryDayGroup {
  /** Local calendar day, `YYYY-MM-DD`. A day can continue on the next page. */
  day: string;
  entries: HistoryEntrySummaryDTO[];
}

export interface HistoryAvailability {
  available: boolean;
  /** The database file. */
  path: string;
  /** Why history is unavailable, and what to do, when it is. */
  problem: string | null;
  /** Where a corrupt database was moved, so the user can keep or delete it. */
  movedAsideTo: string | null;
}

export interface HistoryPageDTO {
  /** Newest recorded first. */
  groups: HistoryDayGroup[];
  nextCursor: string | null;
  availability: HistoryAvailability;
}

export interface HistoryRetention {
  /** Keep at most this many entries (newest kept). null = no limit. */
  maxEntries: number | null;
  /** Delete entries older than this many days. null = no limit. */
  maxAgeDays: number | null;
}
