/**
 * OIDC providers and who is signed in with each. Only what main lets the renderer know: the
 * provider's settings (with whether a client secret is stored) and the identity's claims —
 * never a token. A client secret the user types is sent once with the provider and forgotten.
 */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type {
  OidcIdentityDTO,
  OidcLoginFlow,
  OidcProviderDTO,
  OidcProviderInput,
} from '../../../../shared/oidc.ts';

const KEY = Symbol('oidc');

export class OidcState {
  providers = $state<OidcProviderDTO[]>([]);
  /** Per provider: who is signed in, or null. */
  identities = $state<Record<string, OidcIdentityDTO | null>>({});
  /** Per provider: the id of a sign-in in progress (so it can be cancelled). */
  busy = $state<Record<string, string>>({});
  error = $state<string | null>(null);
  loaded = $state(false);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  async load(): Promise<void> {
    try {
      this.providers = await this.#api.oidc.providers();
      this.loaded = true;
      await Promise.all(this.providers.map((p) => this.#refreshIdentity(p.name)));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Returns whether the provider was added (the form stays open otherwise). */
  async add(provider: OidcProviderInput): Promise<boolean> {
    try {
      const added = await this.#api.oidc.addProvider({ provider });
      this.providers = [...this.providers.filter((p) => p.name !== added.name), added];
      this.identities[added.name] = null;
      this.error = null;
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.#api.oidc.removeProvider({ name });
      this.providers = this.providers.filter((p) => p.name !== name);
      delete this.identities[name];
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async login(name: string, flow: OidcLoginFlow): Promise<void> {
    const operationId = crypto.randomUUID();
    this.busy[name] = operationId;
    try {
      this.identities[name] = await this.#api.oidc.login({ name, flow, operationId });
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      delete this.busy[name];
    }
  }

  async cancel(name: string): Promise<void> {
    const operationId = this.busy[name];
    if (operationId) await this.#api.operations.cancel({ operationId });
  }

  async logout(name: string): Promise<void> {
    try {
      await this.#api.oidc.logout({ name });
      this.identities[name] = null;
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async #refreshIdentity(name: string): Promise<void> {
    try {
      this.identities[name] = await this.#api.oidc.identity({ name });
    } catch {
      this.identities[name] = null;
    }
  }
}

export function provideOidc(state: OidcState): OidcState {
  return setContext(KEY, state);
}

export function useOidc(): OidcState {
  const state = getContext<OidcState | undefined>(KEY);
  if (!state) throw new Error('useOidc() needs provideOidc() in a parent component');
  return state;
}
