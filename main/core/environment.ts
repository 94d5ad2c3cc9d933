/**
 * The core's view of the process it runs in. Hosts pass it in (tests pass a temporary HOME and
 * data dir), so nothing in the core reads `process.env` or `os.homedir()` on its own.
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export type EnvVars = Readonly<Record<string, string | undefined>>;

export interface CoreEnvironment {
  env: EnvVars;
  homeDir: string;
  /** Where the app keeps its own files (settings, history, vault). */
  dataDir: string;
}

export const PRODUCT_NAME = 'AppSync Workbench';
export const DATA_DIR_ENV = 'APPSYNC_WORKBENCH_DATA_DIR';

/** The per-OS app data folder, the same one Electron's `userData` would pick for our product. */
export function defaultDataDir(env: EnvVars, home: string, os: NodeJS.Platform): string {
  const override = env[DATA_DIR_ENV];
  if (override) return override;
  if (os === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (os === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** The environment of the running process, for composition roots. */
export function processEnvironment(): CoreEnvironment {
  const env = process.env;
  const home = env.HOME || env.USERPROFILE || homedir();
  return { env, homeDir: home, dataDir: defaultDataDir(env, home, platform()) };
}
