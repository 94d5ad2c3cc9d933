/**
 * Every contract method, mapped onto the current core's services: one group per domain, each in
 * `<domain>-handlers.ts` beside its `shared/contract/<domain>-methods.ts`. Input arrives validated.
 */
import { collectionHandlers } from './collection-handlers.ts';
import { consoleHandlers } from './console-handlers.ts';
import { credentialHandlers } from './credential-handlers.ts';
import { discoveryHandlers } from './discovery-handlers.ts';
import { endpointHandlers } from './endpoint-handlers.ts';
import { eventsHandlers } from './events-handlers.ts';
import { filesHandlers } from './files-handlers.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { historyHandlers } from './history-handlers.ts';
import { logsHandlers } from './logs-handlers.ts';
import { oidcHandlers } from './oidc-handlers.ts';
import { profileHandlers } from './profile-handlers.ts';
import { promptHandlers } from './prompt-handlers.ts';
import { realtimeHandlers } from './realtime-handlers.ts';
import { requestHandlers } from './request-handlers.ts';
import type { Handlers } from './router.ts';
import { schemaHandlers } from './schema-handlers.ts';
import { ssoHandlers } from './sso-handlers.ts';
import { tabHandlers } from './tab-handlers.ts';
import { workspaceHandlers } from './workspace-handlers.ts';

export type { HandlerDeps } from './handler-deps.ts';

export function createContractHandlers(deps: HandlerDeps): Handlers {
  return {
    ...profileHandlers(deps),
    ...credentialHandlers(deps),
    ...consoleHandlers(deps),
    ...ssoHandlers(deps),
    ...endpointHandlers(deps),
    ...requestHandlers(deps),
    ...logsHandlers(deps),
    ...schemaHandlers(deps),
    ...historyHandlers(deps),
    ...collectionHandlers(deps.core, deps.operations),
    ...filesHandlers(deps.core, deps.picker),
    ...realtimeHandlers(deps),
    ...eventsHandlers(deps),
    ...oidcHandlers(deps),
    ...discoveryHandlers(deps),
    ...tabHandlers(deps),
    ...promptHandlers(deps),
    ...workspaceHandlers(deps),
  };
}
