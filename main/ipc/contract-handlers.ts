/** Every contract method, mapped onto the current core's services. Input arrives validated. */
import { exportText } from '../core/credentials/terminal-export.ts';
import { exportAsCode } from '../core/requests/code-export.ts';
import { curlImport } from '../core/requests/curl-import.ts';
import { collectionHandlers } from './collection-handlers.ts';
import { eventsHandlers } from './events-handlers.ts';
import { filesHandlers } from './files-handlers.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { oidcHandlers } from './oidc-handlers.ts';
import { realtimeHandlers } from './realtime-handlers.ts';
import { forRenderer } from './result-for-renderer.ts';
import type { Handlers } from './router.ts';

export type { HandlerDeps } from './handler-deps.ts';

export function createContractHandlers(deps: HandlerDeps): Handlers {
  const { core, prompter, operations } = deps;
  const activeProfile = async () => (await core().settings.get()).activeProfile;
  return {
    'profiles.list': () => core().profiles.list(),
    'profiles.select': ({ name }) => core().profiles.select(name),
    'profiles.pin': ({ name, pinned }) => core().profiles.pin(name, pinned),
    'profiles.setEnvironmentPatterns': (patterns) =>
      core().profiles.setEnvironmentPatterns(patterns),

    'credentials.identity': ({ profile, operationId }) =>
      operations.run(operationId, (signal) => core().credentials.identity(profile, { signal })),
    'credentials.chain': ({ profile }) => core().credentials.chain(profile),
    'credentials.copyExport': ({ profile, format, operationId }) =>
      operations.run(operationId, async (signal) => {
        const credentials = await core().credentials.resolve(profile, { signal });
        const region = await core().credentials.region(profile);
        await deps.clipboard.writeText(exportText(credentials, format, { region }));
        return { copied: true as const, expiresAt: credentials.expiration?.getTime() ?? null };
      }),
    'credentials.forget': async ({ profile }) => {
      core().credentials.forget(profile);
      return null;
    },

    // The sign-in URL goes from the core to the host's browser; the renderer learns where.
    'console.open': ({ operationId, ...request }) =>
      operations.run(operationId, (signal) => core().console.open(request, signal)),

    'sso.sessions': () => core().sso.sessions(),
    'sso.login': ({ target, flow, operationId }) =>
      operations.run(operationId, (signal) => core().sso.login(target, { flow, signal })),
    'sso.logout': async ({ target }) => {
      await core().sso.logout(target);
      return null;
    },
    'sso.accounts': ({ target, operationId }) =>
      operations.run(operationId, (signal) => core().sso.listAccounts(target, { signal })),

    'endpoints.list': () => core().endpoints.list(),
    'endpoints.create': ({ endpoint }) => core().endpoints.create(endpoint),
    'endpoints.update': ({ id, endpoint }) => core().endpoints.update(id, endpoint),
    'endpoints.duplicate': ({ id }) => core().endpoints.duplicate(id),
    'endpoints.delete': async ({ id }) => {
      await core().endpoints.delete(id);
      return null;
    },
    'endpoints.setSecret': ({ id, mode, value }) => core().endpoints.setSecret(id, mode, value),

    'requests.run': ({ operationId, timeoutMs, ...request }) =>
      operations.run(operationId, async (signal) =>
        forRenderer(await core().requests.run(request, { signal, timeoutMs })),
      ),
    'requests.copyAsCode': ({ language, ...request }) =>
      exportAsCode(language, request, {
        endpoints: core().endpoints,
        credentials: core().credentials,
        activeProfile,
      }),

    'requests.fromCurl': async ({ text }) => curlImport(text, await core().endpoints.list()),

    'logs.forRequest': ({ operationId, ...input }) =>
      operations.run(operationId, (signal) => core().logs.forRequest(input, { signal })),

    'schema.load': ({ endpointId, refresh, source }) =>
      core().schemas.load(endpointId, { refresh, source }),

    'history.list': async (query) => core().history.list(query),
    'history.get': async ({ id }) => core().history.get(id),
    'history.delete': async ({ id }) => {
      core().history.delete(id);
      return null;
    },
    'history.clear': async () => {
      core().history.clear();
      return null;
    },
    'history.setRetention': async (retention) => {
      await core().settings.update({ historyRetention: retention });
      return { ...retention, removed: core().history.setRetention(retention) };
    },
    'history.retention': async () => (await core().settings.get()).historyRetention,

    ...collectionHandlers(core, operations),
    ...filesHandlers(core, deps.picker),
    ...realtimeHandlers(deps),
    ...eventsHandlers(deps),
    ...oidcHandlers(deps),

    'tabs.load': () => core().tabs.load(),
    'tabs.save': async (tabs) => {
      await core().tabs.save(tabs);
      return null;
    },

    'prompts.list': async () => prompter.open(),
    'prompts.respond': async ({ id, response }) => {
      prompter.respond(id, response);
      return null;
    },
    'prompts.cancel': async ({ id }) => {
      prompter.cancel(id);
      return null;
    },
    'operations.cancel': async ({ operationId }) => ({
      cancelled: operations.cancel(operationId),
    }),

    'workspace.get': () => deps.workspace.get(),
    'workspace.openDemo': () => deps.workspace.openDemo(),
    'workspace.leaveDemo': () => deps.workspace.leaveDemo(),
    'workspace.dismissVaultNotice': () => deps.workspace.dismissVaultNotice(),
    'app.info': async () => deps.app,
  };
}
