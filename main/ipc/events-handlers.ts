/**
 * AppSync Events methods over the current core. The target is a saved endpoint (the core looks
 * up its URL and the chosen auth mode; the secret stays in main) or an Event API URL signed with
 * a profile. Channel batches and states go to the renderer as events; subscriptions end when the
 * renderer unsubscribes, and when the core is closed (a workspace switch, quitting).
 */
import type { eventsMethods } from '../../shared/contract/events-methods.ts';
import type { ChannelSubscriptionStateDTO } from '../../shared/events.ts';
import type { RealtimeHandlerDeps } from './realtime-handlers.ts';
import type { DomainHandlers } from './router.ts';
import { RunningStreams } from './running-streams.ts';

export function eventsHandlers(deps: RealtimeHandlerDeps): DomainHandlers<typeof eventsMethods> {
  /** The endpoint each running subscription was started for, and its latest state. */
  const running = new RunningStreams<ChannelSubscriptionStateDTO, string | null>();
  return {
    'events.publish': ({ operationId, ...request }) =>
      deps.operations.run(operationId, (signal) =>
        deps.core().events.publishTo(request, { signal }),
      ),

    'events.subscribe': ({ operationId, ...request }) =>
      deps.operations.run(operationId, async (signal) => {
        const endpointId = request.endpointId ?? null;
        const state = await running.start(
          endpointId,
          (state) => deps.emit('events.state', state),
          (onState) =>
            deps.core().events.subscribeTo(request, {
              onBatch: (batch) => deps.emit('events.batch', batch),
              onState,
              // Cancelling while credentials resolve (an MFA prompt) abandons the subscribe.
              signal,
            }),
        );
        return { ...state, endpointId };
      }),

    'events.unsubscribe': ({ id }) =>
      running.stop(id, (id) => deps.core().events.stop(id), 'channel subscription'),

    'events.list': async () =>
      deps
        .core()
        .events.list()
        .map((state) => ({ ...state, endpointId: running.ownerOf(state.id) })),
  };
}
