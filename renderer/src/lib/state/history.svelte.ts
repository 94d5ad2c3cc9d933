/**
 * The request history as the history view shows it: filters, full-text search, and the rows
 * loaded so far (day headers and entries, flattened so the list can render only what is
 * visible). Pages load as the user scrolls, so 100,000 entries cost one page at a time.
 */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { AuthModeType } from '../../../../shared/endpoints.ts';
import type {
  HistoryAvailability,
  HistoryEntryDTO,
  HistoryEntrySummaryDTO,
  HistoryListQuery,
  HistoryPageDTO,
  HistoryRetention,
  HistoryStatus,
} from '../../../../shared/history.ts';

const KEY = Symbol('history');
const PAGE_SIZE = 200;
const SEARCH_DELAY_MS = 200;

export type HistoryRow =
  | { kind: 'day'; key: string; day: string }
  | { kind: 'entry'; key: string; entry: HistoryEntrySummaryDTO };

export const TIME_RANGES = {
  any: { label: 'Any time', ms: null },
  hour: { label: 'Last hour', ms: 3_600_000 },
  day: { label: 'Last 24 hours', ms: 86_400_000 },
  week: { label: 'Last 7 days', ms: 7 * 86_400_000 },
  month: { label: 'Last 30 days', ms: 30 * 86_400_000 },
} as const;
export type TimeRange = keyof typeof TIME_RANGES;

export interface HistoryFilters {
  text: string;
  endpointId: string;
  profile: string;
  status: HistoryStatus | '';
  authMode: AuthModeType | '';
  range: TimeRange;
}

export class HistoryState {
  filters = $state<HistoryFilters>({
    text: '',
    endpointId: '',
    profile: '',
    status: '',
    authMode: '',
    range: 'any',
  });
  rows = $state.raw<HistoryRow[]>([]);
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  availability = $state<HistoryAvailability | null>(null);
  retention = $state<HistoryRetention>({ maxEntries: null, maxAgeDays: null });
  /** Profiles seen in loaded entries, for the profile filter. */
  profiles = $derived.by(() => {
    const seen: Record<string, true> = {};
    for (const row of this.rows)
      if (row.kind === 'entry' && row.entry.profile) seen[row.entry.profile] = true;
    return Object.keys(seen).sort();
  });

  readonly #api: Api;
  #cursor = $state<string | null>(null);
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: Api) {
    this.#api = api;
  }

  get hasMore(): boolean {
    return this.#cursor !== null;
  }

  #query(): HistoryListQuery {
    const f = this.filters;
    const range = TIME_RANGES[f.range].ms;
    return {
      ...(f.text.trim() ? { text: f.text.trim() } : {}),
      ...(f.endpointId ? { endpointId: f.endpointId } : {}),
      ...(f.profile ? { profile: f.profile } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.authMode ? { authMode: f.authMode } : {}),
      ...(range !== null ? { from: Date.now() - range } : {}),
    };
  }

  /** Reloads from the first page (after a filter change, a delete, or opening the view). */
  /** The retention limits saved in settings (they apply at every start). */
  async loadRetention(): Promise<void> {
    try {
      this.retention = await this.#api.history.retention();
    } catch {
      // Shown as "no limits" until the next successful load.
    }
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const page = await this.#api.history.list({ ...this.#query(), limit: PAGE_SIZE });
      if (generation !== this.#generation) return;
      this.rows = [];
      this.#append(page);
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = (error as Error).message;
    } finally {
      if (generation === this.#generation) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  /** Typing in the search box: one reload after the user pauses. */
  search(text: string): void {
    this.filters.text = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.reload(), SEARCH_DELAY_MS);
  }

  async loadMore(): Promise<void> {
    if (this.loading || this.#cursor === null) return;
    const generation = this.#generation;
    this.loading = true;
    try {
      const page = await this.#api.history.list({
        ...this.#query(),
        cursor: this.#cursor,
        limit: PAGE_SIZE,
      });
      if (generation === this.#generation) this.#append(page);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  #append(page: HistoryPageDTO): void {
    const rows = [...this.rows];
    let lastDay: string | null = null;
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (row.kind === 'day') {
        lastDay = row.day;
        break;
      }
    }
    for (const group of page.groups) {
      // A day can continue on the next page: one header per day.
      if (group.day !== lastDay) rows.push({ kind: 'day', key: `d${group.day}`, day: group.day });
      lastDay = group.day;
      for (const entry of group.entries) rows.push({ kind: 'entry', key: `e${entry.id}`, entry });
    }
    this.rows = rows;
    this.#cursor = page.nextCursor;
    this.availability = page.availability;
  }

  entry(id: number): Promise<HistoryEntryDTO> {
    return this.#api.history.get({ id });
  }

  async remove(id: number): Promise<void> {
    try {
      await this.#api.history.delete({ id });
      // Drop the row and, if it was the day's last, the day's header.
      const rows = this.rows.filter((r) => !(r.kind === 'entry' && r.entry.id === id));
      this.rows = rows.filter(
        (r, i) =>
          r.kind === 'entry' || (rows[i + 1] !== undefined && rows[i + 1]!.kind === 'entry'),
      );
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async clear(): Promise<void> {
    try {
      await this.#api.history.clear();
      await this.reload();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Applies retention now; returns how many entries it removed. */
  async setRetention(retention: HistoryRetention): Promise<number | null> {
    try {
      const applied = await this.#api.history.setRetention(retention);
      this.retention = { maxEntries: applied.maxEntries, maxAgeDays: applied.maxAgeDays };
      if (applied.removed > 0) await this.reload();
      this.error = null;
      return applied.removed;
    } catch (error) {
      this.error = (error as Error).message;
      return null;
    }
  }
}

export function provideHistory(state: HistoryState): HistoryState {
  return setContext(KEY, state);
}

export function useHistory(): HistoryState {
  const state = getContext<HistoryState | undefined>(KEY);
  if (!state) throw new Error('useHistory() needs provideHistory() in a parent component');
  return state;
}
