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

let lastText: string | null = null;
let lastResult: DocumentNode | Error | null = null;

/**
 * graphql-js's parse of a document, remembered for the last text: the query editor (its
 * operations) and the variables editor (the declared variables) ask about the same text after
 * each keystroke, and a 150 KB document costs tens of milliseconds to parse. Throws the parse
 * error, like `parse`.
 */
export function parseDocument(text: string): DocumentNode {
  if (text !== lastText) {
    lastText = text;
    try {
      lastResult = parse(text, { noLocation: false });
    } catch (error) {
      lastResult = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (lastResult instanceof Error) throw lastResult;
  return lastResult as DocumentNode;
}
