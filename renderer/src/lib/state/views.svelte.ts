/** Which view fills the main area. One place, so any component can switch it. */
import { getContext, setContext } from 'svelte';

export const VIEWS = [
  'request',
  'events',
  'profile',
  'endpoints',
  'history',
  'collections',
] as const;
export type View = (typeof VIEWS)[number];

const KEY = Symbol('views');

export class ViewsState {
  current = $state<View>('request');

  show(view: View): void {
    this.current = view;
  }
}

export function provideViews(state: ViewsState): ViewsState {
  return setContext(KEY, state);
}

export function useViews(): ViewsState {
  const state = getContext<ViewsState | undefined>(KEY);
  if (!state) throw new Error('useViews() needs provideViews() in a parent component');
  return state;
}
