/**
 * `npm start`: builds, then launches the desktop app; where Electron can't start, says why in
 * one line and opens the loopback web host instead (same renderer, same contract).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronStatus } from './electron-status.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => child.kill(signal));
    }
  });
}

const built = await run(process.execPath, ['--run', 'build']);
if (built !== 0) process.exit(built);

const status = electronStatus();
if (status.ok) {
  process.exit(await run(status.binary, ['.']));
}
console.log(
  `AppSync Workbench: the desktop app can't start: ${status.reason}. Opening the web host instead.`,
);
process.exit(await run(process.execPath, ['main/web/start.mjs', '--open']));
