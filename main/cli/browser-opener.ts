/**
 * The Opener port on the command line: the URL is always printed (on stderr, so stdout stays
 * clean), then opened with the browser named by $BROWSER — as git and Python's webbrowser read
 * it: a list of commands separated by the path delimiter, `%s` standing for the URL — or else
 * the OS default. A browser that cannot start is not an error: the printed URL still works.
 */
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import type { EnvVars } from '../core/environment.ts';
import type { Opener } from '../core/ports.ts';

export function browserCommands(env: EnvVars, url: string, os = process.platform): string[][] {
  const named = (env.BROWSER ?? '')
    .split(delimiter)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const words = entry.split(/\s+/);
      return words.some((w) => w.includes('%s'))
        ? words.map((w) => w.replaceAll('%s', url))
        : [...words, url];
    });
  if (named.length) return named;
  if (os === 'darwin') return [['open', url]];
  if (os === 'win32') return [['explorer', url]];
  return [['xdg-open', url]];
}

function start(command: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    if (!file) return resolve(false);
    const child = spawn(file, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/** Starts the first browser command that runs; false when none could start. */
export async function launchBrowser(env: EnvVars, url: string): Promise<boolean> {
  for (const command of browserCommands(env, url)) {
    if (await start(command)) return true;
  }
  return false;
}

export class BrowserOpener implements Opener {
  readonly #env: EnvVars;
  readonly #say: (line: string) => void;

  constructor(env: EnvVars, say: (line: string) => void) {
    this.#env = env;
    this.#say = say;
  }

  async open(url: string): Promise<void> {
    this.#say(`Opening your browser to sign in. If it does not open, visit:\n  ${url}`);
    await launchBrowser(this.#env, url);
  }
}
