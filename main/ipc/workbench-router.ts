/** Connects the contract's methods to the core's services, and core notifications to events. */
import type { WorkbenchCore } from '../core/workbench-core.ts';
import { createRouter, type Router } from './router.ts';

export interface HostInfo {
  host: 'electron' | 'web';
  version: string;
}

export interface WorkbenchRouter {
  router: Router;
  /** Stops file watchers and other background work. */
  close(): void;
}

export function createWorkbenchRouter(core: WorkbenchCore, info: HostInfo): WorkbenchRouter {
  const router = createRouter({
    'profiles.list': () => core.profiles.list(),
    'profiles.select': ({ name }) => core.profiles.select(name),
    'app.info': async () => ({ ...info, dataDir: core.environment.dataDir }),
  });
  const stopWatching = core.profiles.watch((list) => router.emit('profiles.changed', list));
  return { router, close: stopWatching };
}
