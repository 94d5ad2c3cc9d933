/**
 * AppSync Events (Event APIs): publish to a channel and subscribe to channels. The target is a
 * saved endpoint (main picks its URL and the auth mode's secret, which never cross IPC) or an
 * Event API URL signed with an AWS profile (IAM needs no secret from anyone). Channel batches
 * stream as `events.batch`, states as `events.state`, exactly like GraphQL subscriptions.
 */
import * as z from '../zod.ts';
import { AUTH_MODE_TYPES } from '../endpoints.ts';
import {
  channelProblem,
  eventsFromText,
  isEventApiUrl,
  MAX_EVENT_BYTES,
  MAX_EVENTS_PER_PUBLISH,
  type ChannelSubscriptionStateDTO,
  type PublishResultDTO,
  type RunningChannelDTO,
} from '../events.ts';
import { id, operationId, profileName, returns } from './common.ts';

const problemCheck = (problem: (value: string) => string | null) =>
  z.superRefine<string>((value, ctx) => {
    const found = problem(value);
    if (found) ctx.addIssue({ code: 'custom', input: value, message: found });
  });

const channel = (use: 'publish' | 'subscribe') =>
  z.string('a channel is text, like /default/chat').check(
    z.maxLength(300, 'a channel is at most 300 characters'),
    problemCheck((value) => channelProblem(value, use)),
  );

/** Five events of 240 KB, pretty-printed: room for whitespace, far inside one message. */
export const MAX_EVENTS_TEXT = MAX_EVENTS_PER_PUBLISH * MAX_EVENT_BYTES * 2;

/** A saved endpoint, or an Event API URL signed with a profile; never both. */
const target = {
  endpointId: z.optional(id),
  url: z.optional(
    z.string('an Event API URL is text').check(
      z.maxLength(2048, 'a URL is at most 2048 characters'),
      problemCheck((value) =>
        isEventApiUrl(value)
          ? null
          : 'an Event API URL ends in /event (https://<id>.appsync-api.<region>.amazonaws.com/event)',
      ),
    ),
  ),
  /** The endpoint's primary mode when absent; a bare URL signs with AWS_IAM only. */
  authMode: z.optional(z.enum(AUTH_MODE_TYPES, 'an AppSync auth mode like AWS_IAM')),
  /** For IAM: overrides the endpoint's (and the active) profile. */
  profile: z.optional(profileName),
  /** For a bare URL on a custom domain: the region IAM signs for. */
  region: z.optional(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region like us-east-1')),
  ),
};

type Target = {
  endpointId?: string | undefined;
  url?: string | undefined;
  authMode?: string | undefined;
};

const oneTarget = z.superRefine<Target>((value, ctx) => {
  const issue = (message: string, path: string) =>
    ctx.addIssue({ code: 'custom', input: value, path: [path], message });
  if (value.endpointId === undefined && value.url === undefined) {
    issue('name a saved endpoint (endpointId) or an Event API URL (url)', 'endpointId');
  } else if (value.endpointId !== undefined && value.url !== undefined) {
    issue('give an endpointId or a url, not both', 'url');
  } else if (value.url !== undefined && value.authMode && value.authMode !== 'AWS_IAM') {
    // Any other mode needs a secret, and secrets live with saved endpoints in main.
    issue(`a bare URL signs with AWS_IAM; save an endpoint to use ${value.authMode}`, 'authMode');
  }
});

export const eventsMethods = {
  /** Answers with each event's outcome; a refused publish (auth, namespace) is an error. */
  'events.publish': {
    input: z
      .strictObject({
        ...target,
        channel: channel('publish'),
        /** A JSON array, one JSON value, or one JSON value per line (see eventsFromText). */
        events: z.string('the events are JSON text').check(
          z.maxLength(MAX_EVENTS_TEXT, `the events are at most ${MAX_EVENTS_TEXT} characters`),
          problemCheck((value) => {
            const parsed = eventsFromText(value);
            return 'problem' in parsed ? parsed.problem : null;
          }),
        ),
        transport: z._default(z.enum(['http', 'websocket'], 'http or websocket'), 'http'),
        /** Cancels the publish (credential resolution, a prompt) through `operations.cancel`. */
        operationId,
      })
      .check(oneTarget),
    output: returns<PublishResultDTO>(),
  },
  /** Answers once the subscription is registered (its first state is `connecting`). */
  'events.subscribe': {
    input: z
      .strictObject({ ...target, channel: channel('subscribe'), operationId })
      .check(oneTarget),
    output: returns<RunningChannelDTO>(),
  },
  /** Unsubscribes; answers with the final state once the last batch has been emitted. */
  'events.unsubscribe': {
    input: z.strictObject({ id }),
    output: returns<ChannelSubscriptionStateDTO>(),
  },
  /** The running channel subscriptions, so a reloaded window shows them again. */
  'events.list': {
    input: z.strictObject({}),
    output: returns<RunningChannelDTO[]>(),
  },
} as const;
