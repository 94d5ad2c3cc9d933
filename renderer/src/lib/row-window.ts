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

/**
 * The row a key moves the focus to in a list of `count` rows with `pageRows` in view, or null
 * for a key that does not move it: the arrows, Home, End, Page Up and Page Down, as in a list
 * box. A windowed list is one tab stop (only the focused row is tabbable), so the rows outside
 * the window are reached with these keys. Rows `skip` names (a heading) are stepped over, in
 * the key's direction first.
 */
export function rowAfterKey(
  key: string,
  index: number,
  count: number,
  pageRows: number,
  skip: (row: number) => boolean = () => false,
): number | null {
  if (count === 0) return null;
  const page = Math.max(1, pageRows - 1);
  const moves: Record<string, [to: number, step: number]> = {
    ArrowDown: [index + 1, 1],
    ArrowUp: [index - 1, -1],
    Home: [0, 1],
    End: [count - 1, -1],
    PageDown: [index + page, 1],
    PageUp: [index - page, -1],
  };
  if (!Object.hasOwn(moves, key)) return null;
  const [to, step] = moves[key]!;
  const start = Math.min(count - 1, Math.max(0, to));
  for (const direction of [step, -step]) {
    for (let row = start; row >= 0 && row < count; row += direction) if (!skip(row)) return row;
  }
  return null;
}

/**
 * The one row of a windowed list that is tabbable: the focused row while it is in the DOM window
 * (`first`…`last`) and not a row `skip` names, else the first such row from the top of the view
 * (`topRow`) down; -1 when there is none.
 */
export function rowTabStop(
  focused: number,
  { first, last }: RowWindow,
  topRow: number,
  count: number,
  skip: (row: number) => boolean = () => false,
): number {
  if (focused >= first && focused < last && !skip(focused)) return focused;
  for (let row = Math.max(0, Math.min(topRow, count - 1)); row < count; row++) {
    if (!skip(row)) return row;
  }
  return -1;
}
