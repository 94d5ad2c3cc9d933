/**
 * Assembles one workbench for a host: the core with its ports, the router that exposes it over
 * the contract, and the IPC side of the ports that talk to a person (prompts) or cancel work.
 */
import type { CoreEnvironment } from '../core/environment.ts';
import type { Opener, SecretVault } from '../core/ports.ts';
import { createWorkbenchCore, type WorkbenchCore } from '../core/workbench-core.ts';
import { IpcPrompter } from './ipc-prompter.ts';
import { OperationRegistry } from './operations.ts';
import { createRouter, type Router } from './router.ts';

export interface HostInfo {
  host: 'electron' | 'web';
  version: string;
  opener: Opener;
  vault: SecretVault;
}

export interface Workbench {
  core: WorkbenchCore;
  router: Router;
  /** Stops file watchers, cancels running work. */
  close(): void;
}

export function createWorkbench(environment: CoreEnvironment, info: HostInfo): Workbench {
  // The prompter emits through the router, which is built from handlers that need the core,
  // which needs the prompter: the closure breaks the cycle.
  let router: Router | undefined = undefined;
  const prompter = new IpcPrompter({
    emitRequested: (prompt) => router?.emit('prompts.requested', prompt),
    emitClosed: (id) => router?.emit('prompts.closed', { id }),
  });
  const core = createWorkbenchCore(environment, {
    prompter,
    opener: info.opener,
    vault: info.vault,
  });
  const operations = new OperationRegistry();
  router = createRouter({
    'profiles.list': () => core.profiles.list(),
    'profiles.select': ({ name }) => core.profiles.select(name),
    'profiles.pin': ({ name, pinned }) => core.profiles.pin(name, pinned),
    'profiles.setEnvironmentPatterns': (patterns) => core.profiles.setEnvironmentPatterns(patterns),
    'credentials.identity': ({ profile, operationId }) =>
      operations.run(operationId, (signal) => core.credentials.identity(profile, { signal })),
    'credentials.chain': ({ profile }) => core.credentials.chain(profile),
    'credentials.forget': async ({ profile }) => {
      core.credentials.forget(profile);
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
    'app.info': async () => ({
      host: info.host,
      version: info.version,
      dataDir: environment.dataDir,
    }),
  });
  const activeRouter = router;
  const stopWatching = core.profiles.watch((list) => activeRouter.emit('profiles.changed', list));
  return {
    core,
    router: activeRouter,
    close() {
      stopWatching();
      operations.cancelAll();
      core.close();
    },
  };
}
