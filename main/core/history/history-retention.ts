/** Keeping history within the user's limits: at most so many entries, none older than so many days. */
import type { StatementSync } from 'node:sqlite';
import type { HistoryRetention } from '../../../shared/history.ts';
import type { Clock } from '../ports.ts';

/** Limits are enforced on open, when they change, and after this many recorded runs. */
export const RETENTION_EVERY = 500;

export const KEEP_EVERYTHING: Readonly<HistoryRetention> = Object.freeze({
  maxEntries: null,
  maxAgeDays: null,
});

const DAY_MS = 86_400_000;

/** Deletes entries beyond the limits; returns how many went. */
export function deleteBeyondRetention(
  statement: (sql: string) => StatementSync,
  retention: HistoryRetention,
  clock: Clock,
): number {
  const { maxEntries, maxAgeDays } = retention;
  let count = 0;
  if (maxAgeDays !== null) {
    const cutoff = clock.now() - maxAgeDays * DAY_MS;
    count += Number(statement('DELETE FROM entries WHERE time < ?').run(cutoff).changes);
  }
  if (maxEntries !== null) {
    count += Number(
      statement(
        'DELETE FROM entries WHERE id < (SELECT id FROM entries ORDER BY id DESC LIMIT 1 OFFSET ?)',
      ).run(Math.max(maxEntries - 1, 0)).changes,
    );
    if (maxEntries === 0) count += Number(statement('DELETE FROM entries').run().changes);
  }
  return count;
}
