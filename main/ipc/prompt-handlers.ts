/** Operations in flight: the questions they ask (answered through the prompter) and cancelling. */
import type { promptMethods } from '../../shared/contract/prompt-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function promptHandlers({
  prompter,
  operations,
}: HandlerDeps): DomainHandlers<typeof promptMethods> {
  return {
    'prompts.list': async () => prompter.open(),
    'prompts.respond': async ({ id, response }) => {
      prompter.respond(id, response);
      return null;
    },
    'prompts.cancel': async ({ id }) => {
      prompter.cancel(id);
      return null;
    },
    'operations.cancel': async ({ operationId }) => ({
      cancelled: operations.cancel(operationId),
    }),
  };
}
