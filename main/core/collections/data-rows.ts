/**
 * Data files for iterations: a CSV with a header row, or a JSON array of objects. Each row
 * becomes run variables for one run of a request. Read through the collection boundary when
 * the file is in a collection (a link out of it is refused), or from the path the person gave
 * on the command line (`--data`).
 */
import { AppError } from '../../../shared/errors.ts';
import { jsonSyntaxProblem } from './collection-files.ts';

export type DataRow = Record<string, unknown>;

/** More rows than this is a mistake, not a test run. */
export const MAX_ROWS = 10_000;

/** Splits CSV text (RFC 4180: quotes, doubled quotes, CRLF or LF) into records. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.length > 1 || r[0] !== '');
}

/** The rows of a data file; `where` names it in errors (without quoting its content). */
export function parseDataRows(text: string, where: string): DataRow[] {
  let rows: DataRow[];
  if (/\.json$/i.test(where)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new AppError('COLLECTION_INVALID', `${where} is ${jsonSyntaxProblem(error)}.`, {
        file: where,
      });
    }
    if (
      !Array.isArray(json) ||
      !json.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))
    ) {
      throw new AppError(
        'COLLECTION_INVALID',
        `${where} must hold a JSON array of objects, one per run.`,
        {
          file: where,
        },
      );
    }
    rows = json as DataRow[];
  } else {
    const [header, ...records] = csvRecords(text.replace(/^\uFEFF/, ''));
    if (!header)
      throw new AppError('COLLECTION_INVALID', `${where} is empty: it needs a header row.`, {
        file: where,
      });
    const names = header.map((h) => h.trim());
    rows = records.map((record, index) => {
      if (record.length !== names.length) {
        throw new AppError(
          'COLLECTION_INVALID',
          `${where}, row ${index + 2}: ${record.length} fields where the header has ${names.length}.`,
          { file: where },
        );
      }
      return Object.fromEntries(names.map((name, i) => [name, record[i]!]));
    });
  }
  if (rows.length > MAX_ROWS) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${where} has ${rows.length} rows; at most ${MAX_ROWS}.`,
      { file: where },
    );
  }
  return rows;
}
