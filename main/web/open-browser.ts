/** Opens a URL in the user's browser: $BROWSER first (as git and Python do), else the OS default. */
import { spawn } from 'node:child_process';

export function openInBrowser(url: string): boolean {
  const fromEnv = process.env.BROWSER?.split(':')[0];
  const command =
    fromEnv ||
    (process.platform === 'darwin'
      ? 'open'
      : process.platform === 'win32'
        ? 'explorer'
        : 'xdg-open');
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
