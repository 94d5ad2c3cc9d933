/**
 * Rows of the history database: a finished run written as an entry (with its search-index
 * row), and entries read back as DTOs.
 */
import type { StatementSync } from 'node:sqlite';
import type { AuthModeType } from '../../../shared/endpoints.ts';
import type {
  HistoryEntryDTO,
  HistoryEntrySummaryDTO,
  HistoryErrorDTO,
  HistoryOperationType,
  HistorySource,
  HistoryStatus,
  HistoryTestsDTO,
} from '../../../shared/history.ts';
import { indexableText } from './fts-query.ts';
import type { StoredRecord } from './history-record.ts';
import { collectTerms, recordTerms } from './history-terms.ts';

export interface EntryRow {
  id: number;
  time: number;
  endpoint_id: string | null;
  endpoint_name: string | null;
  endpoint_url: string;
  profile: string | null;
  account: string | null;
  auth_mode: string | null;
  operation_name: string | null;
  operation_type: string | null;
  status: string;
  http_status: number | null;
  duration_ms: number | null;
  source: string;
  error_count: number;
  first_error: string | null;
  tests: string | null;
  // Only in full rows:
  query?: string;
  variables?: string | null;
  response?: string | null;
  response_truncated?: number;
  response_bytes?: number | null;
  errors?: string;
  sub_started?: number | null;
  sub_stopped?: number | null;
  sub_messages?: number | null;
}

/** The columns a list reads: everything but the large text fields. */
export const SUMMARY_COLUMNS = [
  'id',
  'time',
  'endpoint_id',
  'endpoint_name',
  'endpoint_url',
  'profile',
  'account',
  'auth_mode',
  'operation_name',
  'operation_type',
  'status',
  'http_status',
  'duration_ms',
  'source',
  'error_count',
  'first_error',
  'response_bytes',
  'tests',
];

export function toSummary(row: EntryRow): HistoryEntrySummaryDTO {
  return {
    id: row.id,
    time: row.time,
    endpoint: { id: row.endpoint_id, name: row.endpoint_name, url: row.endpoint_url },
    profile: row.profile,
    account: row.account,
    authMode: row.auth_mode as AuthModeType | null,
    operationName: row.operation_name,
    operationType: row.operation_type as HistoryOperationType | null,
    status: row.status as HistoryStatus,
    httpStatus: row.http_status,
    durationMs: row.duration_ms,
    source: row.source as HistorySource,
    errorCount: row.error_count,
    firstError: row.first_error,
    responseBytes: row.response_bytes ?? null,
    tests: row.tests ? (JSON.parse(row.tests) as HistoryTestsDTO) : null,
  };
}

export function toEntry(row: EntryRow): HistoryEntryDTO {
  return {
    ...toSummary(row),
    query: row.query ?? '',
    variables: row.variables ? JSON.parse(row.variables) : null,
    response: row.response ?? null,
    responseTruncated: row.response_truncated === 1,
    errors: JSON.parse(row.errors ?? '[]') as HistoryErrorDTO[],
    subscription:
      row.sub_started === null || row.sub_started === undefined
        ? null
        : {
            startedAt: row.sub_started,
            stoppedAt: row.sub_stopped ?? null,
            messageCount: row.sub_messages ?? 0,
          },
  };
}

/**
 * Writes one run and its search-index row inside the caller's transaction; returns its id. Its
 * words go to `entries_terms` now, or into `terms` for the caller to store before it commits.
 */
export function insertEntry(
  statement: (sql: string) => StatementSync,
  row: StoredRecord,
  terms?: Set<string>,
): number {
  const result = statement(INSERT_SQL).run(
    row.time,
    row.endpointId,
    row.endpointName,
    row.endpointUrl,
    row.profile,
    row.account,
    row.authMode,
    row.operationName,
    row.operationType,
    row.query,
    row.variables,
    row.status,
    row.httpStatus,
    row.durationMs,
    row.response,
    row.responseTruncated,
    row.responseBytes,
    row.errors,
    row.errorCount,
    row.firstError,
    row.source,
    row.subStarted,
    row.subStopped,
    row.subMessages,
    row.tests,
  );
  const id = Number(result.lastInsertRowid);
  const texts = [
    indexableText(row.operationName),
    indexableText(row.query),
    `${row.endpointName ?? ''} ${row.endpointUrl}`,
    row.errors,
  ];
  statement(INSERT_FTS_SQL).run(id, ...texts);
  if (terms) collectTerms(statement, texts, terms);
  else recordTerms(statement, texts);
  return id;
}

const INSERT_SQL = `INSERT INTO entries (
  time, endpoint_id, endpoint_name, endpoint_url, profile, account, auth_mode, operation_name,
  operation_type, query, variables, status, http_status, duration_ms, response,
  response_truncated, response_bytes, errors, error_count, first_error, source, sub_started,
  sub_stopped, sub_messages, tests
) VALUES (${Array(25).fill('?').join(', ')})`;

const INSERT_FTS_SQL =
  'INSERT INTO entries_fts (rowid, operation_name, query, endpoint, errors) VALUES (?, ?, ?, ?, ?)';
