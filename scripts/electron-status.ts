/** Can the desktop shell start on this machine? If not, says why in words a user can act on. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronStatus = { ok: true; binary: string } | { ok: false; reason: string };

export function electronStatus(env: NodeJS.ProcessEnv = process.env): ElectronStatus {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8')) : null;
  if (!binary || !existsSync(binary)) {
    return {
      ok: false,
      reason:
        "Electron's binary is not downloaded (this machine reaches only the npm registry; " +
        'run `npx install-electron` where it can reach GitHub)',
    };
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return {
      ok: false,
      reason: 'no display is available (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    };
  }
  return { ok: true, binary };
}
