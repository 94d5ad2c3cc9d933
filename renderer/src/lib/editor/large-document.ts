/**
 * Editors turn their as-you-type work down above a size: checking a 150 KB document against the
 * schema (graphql-js's validate) or completing in it (graphql-language-service reads it all)
 * takes the main thread for half a second on every pause in typing, and parsing a 5 MB variables
 * JSON for highlighting and its keys takes seconds. Editing stays as it is; the editor says, in
 * a line under it, what it turned off.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { parse, type DocumentNode } from 'graphql';

/** Above this many characters a query editor stops validating against the schema as you type. */
export const LARGE_QUERY_CHARS = 64 * 1024;
/** Above this many characters the variables editor is plain text: no JSON parse, no checks. */
export const LARGE_VARIABLES_CHARS = 256 * 1024;

/** The note an editor shows while a check is off, or null when the text is small enough. */
export function sizeNote(chars: number, limit: number, what: string, still: string): string | null {
  if (chars <= limit) return null;
  // Not toLocaleString: its first call loads locale data, tens of milliseconds.
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  return `${what}: off above ${kb(limit)} (this is ${kb(chars)}). ${still}`;
}

/**
 * Extensions that depend on the document's size: `small` up to `limit` characters, `large`
 * above it, switched in the same transaction as the edit that crosses the limit.
 */
export function bySize(
  initialChars: number,
  limit: number,
  small: () => Extension,
  large: () => Extension,
): Extension {
  const compartment = new Compartment();
  const pick = (chars: number) => (chars > limit ? large() : small());
  return [
    compartment.of(pick(initialChars)),
    EditorState.transactionExtender.of((tr) => {
      if (!tr.docChanged) return null;
      const crossed = tr.startState.doc.length > limit !== tr.newDoc.length > limit;
      return crossed ? { effects: compartment.reconfigure(pick(tr.newDoc.length)) } : null;
    }),
  ];
}

// What the outline steps over: brackets, and strings and comments, whose brackets do not count.
const TOKEN = /[{}()[\]]|"""(?:\\"""|[\s\S])*?(?:"""|$)|"(?:\\.|[^"\\\n\r])*"?|#[^\n\r]*/g;
// Blanks, commas, comments and descriptions before a definition's first word.
const LEADING = /(?:[\s,\uFEFF]+|#[^\n\r]*|"""(?:\\"""|[\s\S])*?"""|"(?:\\.|[^"\\\n\r])*")*/y;
const EXECUTABLE = /^(?:(?:query|mutation|subscription|fragment)\b|\{)/;

function isExecutable(text: string, from: number): boolean {
  LEADING.lastIndex = from;
  LEADING.exec(text);
  return EXECUTABLE.test(text.slice(LEADING.lastIndex, LEADING.lastIndex + 13));
}

export interface Outline {
  text: string;
  /** Where in `text` characters were taken out of the document, and how many, in order. */
  cuts: { at: number; count: number }[];
}

/**
 * The document with the inside of each top-level selection set (of an operation or a fragment)
 * cut down to one field: every definition keeps its name, variables and directives, and
 * graphql-js reads it in a fraction of the time (`cuts` maps its offsets back). What the
 * selection sets hold is not read, so a syntax error inside one goes unnoticed here.
 */
export function outlineOf(text: string): Outline {
  const parts: string[] = [];
  const cuts: Outline['cuts'] = [];
  let length = 0;
  let copied = 0;
  let depth = 0;
  let definitionFrom = 0;
  let bodyFrom = -1;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const token = match[0];
    if (token === '{' || token === '(' || token === '[') {
      if (depth === 0 && token === '{') {
        bodyFrom = isExecutable(text, definitionFrom) ? match.index + 1 : -1;
      }
      depth++;
    } else if ((token === '}' || token === ')' || token === ']') && depth > 0) {
      depth--;
      if (depth > 0 || token !== '}') continue;
      if (bodyFrom >= 0 && text.slice(bodyFrom, match.index).trim() !== '') {
        parts.push(text.slice(copied, bodyFrom), 'a');
        length += bodyFrom - copied + 1;
        cuts.push({ at: length, count: match.index - bodyFrom - 1 });
        copied = match.index;
      }
      bodyFrom = -1;
      definitionFrom = match.index + 1;
    }
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), cuts };
}

/** Parses an outline, with each definition's offsets those of the document. */
function parseOutline({ text, cuts }: Outline): DocumentNode {
  const ast = parse(text);
  const original = (at: number) =>
    cuts.reduce((sum, cut) => (cut.at <= at ? sum + cut.count : sum), at);
  for (const definition of ast.definitions) {
    const loc = definition.loc as { start: number; end: number } | undefined;
    if (loc) Object.assign(loc, { start: original(loc.start), end: original(loc.end) });
  }
  return ast;
}

let lastText: string | null = null;
let lastResult: DocumentNode | Error | null = null;

/**
 * graphql-js's parse of a document, remembered for the last text: the query editor (its
 * operations) and the variables editor (the declared variables) ask about the same text after
 * each keystroke. Above `LARGE_QUERY_CHARS` it parses the document's outline (`outlineOf`):
 * parsing all of a 150 KB document takes the main thread for a tenth of a second or more, and
 * what is asked of it (its operations, their variables) is all in the outline. Throws the parse
 * error, like `parse`.
 */
export function parseDocument(text: string): DocumentNode {
  if (text !== lastText) {
    lastText = text;
    try {
      lastResult = text.length > LARGE_QUERY_CHARS ? parseOutline(outlineOf(text)) : parse(text);
    } catch (error) {
      lastResult = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (lastResult instanceof Error) throw lastResult;
  return lastResult as DocumentNode;
}
