/**
 * The first operation keyword of a document: the collection tree's icon and history's column.
 * On its own (no zod) so that recording a CLI run in history loads no more than the run did.
 */
export function operationTypeOf(query: string): 'query' | 'mutation' | 'subscription' | null {
  const match = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription|\{)/.exec(query);
  if (!match) return null;
  return match[1] === '{' ? 'query' : (match[1] as 'query' | 'mutation' | 'subscription');
}
