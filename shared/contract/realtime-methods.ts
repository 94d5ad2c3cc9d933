/**
 * GraphQL real-time subscriptions. A subscription is started against a
 * saved endpoint (main picks the URL and the auth mode's secret, which never cross IPC), streams
 * its messages as `subscriptions.batch` events and its state as `subscriptions.state`, and is
 * stopped by id.
 */
import * as z from '../zod.ts';
import { AUTH_MODE_TYPES } from '../endpoints.ts';
import type { SubscriptionStateDTO } from '../realtime.ts';
import { id, jsonObject, operationId, profileName, returns } from './common.ts';

/** A running subscription and the tab that started it, so a reloaded window can show it again. */
export interface RunningSubscriptionDTO extends SubscriptionStateDTO {
  tabId: string | null;
}

const subscriptionDocument = z
  .string('a GraphQL subscription document is text')
  .check(
    z.minLength(1, 'the subscription document is empty'),
    z.maxLength(1_000_000, 'a GraphQL document is at most 1 MB'),
  );

export const realtimeMethods = {
  'subscriptions.start': {
    input: z.strictObject({
      endpointId: id,
      /** The endpoint's primary mode when absent. */
      authMode: z.optional(z.enum(AUTH_MODE_TYPES, 'an AppSync auth mode like AWS_IAM')),
      /** For IAM: overrides the endpoint's (and the active) profile. */
      profile: z.optional(profileName),
      query: subscriptionDocument,
      variables: z.optional(jsonObject('variables are a JSON object, like {"id": "1"}')),
      operationName: z.optional(
        z
          .string('an operation name is text')
          .check(z.maxLength(256, 'an operation name is at most 256 characters')),
      ),
      /** The tab showing the stream; `subscriptions.list` hands it back after a reload. */
      tabId: z.optional(id),
      /** Cancels the start (credential resolution, an MFA prompt) through `operations.cancel`. */
      operationId,
    }),
    output: returns<RunningSubscriptionDTO>(),
  },
  /** Sends `stop`; answers with the final state once the last batch has been emitted. */
  'subscriptions.stop': {
    input: z.strictObject({ id }),
    output: returns<SubscriptionStateDTO>(),
  },
  'subscriptions.list': {
    input: z.strictObject({}),
    output: returns<RunningSubscriptionDTO[]>(),
  },
} as const;
