/** The renderer's profiles state: one rune class, provided by context, read by components. */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { ProfileDTO, ProfileListDTO } from '../../../../shared/profiles.ts';

const KEY = Symbol('profiles');

export function matchesQuery(profile: ProfileDTO, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [profile.name, profile.kind, profile.region ?? '', profile.roleArn ?? '']
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export class ProfilesState {
  list = $state<ProfileListDTO | null>(null);
  query = $state('');
  error = $state<string | null>(null);
  loading = $state(false);

  filtered = $derived(
    (this.list?.profiles ?? []).filter((profile) => matchesQuery(profile, this.query)),
  );
  active = $derived(this.list?.profiles.find((p) => p.name === this.list?.active) ?? null);

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
