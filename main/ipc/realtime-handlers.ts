/**
 * Subscription methods over the current core. A subscription starts against a saved endpoint
 * (`RealtimeService.subscribeTo` looks up its URL and mode; the secret stays in main), and its
 * batches and states go to the renderer as events. Subscriptions end when the renderer stops them, and when
 * the core is closed (a workspace switch or the app quitting: `core.close()` stops them all).
 */
import type { realtimeMethods } from '../../shared/contract/realtime-methods.ts';
import type { SubscriptionStateDTO } from '../../shared/realtime.ts';
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
    'subscriptions.start': ({ tabId, operationId, ...request }) =>
      deps.operations.run(operationId, async (signal) => {
        const state = await running.start(
          tabId ?? null,
          (state) => deps.emit('subscriptions.state', state),
          (onState) =>
            deps.core().realtime.subscribeTo(request, {
              onBatch: (batch) => deps.emit('subscriptions.batch', batch),
              onState,
              // Cancelling while credentials resolve (an MFA prompt) abandons the start.
              signal,
            }),
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
