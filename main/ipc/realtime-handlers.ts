/**
 * Subscription methods over the current core. A subscription starts against a saved endpoint:
 * its URL and auth mode are looked up here (the secret stays in main), and its batches and
 * states go to the renderer as events. Subscriptions end when the renderer stops them, and when
 * the core is closed (a workspace switch or the app quitting: `core.close()` stops them all).
 */
import type { realtimeMethods } from '../../shared/contract/realtime-methods.ts';
import type { SubscriptionStateDTO } from '../../shared/realtime.ts';
import { endpointMode } from '../core/endpoints/endpoint-mode.ts';
import type { WorkbenchCore } from '../core/workbench-core.ts';
import type { OperationRegistry } from './operations.ts';
import type { DomainHandlers, Router } from './router.ts';
import { RunningStreams } from './running-streams.ts';

/** The part of the handlers' deps subscriptions use (no import of them: no cycle). */
export interface RealtimeHandlerDeps {
  /** The core served right now: a workspace switch closes the old one, and its subscriptions. */
  core(): WorkbenchCore;
  operations: OperationRegistry;
  emit: Router['emit'];
}

export function realtimeHandlers(
  deps: RealtimeHandlerDeps,
): DomainHandlers<typeof realtimeMethods> {
  const running = new RunningStreams<SubscriptionStateDTO, string | null>();
  return {
    'subscriptions.start': ({ endpointId, authMode, profile, tabId, operationId, ...document }) =>
      deps.operations.run(operationId, async (signal) => {
        const core = deps.core();
        const endpoint = await core.endpoints.get(endpointId);
        const auth = endpointMode(endpoint, authMode);
        const state = await running.start(
          tabId ?? null,
          (state) => deps.emit('subscriptions.state', state),
          (onState) =>
            core.realtime.subscribe(
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
                onState,
                // Cancelling while credentials resolve (an MFA prompt) abandons the start.
                signal,
              },
            ),
        );
        return { ...state, tabId: tabId ?? null };
      }),

    'subscriptions.stop': ({ id }) =>
      running.stop(id, (id) => deps.core().realtime.stop(id), 'running subscription'),

    'subscriptions.list': async () =>
      deps
        .core()
        .realtime.list()
        .map((state) => ({ ...state, tabId: running.ownerOf(state.id) })),
  };
}
