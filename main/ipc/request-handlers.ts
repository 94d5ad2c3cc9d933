/** Request methods over the current core: a run, what it would use, and the same request as code. */
import type { requestMethods } from '../../shared/contract/request-methods.ts';
import { exportAsCode } from '../core/requests/code-export.ts';
import { curlImport } from '../core/requests/curl-import.ts';
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
    'requests.fromCurl': async ({ text }) => curlImport(text, await core().endpoints.list()),
    'requests.copyAsCode': ({ language, ...request }) =>
      exportAsCode(language, request, {
        endpoints: core().endpoints,
        credentials: core().credentials,
        activeProfile: async () => (await core().settings.get()).activeProfile,
      }),
  };
}
