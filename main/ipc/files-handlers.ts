/** Picking folders and files: the host's dialog where it has one, else the home-rooted browser. */
import type { filesMethods } from '../../shared/contract/files-methods.ts';
import { listFolder } from '../core/files/folder-browser.ts';
import type { NativePicker } from '../core/ports.ts';
import type { WorkbenchCore } from '../core/workbench-core.ts';
import type { DomainHandlers } from './router.ts';

export function filesHandlers(
  core: () => WorkbenchCore,
  picker: NativePicker | undefined,
): DomainHandlers<typeof filesMethods> {
  return {
    'files.pick': async ({ kind, title }) =>
      picker
        ? { native: true, path: await picker.pick(kind, title) }
        : { native: false, path: null },
    'files.listFolders': ({ path, kind, showHidden }) =>
      listFolder(core().environment.homeDir, path, { kind, showHidden }),
  };
}
