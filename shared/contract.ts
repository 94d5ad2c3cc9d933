/**
 * The one IPC contract between the renderer and main. Every method is `domain.verb` with an
 * input schema (validated in main before anything runs) and an output type; every main→renderer
 * event has a payload type. No channel name is written anywhere else.
 */
// zod/mini: tree-shakable, so the preload and renderer bundles carry only what they use.
import * as z from './zod.ts';
import type { CollectionChangeDTO } from './collections.ts';
import type { CallerIdentityDTO, CredentialChainDTO } from './credentials.ts';
import type { ProfileListDTO } from './profiles.ts';
import type { DiscoveryProgressDTO } from './discovery.ts';
import type { ChannelSubscriptionStateDTO } from './events.ts';
import type { PromptDTO } from './prompts.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from './realtime.ts';
import { schemaLoadInputSchema, type SchemaDTO } from './schema.ts';
import type { WorkspaceDTO } from './workspace.ts';
import { id, profileName, returns } from './contract/common.ts';
import { collectionMethods } from './contract/collection-methods.ts';
import { consoleMethods } from './contract/console-methods.ts';
import { eventsMethods } from './contract/events-methods.ts';
import { filesMethods } from './contract/files-methods.ts';
import { historyMethods } from './contract/history-methods.ts';
import { logsMethods } from './contract/logs-methods.ts';
import { oidcMethods } from './contract/oidc-methods.ts';
import { realtimeMethods } from './contract/realtime-methods.ts';
import { requestMethods } from './contract/request-methods.ts';
import { ssoMethods } from './contract/sso-methods.ts';
import { tabMethods } from './contract/tab-methods.ts';

const patternList = z
  .array(
    z
      .string()
      .check(
        z.minLength(1, 'a pattern cannot be empty'),
        z.maxLength(200, 'a pattern is at most 200 characters'),
      ),
  )
  .check(z.maxLength(100, 'at most 100 patterns per environment'));

export const methods = {
  'profiles.list': {
    input: z.strictObject({}),
    output: returns<ProfileListDTO>(),
  },
  'profiles.select': {
    input: z.strictObject({ name: profileName }),
    output: returns<ProfileListDTO>(),
  },
  'profiles.pin': {
    input: z.strictObject({ name: profileName, pinned: z.boolean() }),
    output: returns<ProfileListDTO>(),
  },
  'profiles.setEnvironmentPatterns': {
    input: z.strictObject({
      production: patternList,
      staging: patternList,
      dev: patternList,
    }),
    output: returns<ProfileListDTO>(),
  },
  'credentials.identity': {
    input: z.strictObject({ profile: profileName, operationId: z.optional(id) }),
    output: returns<CallerIdentityDTO>(),
  },
  'credentials.chain': {
    input: z.strictObject({ profile: profileName }),
    output: returns<CredentialChainDTO>(),
  },
  /** Puts export lines on the clipboard, in main: the renderer learns only that it happened. */
  'credentials.copyExport': {
    input: z.strictObject({
      profile: profileName,
      format: z.enum(['bash', 'powershell', 'fish', 'credential-process']),
      operationId: z.optional(id),
    }),
    output: returns<{ copied: true; expiresAt: number | null }>(),
  },
  'credentials.forget': {
    input: z.strictObject({ profile: z.optional(profileName) }),
    output: returns<null>(),
  },
  'schema.load': {
    input: schemaLoadInputSchema,
    output: returns<SchemaDTO>(),
  },
  'prompts.list': {
    input: z.strictObject({}),
    output: returns<PromptDTO[]>(),
  },
  'prompts.respond': {
    input: z.strictObject({
      id,
      response: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('mfa'),
          code: z.string().check(z.regex(/^\d{6}$/, 'an MFA code is 6 digits')),
        }),
        z.strictObject({ kind: z.literal('confirm'), accepted: z.boolean() }),
      ]),
    }),
    output: returns<null>(),
  },
  'prompts.cancel': {
    input: z.strictObject({ id }),
    output: returns<null>(),
  },
  'operations.cancel': {
    input: z.strictObject({ operationId: id }),
    output: returns<{ cancelled: boolean }>(),
  },
  ...requestMethods,
  ...historyMethods,
  ...collectionMethods,
  ...realtimeMethods,
  ...eventsMethods,
  ...oidcMethods,
  ...ssoMethods,
  ...consoleMethods,
  ...tabMethods,
  ...logsMethods,
  ...filesMethods,
  'workspace.get': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  'workspace.openDemo': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  'workspace.leaveDemo': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  /** The user has read the vault notice: it is not said again (see VaultNoticeDTO). */
  'workspace.dismissVaultNotice': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  'app.info': {
    input: z.strictObject({}),
    output: returns<{ version: string; host: 'electron' | 'web'; dataDir: string }>(),
  },
} as const;

export const events = {
  'profiles.changed': returns<ProfileListDTO>(),
  'prompts.requested': returns<PromptDTO>(),
  'prompts.closed': returns<{ id: string }>(),
  'workspace.changed': returns<WorkspaceDTO>(),
  'subscriptions.batch': returns<MessageBatchDTO>(),
  'subscriptions.state': returns<SubscriptionStateDTO>(),
  'events.batch': returns<MessageBatchDTO>(),
  'events.state': returns<ChannelSubscriptionStateDTO>(),
  'apis.progress': returns<DiscoveryProgressDTO>(),
  'collections.changed': returns<CollectionChangeDTO>(),
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = (typeof methods)[M]['output'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The bridge both transports provide to the renderer (preload or WebSocket). */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}
