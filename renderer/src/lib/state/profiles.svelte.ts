/** The renderer's profiles state: one rune class, provided by context, read by components. */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type {
  EnvironmentPatterns,
  ProfileDTO,
  ProfileListDTO,
  ProfileListHead,
} from '../../../../shared/profiles.ts';
import { filterProfiles } from '../search/profile-search.ts';

const KEY = Symbol('profiles');

export class ProfilesState {
  /** The listing; while its later pages arrive, `profiles` holds the first page only. */
  list = $state.raw<ProfileListDTO | null>(null);
  /** How many profiles the listing holds: more than `list.profiles` while the rest arrive. */
  total = $state(0);
  query = $state('');
  error = $state<string | null>(null);
  loading = $state(false);

  filtered = $derived(filterProfiles(this.list?.profiles ?? [], this.query));
  active = $derived(this.list?.profiles.find((p) => p.name === this.list?.active) ?? null);
  switcherOpen = $state(false);

  readonly #api: Api;
  /** The revision whose pages are arriving or have arrived. */
  #revision: string | null = null;

  constructor(api: Api) {
    this.#api = api;
  }

  /** Whether every profile of the listing has arrived. */
  get complete(): boolean {
    return this.list !== null && this.list.profiles.length === this.total;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      await this.#receive(await this.#api.profiles.list());
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  async select(name: string): Promise<void> {
    try {
      await this.#receive(await this.#api.profiles.select({ name }));
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async pin(name: string, pinned: boolean): Promise<void> {
    try {
      await this.#receive(await this.#api.profiles.pin({ name, pinned }));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async setEnvironmentPatterns(patterns: EnvironmentPatterns): Promise<void> {
    try {
      await this.#receive(await this.#api.profiles.setEnvironmentPatterns(patterns));
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  isPinned(name: string): boolean {
    return this.list?.pinned.includes(name) ?? false;
  }

  /** Keeps the list current when ~/.aws changes on disk; returns the unsubscribe function. */
  follow(): () => void {
    return this.#api.on('profiles.changed', (head) => {
      this.#receive(head).catch((error: unknown) => (this.error = (error as Error).message));
    });
  }

  /**
   * Shows a listing's head. The same revision keeps the profiles already here (a select or a pin
   * changes none); a new one shows its first page at once, then the whole list when the rest has
   * arrived, a page per message.
   */
  async #receive({ first, total, ...head }: ProfileListHead): Promise<void> {
    if (head.revision === this.#revision && this.list) {
      this.list = { ...head, profiles: this.list.profiles };
      return;
    }
    this.#revision = head.revision;
    this.total = total;
    this.list = { ...head, profiles: first };
    const pages: ProfileDTO[][] = [first];
    for (let offset = first.length; offset < total;) {
      const page = await this.#api.profiles.page({ revision: head.revision, offset });
      if (this.#revision !== head.revision) return; // a newer listing took over
      if (page.revision !== head.revision || page.profiles.length === 0) {
        // The listing changed in main between pages: start again from its new head.
        this.#revision = null;
        return this.#receive(await this.#api.profiles.list());
      }
      pages.push(page.profiles);
      offset += page.profiles.length;
    }
    if (pages.length > 1) this.list = { ...this.list, profiles: pages.flat() };
  }
}

export function provideProfiles(state: ProfilesState): ProfilesState {
  return setContext(KEY, state);
}

export function useProfiles(): ProfilesState {
  const state = getContext<ProfilesState | undefined>(KEY);
  if (!state) throw new Error('useProfiles() needs provideProfiles() in a parent component');
  return state;
}
