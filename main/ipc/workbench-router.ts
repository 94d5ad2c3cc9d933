/**
 * Assembles one workbench for a host: the core with its ports, the router that exposes it over
 * the contract, and the IPC side of the ports that talk to a person (prompts) or cancel work.
 * The core can be swapped for the demo workspace's and back; handlers always reach the current.
 */
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { headOf } from '../../shared/profiles.ts';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import {
  demoDataDir,
  demoEnvironment,
  demoWorkspaceDTO,
  ensureDemoEndpoint,
  ensureDemoFirstTab,
  ensureDemoEventEndpoint,
  type DemoLauncher,
} from '../core/demo/demo-workspace.ts';
import type { CoreEnvironment } from '../core/environment.ts';
import type { Clipboard, NativePicker, Opener, SecretVault } from '../core/ports.ts';
import type { VaultNoticeSource } from '../core/vault/vault-notice.ts';
import { createWorkbenchCore, type WorkbenchCore } from '../core/workbench-core.ts';
import { createContractHandlers } from './handler-map.ts';
import { IpcPrompter } from './ipc-prompter.ts';
import { OperationRegistry } from './operations.ts';
import { createRouter, type Router } from './router.ts';
import { readWorkspaceChoice, saveWorkspaceChoice } from './workspace-switch.ts';

export interface HostInfo {
  host: 'electron' | 'web';
  version: string;
  opener: Opener;
  vault: SecretVault;
  /** Present where the vault has something to tell the user once (the desktop's). */
  vaultNotice?: VaultNoticeSource;
  clipboard: Clipboard;
  /** Present where this host has its own open dialog (the desktop). */
  picker?: NativePicker;
  /** Present where this host can run the local sandbox (desktop, web host). */
  demo?: DemoLauncher;
}

export interface Workbench {
  /** The core currently served (the user's, or the demo workspace's). */
  readonly core: WorkbenchCore;
  router: Router;
  /** Reopens the workspace chosen last time (the demo, if the user left it open). */
  restore(): Promise<void>;
  /** Stops file watchers, cancels running work, closes the history database. */
  close(): Promise<void>;
}

export function createWorkbench(environment: CoreEnvironment, info: HostInfo): Workbench {
  // The prompter emits through the router, which is built from handlers that need the core,
  // which needs the prompter: the closure breaks the cycle.
  let router: Router | undefined = undefined;
  const prompter = new IpcPrompter({
    emitRequested: (prompt) => router?.emit('prompts.requested', prompt),
    emitClosed: (id) => router?.emit('prompts.closed', { id }),
  });
  const source = info.host === 'electron' ? 'desktop' : 'web';
  const build = (env: CoreEnvironment) =>
    createWorkbenchCore(env, { prompter, opener: info.opener, vault: info.vault }, source);

  let core = build(environment);
  let workspace: Omit<WorkspaceDTO, 'vaultNotice'> = {
    kind: 'user',
    demoAvailable: !!info.demo,
    demo: null,
  };
  // Asked afresh each time, so a dismissal shows at once.
  const describe = async (): Promise<WorkspaceDTO> => ({
    ...workspace,
    vaultNotice: (await info.vaultNotice?.notice()) ?? null,
  });
  let stopWatching = () => {};
  const operations = new OperationRegistry();

  const follow = () => {
    stopWatching();
    const stopProfiles = core.profiles.watch((list) =>
      router?.emit('profiles.changed', headOf(list)),
    );
    const stopCollections = core.collections.on('changed', (change) =>
      router?.emit('collections.changed', change),
    );
    stopWatching = () => {
      stopProfiles();
      stopCollections();
    };
  };

  const swap = async (next: WorkbenchCore, nextWorkspace: typeof workspace) => {
    const previous = core;
    operations.cancelAll();
    core = next;
    workspace = nextWorkspace;
    follow();
    await previous.close();
    router?.emit('workspace.changed', await describe());
  };

  const openDemo = async (): Promise<WorkspaceDTO> => {
    if (!info.demo) {
      throw new AppError(
        'INVALID_INPUT',
        'This host cannot run the local sandbox; `appsync-workbench sandbox` runs it from a terminal.',
      );
    }
    if (workspace.kind === 'demo') return describe();
    const sandbox = await info.demo.start(join(demoDataDir(environment.dataDir), 'aws'));
    const next = build(demoEnvironment(environment, sandbox));
    const endpointId = await ensureDemoEndpoint(next.endpoints, sandbox);
    const eventEndpointId = await ensureDemoEventEndpoint(next.endpoints, sandbox);
    await ensureDemoFirstTab(next.tabs, endpointId);
    await next.profiles.select(sandbox.firstProfile);
    await swap(next, {
      kind: 'demo',
      demoAvailable: true,
      demo: demoWorkspaceDTO(sandbox, endpointId, eventEndpointId),
    });
    await saveWorkspaceChoice(environment.dataDir, 'demo');
    return describe();
  };

  const leaveDemo = async (): Promise<WorkspaceDTO> => {
    if (workspace.kind === 'user') return describe();
    await swap(build(environment), { kind: 'user', demoAvailable: !!info.demo, demo: null });
    await info.demo?.stop();
    await saveWorkspaceChoice(environment.dataDir, 'user');
    return describe();
  };

  router = createRouter(
    createContractHandlers({
      core: () => core,
      prompter,
      operations,
      clipboard: info.clipboard,
      picker: info.picker,
      emit: (event, payload) => router?.emit(event, payload),
      app: { host: info.host, version: info.version, dataDir: environment.dataDir },
      workspace: {
        get: describe,
        openDemo,
        leaveDemo,
        dismissVaultNotice: async () => {
          await info.vaultNotice?.dismissNotice();
          return describe();
        },
      },
    }),
  );
  follow();
  const activeRouter = router;
  return {
    get core() {
      return core;
    },
    router: activeRouter,
    async restore() {
      if (info.demo && (await readWorkspaceChoice(environment.dataDir)) === 'demo') {
        await openDemo();
      }
    },
    async close() {
      stopWatching();
      operations.cancelAll();
      await core.close();
      await info.demo?.stop();
    },
  };
}
