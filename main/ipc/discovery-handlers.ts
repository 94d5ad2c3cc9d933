/** Finding AppSync APIs over the current core; progress goes to the renderer as events. */
import type { discoveryMethods } from '../../shared/contract/discovery-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function discoveryHandlers(deps: HandlerDeps): DomainHandlers<typeof discoveryMethods> {
  const { core, operations } = deps;
  return {
    'apis.discover': ({ profile, regions, operationId }) =>
      operations.run(operationId, (signal) =>
        core().discovery.discover(profile ?? null, regions, {
          signal,
          onProgress: (progress) => deps.emit('apis.progress', progress),
        }),
      ),
  };
}
