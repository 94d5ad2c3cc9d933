/** Saved endpoint methods over the current core. A secret goes in and never comes back. */
import type { endpointMethods } from '../../shared/contract/endpoint-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function endpointHandlers({ core }: HandlerDeps): DomainHandlers<typeof endpointMethods> {
  return {
    'endpoints.list': () => core().endpoints.list(),
    'endpoints.create': ({ endpoint }) => core().endpoints.create(endpoint),
    'endpoints.update': ({ id, endpoint }) => core().endpoints.update(id, endpoint),
    'endpoints.duplicate': ({ id }) => core().endpoints.duplicate(id),
    'endpoints.delete': async ({ id }) => {
      await core().endpoints.delete(id);
      return null;
    },
    'endpoints.setSecret': ({ id, mode, value }) => core().endpoints.setSecret(id, mode, value),
  };
}
