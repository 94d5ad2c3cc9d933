/** The renderer's profiles state: one rune class, provided by context, read by components. */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { EnvironmentPatterns, ProfileListDTO } from '../../../../shared/profiles.ts';
import { filterProfiles } from '../search/profile-search.ts';

const KEY = Symbol('profiles');

export class ProfilesState {
  list = $state.raw<ProfileListDTO | null>(null);
  query = $state('');
  error = $state<string | null>(null);
  loading = $state(false);

  filtered = $derived(filterProfiles(this.list?.profiles ?? [], this.query));
  active = $derived(this.list?.profiles.find((p) => p.name === this.list?.active) ?? null);
  switcherOpen = $state(false);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.list = await this.#api.profiles.list();
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  async select(name: string): Promise<void> {
    try {
      this.list = await this.#api.profiles.select({ name });
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async pin(name: string, pinned: boolean): Promise<void> {
    try {
      this.list = await this.#api.profiles.pin({ name, pinned });
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async setEnvironmentPatterns(patterns: EnvironmentPatterns): Promise<void> {
    try {
      this.list = await this.#api.profiles.setEnvironmentPatterns(patterns);
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
    return this.#api.on('profiles.changed', (list) => {
      this.list = list;
    });
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
