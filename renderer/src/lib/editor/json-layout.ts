/**
 * Lays out a response for the JSON viewer: pretty text (2-space indent, as JSON.stringify prints
 * it) and where its GraphQL errors sit. Pure and synchronous: the viewer runs it in a worker for
 * big responses so the window never freezes, and inline for small ones.
 */

export type JsonPath = readonly (string | number)[];

/** Character ranges [from, to) in the pretty text, each covering whole lines. */
export interface ErrorMarks {
  /** Each entry of the top-level `errors` array. */
  errorEntries: [number, number][];
  /** `"errorType": …` lines inside the errors (AppSync's error class: Unauthorized, …). */
  errorTypes: [number, number][];
  /** The values the errors' `path`s (and any extra paths) point at, under `data`. */
  errorPaths: [number, number][];
}

export interface JsonLayout {
  pretty: string;
  /** false when the input was not JSON: pretty then holds the text unchanged. */
  parsed: boolean;
  parseError?: string;
  marks: ErrorMarks;
}

/** A response with thousands of errors marks the first ones; the rest are still in the text. */
const MAX_MARKS = 5000;

function emptyMarks(): ErrorMarks {
  return { errorEntries: [], errorTypes: [], errorPaths: [] };
}

export function layoutJson(
  input: { text: string } | { value: unknown },
  extraPaths: readonly JsonPath[] = [],
): JsonLayout {
  let value: unknown;
  if ('text' in input) {
    try {
      value = JSON.parse(input.text);
    } catch (error) {
      const parseError = error instanceof Error ? error.message : String(error);
      return { pretty: input.text, parsed: false, parseError, marks: emptyMarks() };
    }
  } else {
    value = input.value;
  }
  const pretty = JSON.stringify(value, null, 2) ?? String(value);
  return { pretty, parsed: true, marks: findErrorMarks(pretty, value, extraPaths) };
}

/** The end of the line that `from` is on (index of its '\n', or the text's end). */
function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

/** Where the container opened on the line starting at `lineStart` closes (end of that line). */
function closingOf(text: string, lineStart: number, indent: string): number {
  const end = lineEnd(text, lineStart);
  const last = text[end - 1];
  if (last !== '{' && last !== '[') return end; // a scalar or an empty {} / []
  const close = text.indexOf(`\n${indent}${last === '{' ? '}' : ']'}`, end);
  return close === -1 ? text.length : lineEnd(text, close + 1);
}

/**
 * The line holding `key` (or array element `index`) directly inside the container spanning
 * [from, to) whose members are indented by `indent`. Returns the line's start, or -1.
 */
function memberLine(
  text: string,
  from: number,
  to: number,
  indent: string,
  step: string | number,
): number {
  if (typeof step === 'string') {
    const at = text.indexOf(`\n${indent}${JSON.stringify(step)}: `, from);
    return at !== -1 && at < to ? at + 1 : -1;
  }
  let count = 0;
  let at = lineEnd(text, from);
  while (at < to) {
    const start = at + 1;
    const isMember =
      text.startsWith(indent, start) &&
      text[start + indent.length] !== ' ' &&
      !/[}\]]/.test(text[start + indent.length] ?? '');
    if (isMember) {
      if (count === step) return start;
      count++;
      at = closingOf(text, start, indent);
    } else {
      at = lineEnd(text, start);
    }
  }
  return -1;
}

/** Range of the value at `path` in pretty text made by JSON.stringify(v, null, 2), or null. */
export function rangeOfPath(text: string, path: JsonPath): [number, number] | null {
  let from = 0;
  let to = text.length;
  for (let depth = 1; depth <= path.length; depth++) {
    const indent = '  '.repeat(depth);
    const line = memberLine(text, from, to, indent, path[depth - 1] as string | number);
    if (line === -1) return null;
    from = line;
    to = closingOf(text, line, indent);
  }
  return [from, to];
}

function errorPathsOf(value: unknown): JsonPath[] {
  if (typeof value !== 'object' || value === null) return [];
  const errors = (value as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e) => (e as { path?: unknown } | null)?.path)
    .filter(
      (p): p is (string | number)[] =>
        Array.isArray(p) && p.every((s) => typeof s === 'string' || typeof s === 'number'),
    )
    .map((p) => ['data', ...p]);
}

export function findErrorMarks(
  pretty: string,
  value: unknown,
  extraPaths: readonly JsonPath[] = [],
): ErrorMarks {
  const marks = emptyMarks();
  const errors = rangeOfPath(pretty, ['errors']);
  if (errors) {
    const [from, to] = errors;
    const entries = Array.isArray((value as { errors?: unknown })?.errors)
      ? (value as { errors: unknown[] }).errors.length
      : 0;
    let at = lineEnd(pretty, from);
    for (let i = 0; i < Math.min(entries, MAX_MARKS) && at < to; i++) {
      const start = memberLine(pretty, at, to, '    ', 0);
      if (start === -1) break;
      const end = closingOf(pretty, start, '    ');
      marks.errorEntries.push([start, end]);
      at = end;
    }
    let search = from;
    while (marks.errorTypes.length < MAX_MARKS) {
      const hit = pretty.indexOf('"errorType": ', search);
      if (hit === -1 || hit >= to) break;
      const start = pretty.lastIndexOf('\n', hit) + 1;
      marks.errorTypes.push([start, lineEnd(pretty, hit)]);
      search = hit + 1;
    }
  }
  for (const path of [...errorPathsOf(value), ...extraPaths].slice(0, MAX_MARKS)) {
    const range = rangeOfPath(pretty, path);
    if (range) marks.errorPaths.push(range);
  }
  return marks;
}
