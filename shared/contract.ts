/**
 * The one IPC contract between the renderer and main. Every method is `domain.verb` with an
 * input schema (validated in main before anything runs) and an output type; every main→renderer
 * event has a payload type. No channel name is written anywhere else.
 *
 * Each domain's methods are in `shared/contract/<domain>-methods.ts` (zod/mini schemas:
 * tree-shakable, so the preload and renderer bundles carry only what they use), and main's
 * handlers for them in `main/ipc/<domain>-handlers.ts`, one file for one file.
 */
import type * as z from './zod.ts';
import type { CollectionChangeDTO } from './collections.ts';
import type { ProfileListHead } from './profiles.ts';
import type { DiscoveryProgressDTO } from './discovery.ts';
import type { ChannelSubscriptionStateDTO } from './events.ts';
import type { PromptDTO } from './prompts.ts';
import type { MessageBatchDTO, SubscriptionStateDTO } from './realtime.ts';
import type { WorkspaceDTO } from './workspace.ts';
import { returns } from './contract/common.ts';
import { collectionMethods } from './contract/collection-methods.ts';
import { consoleMethods } from './contract/console-methods.ts';
import { credentialMethods } from './contract/credential-methods.ts';
import { discoveryMethods } from './contract/discovery-methods.ts';
import { endpointMethods } from './contract/endpoint-methods.ts';
import { eventsMethods } from './contract/events-methods.ts';
import { filesMethods } from './contract/files-methods.ts';
import { historyMethods } from './contract/history-methods.ts';
import { logsMethods } from './contract/logs-methods.ts';
import { oidcMethods } from './contract/oidc-methods.ts';
import { profileMethods } from './contract/profile-methods.ts';
import { promptMethods } from './contract/prompt-methods.ts';
import { realtimeMethods } from './contract/realtime-methods.ts';
import { requestMethods } from './contract/request-methods.ts';
import { schemaMethods } from './contract/schema-methods.ts';
import { ssoMethods } from './contract/sso-methods.ts';
import { tabMethods } from './contract/tab-methods.ts';
import { workspaceMethods } from './contract/workspace-methods.ts';

export const methods = {
  ...profileMethods,
  ...credentialMethods,
  ...schemaMethods,
  ...promptMethods,
  ...endpointMethods,
  ...requestMethods,
  ...historyMethods,
  ...collectionMethods,
  ...realtimeMethods,
  ...eventsMethods,
  ...oidcMethods,
  ...discoveryMethods,
  ...ssoMethods,
  ...consoleMethods,
  ...tabMethods,
  ...logsMethods,
  ...filesMethods,
  ...workspaceMethods,
} as const;

export const events = {
  'profiles.changed': returns<ProfileListHead>(),
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
