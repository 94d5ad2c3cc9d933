/**
 * A tab's headers as rows (name, value, enabled) over the text the draft keeps: one
 * `Name: value` per line, a disabled row as the same line behind `# `. Tabs saved before rows
 * existed are the same text without `#` lines, so they load as they were.
 */
export interface HeaderRow {
  name: string;
  value: string;
  enabled: boolean;
}

const DISABLED = '# ';

/** A line that is not sent: a disabled row, or any other `#` line. */
export function isDisabledLine(line: string): boolean {
  return line.trimStart().startsWith('#');
}

export function headerRows(text: string): HeaderRow[] {
  return text.split('\n').flatMap((line): HeaderRow[] => {
    if (line.trim() === '') return [];
    const enabled = !isDisabledLine(line);
    const body = enabled ? line : line.trimStart().replace(/^#\s?/, '');
    const colon = body.indexOf(':');
    return colon < 0
      ? [{ name: body.trim(), value: '', enabled }]
      : [{ name: body.slice(0, colon).trim(), value: body.slice(colon + 1).trim(), enabled }];
  });
}

/** The text for `rows`; a row with neither name nor value (just added) is not written yet. */
export function headersText(rows: HeaderRow[]): string {
  return rows
    .filter((row) => row.name.trim() !== '' || row.value.trim() !== '')
    .map((row) => `${row.enabled ? '' : DISABLED}${row.name.trim()}: ${row.value}`)
    .join('\n');
}
