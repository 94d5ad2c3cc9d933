/** Prettify as graphql-js prints it; text that does not parse is returned unchanged. */
import { parse, print } from 'graphql';

export function prettify(document: string): string {
  if (document.trim() === '') return document;
  try {
    return print(parse(document));
  } catch {
    return document;
  }
}
