/**
 * The real desktop app for a smoke test: Electron's own binary running dist/electron/main.cjs
 * (rebuilt first, so the test never drives a stale bundle) on a fresh HOME, through
 * playwright-core's `_electron`. Where the binary or a display is missing, `electronMissing`
 * says why in one line (as `npm start` does), for the test's skip reason.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronStatus } from '../../../scripts/electron-status.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PRELOAD = join(ROOT, 'dist', 'electron', 'preload.cjs');

/** Why the desktop app cannot be launched here (as `npm start` says it), or null when it can. */
export function electronMissing(): string | null {
  const status = electronStatus();
  return status.ok ? null : `the desktop app can't start: ${status.reason}`;
}

export interface DesktopApp {
  app: ElectronApplication;
  window: Page;
  close(): Promise<void>;
}

export async function launchDesktopApp(label: string): Promise<DesktopApp> {
  const status = electronStatus();
  if (!status.ok) throw new Error(status.reason);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.ts')], { cwd: ROOT });
  const home = await makeTempDir(label);
  const passed = ['PATH', 'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'XDG_RUNTIME_DIR'];
  const env: Record<string, string> = {
    HOME: home,
    APPSYNC_WORKBENCH_DATA_DIR: join(home, 'app-data'),
  };
  for (const name of passed) if (process.env[name]) env[name] = process.env[name];
  const app = await _electron.launch({
    executablePath: status.binary,
    // Chromium refuses to run its sandbox as root (a CI container); the renderer stays sandboxed.
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      join(ROOT, 'dist/electron/main.cjs'),
    ],
    cwd: ROOT,
    env,
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return { app, window, close: () => app.close() };
}
