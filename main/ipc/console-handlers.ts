/** Console sign-in over the current core: the URL goes to the host's browser, never back here. */
import type { consoleMethods } from '../../shared/contract/console-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function consoleHandlers({
  core,
  operations,
}: HandlerDeps): DomainHandlers<typeof consoleMethods> {
  return {
    'console.open': ({ operationId, ...request }) =>
      operations.run(operationId, (signal) => core().console.open(request, signal)),
  };
}
