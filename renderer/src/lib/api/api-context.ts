/** The typed api, for the few components that call main directly (not through a state class). */
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';

const KEY = Symbol('api');

export function provideApi(api: Api): Api {
  return setContext(KEY, api);
}

export function getApi(): Api {
  const api = getContext<Api | undefined>(KEY);
  if (!api) throw new Error('getApi() needs provideApi() in a parent component');
  return api;
}
