/**
 * Opens a URL that is a credential (the web host's launch URL, a console sign-in URL) in a
 * browser without writing it on a command line, where `ps` shows it to every user of the
 * machine: a private HTML file forwards the browser to it (Jupyter's way), and the browser's
 * argv carries only that file's URL.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LaunchPage {
  /** The file:// URL to hand to the browser. */
  url: string;
  remove(): void;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LaunchPageText {
  title: string;
  opening: string;
}

const WORKBENCH: LaunchPageText = { title: 'AppSync Workbench', opening: 'AppSync Workbench' };

export async function writeLaunchPage(
  launchUrl: string,
  text: LaunchPageText = WORKBENCH,
): Promise<LaunchPage> {
  // mkdtemp makes the folder 0700 and the file is 0600: only this user can read the code.
  const dir = await mkdtemp(join(tmpdir(), 'appsync-workbench-'));
  const file = join(dir, 'open-workbench.html');
  const href = escapeHtml(launchUrl);
  await writeFile(
    file,
    `<!doctype html>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${href}">
<title>${escapeHtml(text.title)}</title>
<p>Opening ${escapeHtml(text.opening)}… If nothing happens, <a href="${href}">open it here</a>.</p>
`,
    { mode: 0o600, flag: 'wx' },
  );
  return {
    url: pathToFileURL(file).href,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What a console sign-in page says. */
export const CONSOLE_PAGE: LaunchPageText = {
  title: 'AWS console sign-in',
  opening: 'the AWS console',
};
