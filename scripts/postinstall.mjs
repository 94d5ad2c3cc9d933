// After `npm install`: fetch Electron's binary if we can, and say in one line when we can't.
// Never fails the install: without the binary, `npm start` opens the loopback web host instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies: nothing to do
}

const pathFile = join(electronDir, 'path.txt');
const installed =
  existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
if (installed || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
  encoding: 'utf8',
  timeout: 120_000,
});
if (result.status !== 0) {
  const reason =
    `${result.stderr ?? ''}`.split('\n').find((line) => line.trim() && !/^\s+at /.test(line)) ??
    'timed out';
  console.log(
    `appsync-workbench: Electron's binary could not be downloaded (${reason.trim()}); ` +
      '`npm start` will open the loopback web host instead.',
  );
}
