/**
 * Profile methods over the current core. Input arrives validated by the router. A listing
 * crosses as its head and first page; the renderer asks `profiles.page` for the rest.
 */
import type { profileMethods } from '../../shared/contract/profile-methods.ts';
import { headOf } from '../../shared/profiles.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function profileHandlers({ core }: HandlerDeps): DomainHandlers<typeof profileMethods> {
  return {
    'profiles.list': async () => headOf(await core().profiles.list()),
    'profiles.page': async ({ revision, offset }) => core().profiles.page(revision, offset),
    'profiles.select': async ({ name }) => headOf(await core().profiles.select(name)),
    'profiles.pin': async ({ name, pinned }) => headOf(await core().profiles.pin(name, pinned)),
    'profiles.setEnvironmentPatterns': async (patterns) =>
      headOf(await core().profiles.setEnvironmentPatterns(patterns)),
  };
}
