/** IAM Identity Center sessions: their sign-in state, logins, and the accounts they reach. */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { SsoAccountDTO, SsoSessionDTO } from '../../../../shared/sso.ts';

const KEY = Symbol('sso');

/** The profile name the core resolves for an account/role of a session (see the SSO core). */
export function virtualProfileName(session: string, accountId: string, roleName: string): string {
  return `sso:${session}/${accountId}/${roleName}`;
}

export class SsoState {
  sessions = $state<SsoSessionDTO[]>([]);
  accounts = $state<Record<string, SsoAccountDTO[]>>({});
  busy = $state<Record<string, string>>({});
  error = $state<string | null>(null);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  async load(): Promise<void> {
    try {
      this.sessions = await this.#api.sso.sessions();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async login(session: string, flow: 'device' | 'pkce'): Promise<void> {
    const operationId = crypto.randomUUID();
    this.busy[session] = operationId;
    try {
      await this.#api.sso.login({ target: { session }, flow, operationId });
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      delete this.busy[session];
      await this.load();
    }
  }

  async cancel(session: string): Promise<void> {
    const operationId = this.busy[session];
    if (operationId) await this.#api.operations.cancel({ operationId });
  }

  async logout(session: string): Promise<void> {
    try {
      await this.#api.sso.logout({ target: { session } });
      delete this.accounts[session];
    } catch (error) {
      this.error = (error as Error).message;
    }
    await this.load();
  }

  async listAccounts(session: string): Promise<void> {
    const operationId = crypto.randomUUID();
    this.busy[session] = operationId;
    try {
      this.accounts[session] = await this.#api.sso.accounts({ target: { session }, operationId });
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      delete this.busy[session];
    }
  }
}

export function provideSso(state: SsoState): SsoState {
  return setContext(KEY, state);
}

export function useSso(): SsoState {
  const state = getContext<SsoState | undefined>(KEY);
  if (!state) throw new Error('useSso() needs provideSso() in a parent component');
  return state;
}
