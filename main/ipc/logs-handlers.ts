/** A request's CloudWatch log lines, over the current core (credential headers redacted there). */
import type { logsMethods } from '../../shared/contract/logs-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function logsHandlers({
  core,
  operations,
}: HandlerDeps): DomainHandlers<typeof logsMethods> {
  return {
    'logs.forRequest': ({ operationId, ...input }) =>
      operations.run(operationId, (signal) => core().logs.forRequest(input, { signal })),
  };
}
