/**
 * The web host behind `start.mjs`: starts it on this machine's environment and prints its
 * single-use launch URL; each line typed on stdin (Enter) prints a fresh one. Flags: --port N,
 * --open (open the URL in a browser, through a private file so the code stays off argv),
 * --exit-on-stdin-end (used by tests so the server never outlives the process that started it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { processEnvironment } from '../core/environment.ts';
import { FileVault } from '../core/vault/file-vault.ts';
import { commandClipboard } from '../hosting/command-clipboard.ts';
import { createDemoLauncher } from '../hosting/demo-launcher.ts';
import { createWorkbench } from '../ipc/workbench-router.ts';
import { openInBrowser, openPrivately } from './open-browser.ts';
import { writeLaunchPage } from '../hosting/launch-page.ts';
import { startWebHost } from './web-host.ts';
import packageJson from '../../package.json' with { type: 'json' };

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    open: { type: 'boolean', default: false },
    'exit-on-stdin-end': { type: 'boolean', default: false },
  },
});

const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
if (!existsSync(`${rendererDir}index.html`)) {
  console.error(`The renderer is not built (${rendererDir} is empty): run "npm run build" first.`);
  process.exit(1);
}

const environment = processEnvironment();
const workbench = createWorkbench(environment, {
  host: 'web',
  version: packageJson.version,
  // A URL that is a credential (the console sign-in) goes through a private page, off argv.
  opener: {
    open: async (url, options) =>
      void (options?.secret ? await openPrivately(url) : openInBrowser(url)),
  },
  vault: new FileVault(environment.dataDir),
  demo: createDemoLauncher(),
  clipboard: commandClipboard(),
});
await workbench.restore();
const host = await startWebHost({
  router: workbench.router,
  rendererDir,
  port: Number(values.port),
});

console.log(`AppSync Workbench web host: ${host.url}`);
console.log('(the link works once; press Enter here for another)');
if (values.open) {
  const page = await writeLaunchPage(host.url);
  process.once('exit', page.remove);
  openInBrowser(page.url);
}
createInterface({ input: process.stdin }).on('line', () => {
  console.log(`AppSync Workbench web host: ${host.newLaunchUrl()}`);
});

const stop = async () => {
  await workbench.close();
  await host.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (values['exit-on-stdin-end']) process.stdin.on('end', stop);
