/** What every group of contract handlers may use: the current core and the IPC-side ports. */
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import type { Clipboard, NativePicker } from '../core/ports.ts';
import type { WorkbenchCore } from '../core/workbench-core.ts';
import type { IpcPrompter } from './ipc-prompter.ts';
import type { OperationRegistry } from './operations.ts';
import type { Router } from './router.ts';

export interface HandlerDeps {
  /** The core served right now (it changes when the demo workspace opens or closes). */
  core(): WorkbenchCore;
  prompter: IpcPrompter;
  operations: OperationRegistry;
  clipboard: Clipboard;
  /** The host's open dialog, where it has one (the desktop). */
  picker?: NativePicker;
  /** Sends a main→renderer event (subscription batches, progress). */
  emit: Router['emit'];
  app: { host: 'electron' | 'web'; version: string; dataDir: string };
  workspace: {
    get(): Promise<WorkspaceDTO>;
    openDemo(): Promise<WorkspaceDTO>;
    leaveDemo(): Promise<WorkspaceDTO>;
    dismissVaultNotice(): Promise<WorkspaceDTO>;
  };
}
