/**
 * Fuzzy matching for the profile switcher: the query's letters in order, anywhere in the name,
 * scored so that word starts (`ops-admin` ← "oa") and consecutive runs rank first. Pure and
 * allocation-light: it runs on every keystroke over tens of thousands of profiles, so the
 * ranking pass only scores, and the matched positions are found for the results shown.
 */
export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters, for highlighting. */
  positions: number[];
}

const WORD_BREAK = /[-_./:@\s]/;
// The ASCII word breaks by char code: '\t'–'\r', ' ', '-', '.', '/', ':', '@', '_'.
const ASCII_BREAK = new Uint8Array(128);
for (const char of '\t\n\v\f\r -./:@_') ASCII_BREAK[char.charCodeAt(0)] = 1;

function isWordBreak(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 ? ASCII_BREAK[code] === 1 : WORD_BREAK.test(text[at] ?? '');
}

/** A lower-case query word and its characters, split once per search. */
interface Word {
  text: string;
  chars: string[];
}

/** The score of a lower-case word in a lower-case text, or null; the positions go to `into`. */
function score(word: Word, t: string, into: number[] | null): number | null {
  let total = 0;
  let from = 0;
  let previous = -2;
  for (const char of word.chars) {
    const at = t.indexOf(char, from);
    if (at === -1) return null;
    const wordStart = at === 0 || isWordBreak(t, at - 1);
    total += 1 + (at === previous + 1 ? 5 : 0) + (wordStart ? 8 : 0) - Math.min(at - from, 5) * 0.5;
    into?.push(at);
    previous = at;
    from = at + char.length;
  }
  // Prefer shorter names and exact prefixes among equal matches.
  if (t.startsWith(word.text)) total += 10;
  return total - t.length * 0.01;
}

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  if (query === '') return { score: 0, positions: [] };
  const positions: number[] = [];
  const total = score(toWord(query.toLowerCase()), text.toLowerCase(), positions);
  return total === null ? null : { score: total, positions };
}

export interface Ranked<T> {
  item: T;
  score: number;
  positions: number[];
}

/**
 * The items every word of the query matches, best first (in their order for an empty query): the
 * first fuzzily against the name and any word also literally against the item's other facts
 * (kind, region, environment, account). `nameOf` and `factsOf` may return lower-case text
 * computed once per item; it is lower-cased here either way.
 */
export function filterByQuery<T>(
  items: readonly T[],
  query: string,
  nameOf: (item: T) => string,
  factsOf: (item: T) => string,
): { item: T; score: number }[] {
  const words = queryWords(query);
  if (words.length === 0) return items.map((item) => ({ item, score: 0 }));
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const name = nameOf(item).toLowerCase();
    let total = 0;
    let matched = true;
    for (const word of words) {
      const fuzzy = score(word, name, null);
      if (fuzzy !== null) total += fuzzy;
      else if (factsOf(item).toLowerCase().includes(word.text)) total += 1;
      else {
        matched = false;
        break;
      }
    }
    if (matched) scored.push({ item, score: total });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored;
}

/** `filterByQuery` with the first `limit` results' matched positions in the name. */
export function rankByQuery<T>(
  items: readonly T[],
  query: string,
  nameOf: (item: T) => string,
  factsOf: (item: T) => string,
  limit = Infinity,
): Ranked<T>[] {
  const words = queryWords(query);
  return filterByQuery(items, query, nameOf, factsOf)
    .slice(0, limit)
    .map(({ item, score: total }) => {
      const name = nameOf(item).toLowerCase();
      let positions: number[] = [];
      for (const word of words) {
        const found: number[] = [];
        if (score(word, name, found) !== null) positions = positions.concat(found);
      }
      return { item, score: total, positions };
    });
}

function toWord(text: string): Word {
  return { text, chars: Array.from(text) };
}

function queryWords(query: string): Word[] {
  return query.toLowerCase().trim().split(/\s+/).filter(Boolean).map(toWord);
}
