/**
 * One page of the history list: its window (how many, below which cursor), the SQL that reads
 * it, and the page grouped by local day.
 */
import type { SQLInputValue } from 'node:sqlite';
import { AppError } from '../../../shared/errors.ts';
import type {
  HistoryDayGroup,
  HistoryEntrySummaryDTO,
  HistoryFilter,
  HistoryListQuery,
  HistoryPageDTO,
} from '../../../shared/history.ts';
import { toFtsQuery } from './fts-query.ts';
import { SUMMARY_COLUMNS, toSummary, type EntryRow } from './history-rows.ts';

export interface ListPagePlan {
  sql: string;
  params: SQLInputValue[];
  /** Entries on the page; the SQL reads one more to tell whether another page follows. */
  limit: number;
}

/**
 * Checks the cursor and bounds the page size; throws INVALID_INPUT for a cursor it never gave.
 * `expand` gives the indexed words a typed word is a prefix of (see history-terms.ts).
 */
export function planListPage(
  query: HistoryListQuery,
  expand?: (word: string) => string[] | null,
): ListPagePlan {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
  let before: number | null = null;
  if (query.cursor !== undefined) {
    before = Number(query.cursor);
    if (!Number.isSafeInteger(before) || before < 0) {
      throw new AppError('INVALID_INPUT', `"${query.cursor}" is not a history page cursor.`);
    }
  }
  const fts = query.text === undefined ? null : toFtsQuery(query.text, expand);
  return { ...buildListSql(query, fts, before, limit + 1), limit };
}

/** The rows read for a plan as a page: at most `limit` entries and the cursor of the next page. */
export function toPage(
  rows: EntryRow[],
  limit: number,
): Pick<HistoryPageDTO, 'groups' | 'nextCursor'> {
  const page = rows.slice(0, limit).map(toSummary);
  return {
    groups: groupByDay(page),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

/**
 * Keyset pagination on the row id (recording order): the next page starts below the last id
 * seen, so a page costs the same at entry 100 as at entry 100,000. With text, FTS5 walks its
 * own rowids newest first and stops once the page is full.
 */
function buildListSql(
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

function groupByDay(entries: HistoryEntrySummaryDTO[]): HistoryDayGroup[] {
  const groups: HistoryDayGroup[] = [];
  for (const entry of entries) {
    const day = dayKey(entry.time);
    const last = groups[groups.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}

/** The local calendar day of a time, `YYYY-MM-DD`. */
function dayKey(time: number): string {
  const date = new Date(time);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
