/** A yes/no question the renderer asks before doing something it cannot take back. */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('confirm');

interface Pending {
  title: string;
  message: string;
  action: string;
  resolve(accepted: boolean): void;
}

export class ConfirmState {
  pending = $state<Pending | null>(null);

  ask(title: string, message: string, action: string): Promise<boolean> {
    this.pending?.resolve(false);
    return new Promise((resolve) => {
      this.pending = { title, message, action, resolve };
    });
  }

  answer(accepted: boolean): void {
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(accepted);
  }
}

export function provideConfirm(state: ConfirmState): ConfirmState {
  return setContext(KEY, state);
}

export function useConfirm(): ConfirmState {
  const state = getContext<ConfirmState | undefined>(KEY);
  if (!state) throw new Error('useConfirm() needs provideConfirm() in a parent component');
  return state;
}
