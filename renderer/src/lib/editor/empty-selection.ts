/**
 * An empty selection set (`query { }`, `whoami { }`) is a syntax error to AppSync: flagged on
 * its braces as you type, with or without a schema, in the words the server answers with.
 */
import { linter, type Diagnostic } from '@codemirror/lint';
import { Lexer, Source, TokenKind } from 'graphql';

const EMPTY_SELECTION_MESSAGE =
  'Syntax Error: Expected Name, found "}". A selection set needs at least one field.';

/** The `{ }` pairs that are selection sets (an empty input object `{}` in arguments is fine). */
export function emptySelectionSets(text: string): { from: number; to: number }[] {
  const found: { from: number; to: number }[] = [];
  const lexer = new Lexer(new Source(text));
  // Braces inside (…) or […] are object values, never selection sets.
  let nesting = 0;
  try {
    let previous = lexer.token;
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind === TokenKind.PAREN_L || token.kind === TokenKind.BRACKET_L) nesting++;
      if (token.kind === TokenKind.PAREN_R || token.kind === TokenKind.BRACKET_R) nesting--;
      if (nesting <= 0 && token.kind === TokenKind.BRACE_R && previous.kind === TokenKind.BRACE_L) {
        found.push({ from: previous.start, to: token.end });
      }
      previous = token;
    }
  } catch {
    // A character the lexer cannot read: the schema-aware check reports it.
  }
  return found;
}

export const emptySelectionLint = linter(
  (view): Diagnostic[] =>
    emptySelectionSets(view.state.doc.toString()).map(({ from, to }) => ({
      from,
      to,
      severity: 'error',
      message: EMPTY_SELECTION_MESSAGE,
    })),
  { delay: 250 },
);
