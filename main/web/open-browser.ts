/** Opens a URL in the user's browser: $BROWSER first (as git and Python do), else the OS default. */
import { spawn } from 'node:child_process';
import { CONSOLE_PAGE, writeLaunchPage, type LaunchPage } from '../hosting/launch-page.ts';

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

const pages = new Set<LaunchPage>();
/** How long a private page is kept: the sign-in URLs it forwards to last 15 minutes. */
const PAGE_LIFETIME_MS = 15 * 60_000;

/** Opens a URL that is a credential through a private page, so it stays off the browser's argv. */
export async function openPrivately(url: string): Promise<boolean> {
  const page = await writeLaunchPage(url, CONSOLE_PAGE);
  if (pages.size === 0) process.once('exit', () => pages.forEach((p) => p.remove()));
  pages.add(page);
  setTimeout(() => {
    page.remove();
    pages.delete(page);
  }, PAGE_LIFETIME_MS).unref();
  return openInBrowser(page.url);
}
