/**
 * A reader for Bruno's `.bru` markup, written for import: a file is a list of blocks, each a
 * name followed by `{ … }` (key: value pairs, or text such as a GraphQL document or a script)
 * or `[ … ]` (a list, for an environment's secret names). Blocks we do not know are kept as
 * data and ignored by the caller. Nothing here runs anything; a line that fits no rule is an
 * error naming its line number (the text is never quoted: it may hold a secret).
 */
import { AppError } from '../../../shared/errors.ts';

export interface BruPair {
  name: string;
  value: string;
  /** false for a `~name` pair (switched off in Bruno). */
  enabled: boolean;
  line: number;
}

export type BruBlock =
  | { kind: 'pairs'; name: string; line: number; pairs: BruPair[] }
  | { kind: 'text'; name: string; line: number; text: string }
  | { kind: 'list'; name: string; line: number; items: string[] };

/** Blocks whose body is text (a document, JSON, a script), not key: value pairs. */
const TEXT_BLOCK =
  /^(body(:(json|text|xml|sparql|graphql|graphql:vars))?|script:(pre-request|post-response)|tests|docs|example)$/;
const BLOCK_START = /^([A-Za-z][\w:.-]*)\s*([{[])\s*$/;
const PAIR = /^(~?"(?:[^"\\]|\\.)*"|~?[^:]*?)\s*:\s?(.*)$/;

export function bruError(file: string, line: number, problem: string): AppError {
  return new AppError('COLLECTION_INVALID', `${file}, line ${line}: ${problem}.`, { file, line });
}

/** Text block lines are indented two spaces under their block; that indent is not content. */
function outdent(lines: string[], by = 2): string {
  const prefix = ' '.repeat(by);
  return lines.map((l) => (l.startsWith(prefix) ? l.slice(by) : l.trimStart())).join('\n');
}

function unquote(key: string): string {
  if (!key.startsWith('"')) return key;
  return key.slice(1, -1).replace(/\\(.)/g, '$1');
}

function parsePairs(file: string, lines: string[], first: number): BruPair[] {
  const pairs: BruPair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = first + i;
    const text = raw.trim();
    // Annotations (`@description(…)`, `@number`) describe the next pair; the import needs none.
    if (text === '' || text.startsWith('@')) continue;
    const match = PAIR.exec(text);
    if (!match) throw bruError(file, line, 'expected "name: value"');
    let key = match[1]!.trim();
    let value = match[2]!.trimEnd();
    const enabled = !key.startsWith('~');
    if (!enabled) key = key.slice(1);
    if (value.trim() === "'''") {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== "'''"; i++) body.push(lines[i]!);
      if (i >= lines.length) throw bruError(file, line, "a ''' block is not closed");
      value = outdent(body, raw.length - raw.trimStart().length + 2);
    }
    pairs.push({ name: unquote(key), value, enabled, line });
  }
  return pairs;
}

function parseList(lines: string[]): string[] {
  return lines
    .join('\n')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('@'));
}

/** Parses a `.bru` file's text; `file` names it in errors. */
export function parseBru(file: string, source: string): BruBlock[] {
  if (source.includes('\0')) throw bruError(file, 1, 'this is not a text file');
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const blocks: BruBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = lines[i]!;
    if (head.trim() === '') {
      i++;
      continue;
    }
    const start = BLOCK_START.exec(head);
    if (!start) throw bruError(file, i + 1, 'expected a block such as "meta {"');
    const [, name, open] = start as unknown as [string, string, string];
    const close = open === '{' ? '}' : ']';
    const first = i + 2;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trimEnd() !== close) end++;
    if (end >= lines.length) throw bruError(file, i + 1, `the block "${name}" is not closed`);
    const body = lines.slice(i + 1, end);
    if (open === '[') blocks.push({ kind: 'list', name, line: i + 1, items: parseList(body) });
    else if (TEXT_BLOCK.test(name))
      blocks.push({ kind: 'text', name, line: i + 1, text: outdent(body).replace(/\s+$/, '') });
    else blocks.push({ kind: 'pairs', name, line: i + 1, pairs: parsePairs(file, body, first) });
    i = end + 1;
  }
  return blocks;
}

/** The pairs of the first block called `name` (switched-off pairs included). */
export function bruPairs(blocks: BruBlock[], name: string): BruPair[] {
  const block = blocks.find((b) => b.name === name);
  return block?.kind === 'pairs' ? block.pairs : [];
}

/** The pairs of block `name` as a record, switched-off pairs left out. */
export function bruRecord(blocks: BruBlock[], name: string): Record<string, string> {
  return Object.fromEntries(
    bruPairs(blocks, name)
      .filter((p) => p.enabled)
      .map((p) => [p.name, p.value.trim()]),
  );
}

export function bruText(blocks: BruBlock[], name: string): string {
  const block = blocks.find((b) => b.name === name);
  return block?.kind === 'text' ? block.text : '';
}

export function bruList(blocks: BruBlock[], name: string): string[] {
  const block = blocks.find((b) => b.name === name);
  return block?.kind === 'list' ? block.items : [];
}
