/** Questions from main (MFA code, confirmation, device code), shown one at a time. */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';
import type { PromptDTO } from '../../../../shared/prompts.ts';

const KEY = Symbol('prompts');

export class PromptsState {
  queue = $state<PromptDTO[]>([]);
  current = $derived(this.queue[0] ?? null);
  error = $state<string | null>(null);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  /** Picks up questions asked before this window opened, then follows new ones. */
  follow(): () => void {
    const stopRequested = this.#api.on('prompts.requested', (prompt) => {
      if (!this.queue.some((p) => p.id === prompt.id)) this.queue = [...this.queue, prompt];
    });
    const stopClosed = this.#api.on('prompts.closed', ({ id }) => {
      this.queue = this.queue.filter((p) => p.id !== id);
    });
    this.#api.prompts.list().then(
      (open) =>
        (this.queue = [...open, ...this.queue.filter((p) => !open.some((o) => o.id === p.id))]),
      () => undefined,
    );
    return () => {
      stopRequested();
      stopClosed();
    };
  }

  async answerMfa(id: string, code: string): Promise<void> {
    await this.#settle(() => this.#api.prompts.respond({ id, response: { kind: 'mfa', code } }));
  }

  async answerConfirm(id: string, accepted: boolean): Promise<void> {
    await this.#settle(() =>
      this.#api.prompts.respond({ id, response: { kind: 'confirm', accepted } }),
    );
  }

  async cancel(id: string): Promise<void> {
    await this.#settle(() => this.#api.prompts.cancel({ id }));
  }

  async #settle(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }
}

export function providePrompts(state: PromptsState): PromptsState {
  return setContext(KEY, state);
}

export function usePrompts(): PromptsState {
  const state = getContext<PromptsState | undefined>(KEY);
  if (!state) throw new Error('usePrompts() needs providePrompts() in a parent component');
  return state;
}
