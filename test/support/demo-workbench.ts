/**
 * What the IPC handler tests of streams share: a core that fails the test if anything touches
 * it (bad input must be refused first), and a real workbench with the demo workspace open,
 * whose events the test hears, with a typed `call` and an `until` that wakes on every event.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FileVault } from '../../main/core/vault/file-vault.ts';
import type { WorkbenchCore } from '../../main/core/workbench-core.ts';
import { createDemoLauncher } from '../../main/hosting/demo-launcher.ts';
import type { Handlers, Router } from '../../main/ipc/router.ts';
import { createWorkbench, type Workbench } from '../../main/ipc/workbench-router.ts';
import { METHOD_NAMES } from '../../shared/contract.ts';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import { makeTempDir } from './web-host-process.ts';
import { recordingOpener } from './workbench.ts';

/** A core that records every property read of it, and handlers that fail when called. */
export function untouchedCore(): { core: WorkbenchCore; touched: string[]; unused: Handlers } {
  const touched: string[] = [];
  const core = new Proxy({} as WorkbenchCore, {
    get: (_target, name) => {
      touched.push(String(name));
      return undefined;
    },
  });
  const unused = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, async () => assert.fail(`${m} is not used here`)]),
  ) as unknown as Handlers;
  return { core, touched, unused };
}

/** Each input is refused as INVALID_INPUT with a message matching its pattern. */
export async function assertRefused(
  router: Router,
  cases: readonly [method: string, input: unknown, message: RegExp][],
): Promise<void> {
  for (const [method, input, message] of cases) {
    const result = await router.dispatch(method, input);
    assert.equal(result.ok, false, `${method} ${JSON.stringify(input)} was accepted`);
    if (!result.ok) {
      assert.equal(result.error.code, 'INVALID_INPUT', `${method} ${JSON.stringify(input)}`);
      assert.match(result.error.message, message);
    }
  }
}

export interface DemoWorkbench {
  workbench: Workbench;
  workspace: WorkspaceDTO;
  call<T>(method: string, input: unknown): Promise<T>;
  /** Resolves once `check` holds, re-checking on every event; fails after 5 s. */
  until(check: () => boolean, what: string): Promise<void>;
}

export async function openDemoWorkbench(
  name: string,
  onEvent: (event: string, payload: unknown) => void,
): Promise<DemoWorkbench> {
  const home = await makeTempDir(name);
  const dataDir = join(home, 'data');
  const workbench = createWorkbench(
    { env: {}, homeDir: home, dataDir },
    {
      host: 'web',
      version: 'test',
      opener: recordingOpener(),
      vault: new FileVault(dataDir),
      clipboard: { writeText: async () => undefined },
      demo: createDemoLauncher(),
    },
  );
  let wake = () => {};
  workbench.router.onEvent((event, payload) => {
    onEvent(event, payload);
    wake();
  });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await workbench.router.dispatch(method, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  const workspace = await call<WorkspaceDTO>('workspace.openDemo', {});
  return { workbench, workspace, call, until };
}
