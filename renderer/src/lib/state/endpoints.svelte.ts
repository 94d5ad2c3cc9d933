/** Saved endpoints and the workspace (user's ~/.aws or the demo sandbox). */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { EndpointDTO, EndpointInput } from '../../../../shared/endpoints.ts';
import type { WorkspaceDTO } from '../../../../shared/workspace.ts';
import type { EndpointDraft } from '../endpoints/endpoint-draft.ts';

const KEY = Symbol('endpoints');

export class EndpointsState {
  list = $state<EndpointDTO[]>([]);
  workspace = $state<WorkspaceDTO | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** A form to open with the Endpoints view (a pasted curl command's URL), taken once. */
  prefill = $state<EndpointDraft | null>(null);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  byId(id: string | null): EndpointDTO | null {
    return this.list.find((e) => e.id === id) ?? null;
  }

  async load(): Promise<void> {
    try {
      [this.list, this.workspace] = await Promise.all([
        this.#api.endpoints.list(),
        this.#api.workspace.get(),
      ]);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async save(id: string | null, endpoint: EndpointInput): Promise<EndpointDTO | null> {
    try {
      const saved = id
        ? await this.#api.endpoints.update({ id, endpoint })
        : await this.#api.endpoints.create({ endpoint });
      this.list = [...this.list.filter((e) => e.id !== saved.id), saved];
      this.error = null;
      return saved;
    } catch (error) {
      this.error = (error as Error).message;
      return null;
    }
  }

  async setSecret(
    id: string,
    mode: 'API_KEY' | 'OPENID_CONNECT' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_LAMBDA',
    value: string,
  ): Promise<void> {
    try {
      await this.#api.endpoints.setSecret({ id, mode, value });
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async remove(id: string): Promise<void> {
    await this.#api.endpoints.delete({ id });
    this.list = this.list.filter((e) => e.id !== id);
  }

  async duplicate(id: string): Promise<void> {
    const copy = await this.#api.endpoints.duplicate({ id });
    this.list = [...this.list, copy];
  }

  /** The user has read where secrets are kept: main remembers it, so it is not said again. */
  async dismissVaultNotice(): Promise<void> {
    try {
      this.workspace = await this.#api.workspace.dismissVaultNotice();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /**
   * Opens or leaves the demo. Every view then reads another world (profiles, endpoints, tabs,
   * history), so the page reloads; `busy` stays on until it does.
   */
  async switchWorkspace(kind: 'user' | 'demo'): Promise<void> {
    this.busy = true;
    this.switching?.before();
    try {
      await (kind === 'demo' ? this.#api.workspace.openDemo() : this.#api.workspace.leaveDemo());
      reloadOnce();
    } catch (error) {
      this.error = (error as Error).message;
      this.busy = false;
      this.switching?.failed();
    }
  }

  /** What else must stop writing while the workspace changes (the tabs' saves). */
  switching: { before(): void; failed(): void } | null = null;
}

let reloading = false;

/** Reloads the page once, however many workspace changes arrive (this window's and events). */
export function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  location.reload();
}

export function provideEndpoints(state: EndpointsState): EndpointsState {
  return setContext(KEY, state);
}

export function useEndpoints(): EndpointsState {
  const state = getContext<EndpointsState | undefined>(KEY);
  if (!state) throw new Error('useEndpoints() needs provideEndpoints() in a parent component');
  return state;
}
