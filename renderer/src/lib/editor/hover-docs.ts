/** What hover docs say about the token under the mouse: signature and description. */
import type { GraphQLSchema } from 'graphql';
import { getHoverInformation, Position } from 'graphql-language-service';

export interface HoverDoc {
  signature: string;
  description: string;
}

/** What to show for the token at `offset`, or null when it names nothing in the schema. */
export function hoverDocAt(
  schema: GraphQLSchema,
  document: string,
  offset: number,
): HoverDoc | null {
  const before = document.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  const info = getHoverInformation(schema, document, new Position(line, character));
  const text = typeof info === 'string' ? info : '';
  if (!text.trim()) return null;
  const [signature = '', ...rest] = text.split('\n\n');
  return { signature: signature.trim(), description: rest.join('\n\n').trim() };
}
