/** History methods over the current core. Input arrives validated by the router. */
import type { historyMethods } from '../../shared/contract/history-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function historyHandlers({ core }: HandlerDeps): DomainHandlers<typeof historyMethods> {
  return {
    'history.list': async (query) => core().history.list(query),
    'history.get': async ({ id }) => core().history.get(id),
    'history.delete': async ({ id }) => {
      core().history.delete(id);
      return null;
    },
    'history.clear': async () => {
      core().history.clear();
      return null;
    },
    'history.setRetention': (retention) => core().retention.set(retention),
    'history.retention': () => core().retention.get(),
  };
}
