/** A workbench as a host builds it, with a real file vault and an opener that records URLs. */
import type { CoreEnvironment } from '../../main/core/environment.ts';
import type { Opener } from '../../main/core/ports.ts';
import { FileVault } from '../../main/core/vault/file-vault.ts';
import { createWorkbench, type Workbench } from '../../main/ipc/workbench-router.ts';

export interface RecordingOpener extends Opener {
  opened: string[];
}

export function recordingOpener(): RecordingOpener {
  const opened: string[] = [];
  return {
    opened,
    async open(url) {
      opened.push(url);
    },
  };
}

export function testWorkbench(
  environment: CoreEnvironment,
): Workbench & { opener: RecordingOpener } {
  const opener = recordingOpener();
  const workbench = createWorkbench(environment, {
    host: 'web',
    version: 'test',
    opener,
    vault: new FileVault(environment.dataDir),
  });
  return { ...workbench, opener };
}
