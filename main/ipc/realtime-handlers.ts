/**
 * Subscription methods over the current core. A subscription starts against a saved endpoint:
 * its URL and auth mode are looked up here (the secret stays in main), and its batches and
 * states go to the renderer as events. Subscriptions end when the renderer stops them, and when
 * the core is closed (a workspace switch or the app quitting: `core.close()` stops them all).
 */
import type { realtimeMethods } from '../../shared/contract/realtime-methods.ts';
import { AppError } from '../../shared/errors.ts';
import type { SubscriptionStateDTO } from '../../shared/realtime.ts';
import { endpointMode } from '../core/endpoints/endpoint-mode.ts';
import type { WorkbenchCore } from '../core/workbench-core.ts';
import type { OperationRegistry } from './operations.ts';
import type { DomainHandlers, Router } from './router.ts';

/** The part of the handlers' deps subscriptions use (no import of them: no cycle). */
export interface RealtimeHandlerDeps {
  /** The core served right now: a workspace switch closes the old one, and its subscriptions. */
  core(): WorkbenchCore;
  operations: OperationRegistry;
  emit: Router['emit'];
}

/** What the handlers remember of a running subscription: its tab and its latest state. */
interface Running {
  tabId: string | null;
  state: SubscriptionStateDTO;
}

const ended = (state: SubscriptionStateDTO) =>
  state.status === 'stopped' || state.status === 'failed';

export function realtimeHandlers(
  deps: RealtimeHandlerDeps,
): DomainHandlers<typeof realtimeMethods> {
  const running = new Map<string, Running>();
  return {
    'subscriptions.start': ({ endpointId, authMode, profile, tabId, operationId, ...document }) =>
      deps.operations.run(operationId, async (signal) => {
        const core = deps.core();
        const endpoint = await core.endpoints.get(endpointId);
        const auth = endpointMode(endpoint, authMode);
        // The first state (`connecting`) is emitted before `subscribe` returns.
        const entry: Running = { tabId: tabId ?? null, state: undefined as never };
        const handle = await core.realtime.subscribe(
          {
            graphqlUrl: endpoint.url,
            auth,
            query: document.query,
            ...(document.variables ? { variables: document.variables } : {}),
            ...(document.operationName ? { operationName: document.operationName } : {}),
            ...(profile ? { profile } : {}),
            ...(endpoint.connectTo ? { connectTo: endpoint.connectTo } : {}),
          },
          {
            onBatch: (batch) => deps.emit('subscriptions.batch', batch),
            onState: (state) => {
              entry.state = state;
              if (ended(state)) running.delete(state.id);
              else running.set(state.id, entry);
              deps.emit('subscriptions.state', state);
            },
            // Cancelling while credentials resolve (an MFA prompt) abandons the start.
            signal,
          },
        );
        entry.state = handle.state();
        if (!ended(entry.state)) running.set(handle.id, entry);
        return { ...entry.state, tabId: entry.tabId };
      }),

    'subscriptions.stop': async ({ id }) => {
      const entry = running.get(id);
      await deps.core().realtime.stop(id);
      if (!entry) throw new AppError('NOT_FOUND', `There is no running subscription ${id}.`);
      // The core emitted the final state before `stop` resolved; the entry holds it.
      return entry.state;
    },

    'subscriptions.list': async () =>
      deps
        .core()
        .realtime.list()
        .map((state) => ({ ...state, tabId: running.get(state.id)?.tabId ?? null })),
  };
}
