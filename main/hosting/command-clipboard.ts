/**
 * The loopback web host's clipboard: main runs on the user's own machine, so it hands the text
 * to the OS clipboard tool (pbcopy, clip, wl-copy, xclip or xsel) on stdin — never to the page.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../../shared/errors.ts';
import type { Clipboard } from '../core/ports.ts';

const CANDIDATES: Record<string, string[][]> = {
  darwin: [['pbcopy']],
  win32: [['clip']],
  linux: [['wl-copy'], ['xclip', '-selection', 'clipboard'], ['xsel', '--clipboard', '--input']],
};

function pipeTo(command: string[], text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
    child.stdin.end(text);
  });
}

export function commandClipboard(platform: NodeJS.Platform = process.platform): Clipboard {
  return {
    async writeText(text) {
      for (const command of CANDIDATES[platform] ?? CANDIDATES.linux ?? []) {
        if (await pipeTo(command, text)) return;
      }
      throw new AppError(
        'NOT_FOUND',
        'No clipboard tool found (wl-copy, xclip or xsel on Linux). Install one, or run `appsync-workbench export-credentials --profile NAME --format env` in a terminal.',
      );
    },
  };
}
