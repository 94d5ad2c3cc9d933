/** Profile methods over the current core. Input arrives validated by the router. */
import type { profileMethods } from '../../shared/contract/profile-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function profileHandlers({ core }: HandlerDeps): DomainHandlers<typeof profileMethods> {
  return {
    'profiles.list': () => core().profiles.list(),
    'profiles.select': ({ name }) => core().profiles.select(name),
    'profiles.pin': ({ name, pinned }) => core().profiles.pin(name, pinned),
    'profiles.setEnvironmentPatterns': (patterns) =>
      core().profiles.setEnvironmentPatterns(patterns),
  };
}
