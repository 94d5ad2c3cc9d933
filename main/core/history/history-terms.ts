/**
 * Every word the search index has ever held, in a plain table (`entries_terms`). A prefix
 * search such as `order*` makes FTS5 merge the whole match list of every word starting with
 * `order` before it can return the newest hundred; at a million entries that takes seconds.
 * Looking the words up here first turns it into `"order" OR "orders" OR …` of exact words,
 * which FTS5 walks newest first and stops once the page is full. The same entries match.
 *
 * The table may hold words no entry has any more (it only shrinks on clear), never miss one:
 * ASCII text is split here exactly as the unicode61 tokenizer splits it; other text goes
 * through a scratch FTS5 table with the same tokenizer.
 */
import type { StatementSync } from 'node:sqlite';

export const TOKENIZER = `unicode61 remove_diacritics 2`;

/** Beyond this many words a prefix stays a prefix query (still correct, just slower). */
const MAX_EXPANSION = 400;

/** A scratch table that tokenizes non-ASCII text, and its words; made per connection when needed. */
const TOKENIZER_TABLES = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_tokenizer
    USING fts5(text, tokenize = '${TOKENIZER}')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_tokenizer_terms
    USING fts5vocab(temp, entries_tokenizer, row)`,
];

/** Fills `entries_terms` from the index itself (a migration's one-off). */
export const FILL_TERMS_SQL = `
  CREATE VIRTUAL TABLE temp.entries_fts_terms USING fts5vocab(main, entries_fts, row);
  INSERT OR IGNORE INTO entries_terms SELECT term FROM temp.entries_fts_terms;
  DROP TABLE temp.entries_fts_terms;
`;

const ASCII = /^\p{ASCII}*$/u;
const ASCII_WORD = /[a-z0-9]+/g;

/** Adds the words of texts just written to the index, inside the caller's transaction. */
export function recordTerms(statement: (sql: string) => StatementSync, texts: string[]): void {
  const terms = new Set<string>();
  collectTerms(statement, texts, terms);
  storeTerms(statement, terms);
}

/** The words the index makes of `texts`, added to `into`. */
export function collectTerms(
  statement: (sql: string) => StatementSync,
  texts: string[],
  into: Set<string>,
): void {
  for (const text of texts) {
    if (ASCII.test(text)) {
      for (const word of text.toLowerCase().match(ASCII_WORD) ?? []) into.add(word);
    } else {
      for (const sql of TOKENIZER_TABLES) statement(sql).run();
      statement('INSERT INTO temp.entries_tokenizer (text) VALUES (?)').run(text);
      const rows = statement('SELECT term FROM temp.entries_tokenizer_terms').all();
      for (const row of rows) into.add(row.term as string);
      statement('DELETE FROM temp.entries_tokenizer').run();
    }
  }
}

/** Writes words to `entries_terms`, inside the transaction that wrote the entries they come from. */
export function storeTerms(statement: (sql: string) => StatementSync, terms: Set<string>): void {
  if (terms.size === 0) return;
  statement('INSERT OR IGNORE INTO entries_terms SELECT value FROM json_each(?)').run(
    JSON.stringify([...terms]),
  );
}

/**
 * The indexed words starting with `word`, or null to keep it a prefix query: the word is not
 * plain ASCII, too many words start with it, or one of them is not ASCII (quoted again, it
 * would be tokenized again; only for ASCII is that certain to give the same word).
 */
export function expandPrefix(
  statement: (sql: string) => StatementSync,
  word: string,
): string[] | null {
  if (!/^[A-Za-z0-9]+$/.test(word)) return null;
  const prefix = word.toLowerCase();
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows = statement(
    `SELECT term FROM entries_terms WHERE term >= ? AND term < ? LIMIT ${MAX_EXPANSION + 1}`,
  ).all(prefix, end);
  if (rows.length === 0 || rows.length > MAX_EXPANSION) return null;
  const terms = rows.map((row) => row.term as string);
  return terms.every((term) => ASCII.test(term)) ? terms : null;
}
