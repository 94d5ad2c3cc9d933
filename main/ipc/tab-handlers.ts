/** Open request tabs, kept by the current core so they survive restarts and reloads. */
import type { tabMethods } from '../../shared/contract/tab-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function tabHandlers({ core }: HandlerDeps): DomainHandlers<typeof tabMethods> {
  return {
    'tabs.load': () => core().tabs.load(),
    'tabs.save': async ({ generation, ...tabs }) => {
      await core().tabs.save(tabs, generation);
      return null;
    },
  };
}
