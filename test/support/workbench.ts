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
): Workbench & { opener: RecordingOpener; clipboard: string[] } {
  const opener = recordingOpener();
  // The OS clipboard stands outside the app; the test reads what main put there.
  const clipboard: string[] = [];
  const workbench = createWorkbench(environment, {
    host: 'web',
    version: 'test',
    opener,
    vault: new FileVault(environment.dataDir),
    clipboard: { writeText: async (text) => void clipboard.push(text) },
  });
  return { ...workbench, opener, clipboard };
}
