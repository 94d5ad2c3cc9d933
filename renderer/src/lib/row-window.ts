/**
 * The rows of a long list of same-height rows that are in the DOM: those in view plus a margin
 * on each side (the history list, the profile sidebar). Pure: the list keeps its scroll offset
 * and height as state and asks again when either changes.
 */
export interface RowWindow {
  /** The first row in the DOM. */
  first: number;
  /** One past the last row in the DOM. */
  last: number;
}

export function rowWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  overscan: number,
): RowWindow {
  // A scroll offset from before the list shrank (the browser clamps it a scroll event later)
  // still leaves the last rows in the DOM, not an empty window past the end.
  const top = Math.min(Math.floor(scrollTop / rowHeight), Math.max(0, count - 1));
  return {
    first: Math.max(0, top - overscan),
    last: Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan),
  };
}

/** The scroll offset that brings row `index` into view (centred), or null when it is in view. */
export function scrollToRow(
  index: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
): number | null {
  const top = index * rowHeight;
  if (top >= scrollTop && top + rowHeight <= scrollTop + height) return null;
  return Math.max(0, top - (height - rowHeight) / 2);
}
