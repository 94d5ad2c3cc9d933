/**
 * Fuzzy matching for the profile switcher: the query's letters in order, anywhere in the name,
 * scored so that word starts (`ops-admin` ← "oa") and consecutive runs rank first. Pure and
 * allocation-light: it runs on every keystroke over thousands of profiles.
 */
export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters, for highlighting. */
  positions: number[];
}

const WORD_BREAK = /[-_./:@\s]/;

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  if (query === '') return { score: 0, positions: [] };
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    const at = t.indexOf(char, from);
    if (at === -1) return null;
    const wordStart = at === 0 || WORD_BREAK.test(t[at - 1] ?? '');
    score += 1 + (at === previous + 1 ? 5 : 0) + (wordStart ? 8 : 0) - Math.min(at - from, 5) * 0.5;
    positions.push(at);
    previous = at;
    from = at + 1;
  }
  // Prefer shorter names and exact prefixes among equal matches.
  if (t.startsWith(q)) score += 10;
  return { score: score - text.length * 0.01, positions };
}

export interface Ranked<T> {
  item: T;
  score: number;
  positions: number[];
}

/**
 * Ranks items by the query: every word must match, the first fuzzily against the name and any
 * word also literally against the item's other facts (kind, region, environment, account).
 */
export function rankByQuery<T>(
  items: readonly T[],
  query: string,
  nameOf: (item: T) => string,
  factsOf: (item: T) => string,
  limit = Infinity,
): Ranked<T>[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const ranked: Ranked<T>[] = [];
  for (const item of items) {
    const name = nameOf(item);
    let score = 0;
    let positions: number[] = [];
    let matched = true;
    for (const word of words) {
      const fuzzy = fuzzyMatch(word, name);
      if (fuzzy) {
        score += fuzzy.score;
        positions = positions.concat(fuzzy.positions);
      } else if (factsOf(item).toLowerCase().includes(word.toLowerCase())) {
        score += 1;
      } else {
        matched = false;
        break;
      }
    }
    if (matched) ranked.push({ item, score, positions });
  }
  if (words.length > 0) ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, limit);
}
