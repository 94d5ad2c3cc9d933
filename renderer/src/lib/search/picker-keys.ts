/**
 * The keys of a pick-one list with a search field (profile switcher, command palette):
 * ↑/↓ move the cursor, Enter chooses, Escape closes. Returns the new cursor, or null when the
 * key is not one of them (and then leaves the event alone).
 */
export function pickerKey(
  event: KeyboardEvent,
  cursor: number,
  count: number,
  actions: { choose(index: number): void; close(): void },
): number | null {
  let next = cursor;
  if (event.key === 'ArrowDown') next = Math.min(cursor + 1, count - 1);
  else if (event.key === 'ArrowUp') next = Math.max(cursor - 1, 0);
  else if (event.key === 'Enter') actions.choose(cursor);
  else if (event.key === 'Escape') actions.close();
  else return null;
  event.preventDefault();
  return next;
}
