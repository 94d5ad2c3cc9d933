/**
 * Turns what a user typed into a safe FTS5 query. FTS5 has its own syntax (quotes, AND, OR,
 * NOT, NEAR, `*`, `:`, parentheses); user text is never passed through. Each word becomes a
 * quoted prefix term, all of them required, so `get ord` finds `getOrderById` runs (the index
 * holds camelCase parts as words too) and typing `"` or `AND` is just text. Given the index's
 * words starting with it, a word becomes those exact words instead (the same matches, faster).
 */

/** The same word boundaries as FTS5's unicode61 tokenizer: letters, digits and marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** null when the text holds no searchable word (the search then matches everything). */
export function toFtsQuery(
  text: string,
  expand: (word: string) => string[] | null = () => null,
): string | null {
  const words = text.match(WORD);
  if (!words) return null;
  return words
    .slice(0, 16)
    .map((word) => {
      const terms = expand(word);
      return terms ? `(${terms.map((term) => `"${term}"`).join(' OR ')})` : `"${word}"*`;
    })
    .join(' AND ');
}

/** The text indexed for a field: itself plus its camelCase and snake_case parts as words. */
export function indexableText(text: string | null): string {
  if (!text) return '';
  const parts = text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
  return parts === text ? text : `${text}\n${parts}`;
}
