/** Request methods over the current core: a run, what it would use, and the same request as code. */
import type { requestMethods } from '../../shared/contract/request-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { forRenderer } from './result-for-renderer.ts';
import type { DomainHandlers } from './router.ts';

export function requestHandlers({
  core,
  operations,
}: HandlerDeps): DomainHandlers<typeof requestMethods> {
  return {
    'requests.run': ({ operationId, timeoutMs, ...request }) =>
      operations.run(operationId, async (signal) =>
        forRenderer(await core().requests.run(request, { signal, timeoutMs })),
      ),
    'requests.plan': (request) => core().requests.plan(request),
    'requests.fromCurl': ({ text }) => core().requests.fromCurl(text),
    'requests.copyAsCode': ({ language, ...request }) => core().copyAsCode(language, request),
  };
}
