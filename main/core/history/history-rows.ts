/** Rows of the history database to DTOs and back, and the list query built from a filter. */
import type { SQLInputValue } from 'node:sqlite';
import type { AuthModeType } from '../../../shared/endpoints.ts';
import type {
  HistoryEntryDTO,
  HistoryEntrySummaryDTO,
  HistoryErrorDTO,
  HistoryFilter,
  HistoryOperationType,
  HistorySource,
  HistoryStatus,
} from '../../../shared/history.ts';

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

const SUMMARY_COLUMNS = [
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
  };
}

export function toEntry(row: EntryRow): HistoryEntryDTO {
  return {
    ...toSummary(row),
    query: row.query ?? '',
    variables: row.variables ? JSON.parse(row.variables) : null,
    response: row.response ?? null,
    responseTruncated: row.response_truncated === 1,
    responseBytes: row.response_bytes ?? null,
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
 * Keyset pagination on the row id (recording order): the next page starts below the last id
 * seen, so a page costs the same at entry 100 as at entry 100,000. With text, FTS5 walks its
 * own rowids newest first and stops once the page is full.
 */
export function buildListSql(
  filter: HistoryFilter,
  fts: string | null,
  before: number | null,
  limit: number,
): { sql: string; params: SQLInputValue[] } {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  const add = (clause: string, value: SQLInputValue) => {
    where.push(clause);
    params.push(value);
  };
  if (fts !== null) add('entries_fts MATCH ?', fts);
  if (before !== null) add(fts !== null ? 'entries_fts.rowid < ?' : 'e.id < ?', before);
  if (filter.endpointId !== undefined) add('e.endpoint_id = ?', filter.endpointId);
  if (filter.endpointUrl !== undefined) add('e.endpoint_url = ?', filter.endpointUrl);
  if (filter.profile !== undefined) add('e.profile = ?', filter.profile);
  if (filter.status !== undefined) add('e.status = ?', filter.status);
  if (filter.authMode !== undefined) add('e.auth_mode = ?', filter.authMode);
  if (filter.from !== undefined) add('e.time >= ?', filter.from);
  if (filter.to !== undefined) add('e.time < ?', filter.to);
  const columns = SUMMARY_COLUMNS.map((column) => `e.${column}`).join(', ');
  const from =
    fts !== null ? 'entries_fts JOIN entries e ON e.id = entries_fts.rowid' : 'entries e';
  const order = fts !== null ? 'entries_fts.rowid DESC' : 'e.id DESC';
  const sql =
    `SELECT ${columns} FROM ${from}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${order} LIMIT ${Math.trunc(limit)}`;
  return { sql, params };
}

/** The local calendar day of a time, `YYYY-MM-DD`. */
export function dayKey(time: number): string {
  const date = new Date(time);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
