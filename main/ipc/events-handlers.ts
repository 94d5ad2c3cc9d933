/**
 * AppSync Events methods over the current core. The target is a saved endpoint (its URL and
 * the chosen auth mode are looked up here; the secret stays in main) or an Event API URL signed
 * with a profile. Channel batches and states go to the renderer as events; subscriptions end
 * when the renderer unsubscribes, and when the core is closed (a workspace switch, quitting).
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { eventsMethods } from '../../shared/contract/events-methods.ts';
import type { AuthModeInput } from '../../shared/endpoints.ts';
import { AppError } from '../../shared/errors.ts';
import {
  eventsFromText,
  isEventApiUrl,
  type ChannelSubscriptionStateDTO,
} from '../../shared/events.ts';
import { endpointMode } from '../core/endpoints/endpoint-mode.ts';
import type { EventTarget } from '../core/events/events-service.ts';
import type { WorkbenchCore } from '../core/workbench-core.ts';
import type { RealtimeHandlerDeps } from './realtime-handlers.ts';
import type { DomainHandlers } from './router.ts';
import { RunningStreams } from './running-streams.ts';

type TargetInput = Pick<
  ParsedInput<'events.subscribe'>,
  'endpointId' | 'url' | 'authMode' | 'profile' | 'region'
>;

/** Where to send and how to authorize, from a saved endpoint or a URL signed with IAM. */
async function resolveTarget(core: WorkbenchCore, input: TargetInput): Promise<EventTarget> {
  const profile = input.profile ? { profile: input.profile } : {};
  if (!input.endpointId) {
    const auth: AuthModeInput = {
      type: 'AWS_IAM',
      profile: null,
      service: 'appsync',
      ...(input.region ? { region: input.region } : {}),
    };
    return { url: input.url!, auth, ...profile };
  }
  const endpoint = await core.endpoints.get(input.endpointId);
  if (!isEventApiUrl(endpoint.url)) {
    throw new AppError(
      'INVALID_INPUT',
      `Endpoint "${endpoint.name}" is a GraphQL API (${endpoint.url}); channels need an Event API, whose URL ends in /event.`,
    );
  }
  return { url: endpoint.url, auth: endpointMode(endpoint, input.authMode), ...profile };
}

export function eventsHandlers(deps: RealtimeHandlerDeps): DomainHandlers<typeof eventsMethods> {
  /** The endpoint each running subscription was started for, and its latest state. */
  const running = new RunningStreams<ChannelSubscriptionStateDTO, string | null>();
  return {
    'events.publish': ({ channel, events, transport, operationId, ...target }) =>
      deps.operations.run(operationId, async (signal) => {
        const core = deps.core();
        // The schema checked the text already; this turns it into the events it names.
        const parsed = eventsFromText(events);
        if ('problem' in parsed) throw new AppError('INVALID_INPUT', parsed.problem);
        return core.events.publish(
          { ...(await resolveTarget(core, target)), channel, events: parsed.events, transport },
          { signal },
        );
      }),

    'events.subscribe': ({ channel, operationId, ...target }) =>
      deps.operations.run(operationId, async (signal) => {
        const core = deps.core();
        const endpointId = target.endpointId ?? null;
        const resolved = await resolveTarget(core, target);
        const state = await running.start(
          endpointId,
          (state) => deps.emit('events.state', state),
          (onState) =>
            core.events.subscribe(
              { ...resolved, channel },
              {
                onBatch: (batch) => deps.emit('events.batch', batch),
                onState,
                // Cancelling while credentials resolve (an MFA prompt) abandons the subscribe.
                signal,
              },
            ),
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
